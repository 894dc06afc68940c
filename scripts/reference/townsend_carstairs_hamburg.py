#!/usr/bin/env python3
"""Independent Townsend and Carstairs indices for Hamburg's 99 Stadtteil rows (Stadtteilprofile 2014), numpy only.

Proxies (the profiles have no census overcrowding or tenure): U = Arbeitslosenanteil in % (column 33),
O = Anteil SGB II in % (39), no car = 1000 - PKW-Dichte (cars per 1,000 inhabitants, 69),
not owner-occupied = 100 - Anteil Wohnungen in Ein-/Zweifamilienhaeusern in % (49); weights = Bevoelkerung (2).
Townsend: z(ln(U+1)) + z(ln(O+1)) + z(noCar) + z(notOwner), population SD (numpy ddof=0).
Carstairs: sum of z with population-weighted mean and SD of U, O, noCar, notOwner.

Run: python3 scripts/reference/townsend_carstairs_hamburg.py ../shared/data/hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv
Its output is embedded in Tests/QuartierMethodsTests/Indices/TownsendCarstairsTests.swift.
"""
import sys
import numpy as np

def number(text):
    return float(text.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))

with open(sys.argv[1], encoding="utf-8-sig") as f:
    rows = [line.rstrip("\r\n").split(";") for line in f][1:100]
pop = np.array([number(r[1]) for r in rows])
u = np.array([number(r[32]) for r in rows])
o = np.array([number(r[38]) for r in rows])
no_car = 1000 - np.array([number(r[68]) for r in rows])
not_owner = 100 - np.array([number(r[48]) for r in rows])

def z(x):
    return (x - x.mean()) / x.std(ddof=0)

def wz(x, w):
    m = np.average(x, weights=w)
    return (x - m) / np.sqrt(np.average((x - m) ** 2, weights=w))

townsend = z(np.log(u + 1)) + z(np.log(o + 1)) + z(no_car) + z(not_owner)
carstairs = sum(wz(x, pop) for x in (u, o, no_car, not_owner))
print("// numpy", np.__version__, "rows", len(rows))
print("static let townsend: [Double] = [" + ", ".join(f"{v:.10f}" for v in townsend) + "]")
print("static let carstairs: [Double] = [" + ", ".join(f"{v:.10f}" for v in carstairs) + "]")
