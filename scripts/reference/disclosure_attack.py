#!/usr/bin/env python3
"""Independent attack on a protected Quartier table (issue 9): for every suppressed cell, solve
min and max of its value with scipy.optimize.linprog (HiGHS) subject to every published value, the
table's additivity constraints and non-negativity, and compare with the protection levels.

This shares no code with the Swift engine: it reads the TABLE CSV format documented for
`quartier disclosure apply --protected` (columns area, group, value, status, parent, parent_<system>)
and rebuilds the constraints itself.

Usage: disclosure_attack.py TABLE.csv [--group-total total] [--lower 1] [--upper 1] [--relative 0]
Prints one line `cells=<suppressed> exposed=<n> min_width=<w>` and, per exposed cell,
`EXPOSED area,group,value,lower,upper`. Exit status 0 (the caller judges the numbers).
"""
import argparse
import csv
import math
import sys

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--group-total", default="total")
    ap.add_argument("--lower", type=float, default=1)
    ap.add_argument("--upper", type=float, default=1)
    ap.add_argument("--relative", type=float, default=0)
    a = ap.parse_args()

    with open(a.table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = rows[0].keys() if rows else []
    systems = [c for c in header if c == "parent" or c.startswith("parent_")]
    has_group = "group" in header
    key = {}
    for i, r in enumerate(rows):
        key[(r["area"], r["group"] if has_group else "")] = i
    groups = sorted({k[1] for k in key})
    areas = sorted({k[0] for k in key})
    equations = []  # (total index, [part indices])
    if a.group_total in groups:
        for area in areas:
            equations.append((key[(area, a.group_total)], [key[(area, g)] for g in groups if g != a.group_total]))
    for system in systems:
        children = {}
        for area in areas:
            r = rows[key[(area, groups[0])]]
            p = r.get(system, "")
            if p:
                children.setdefault(p, []).append(area)
        for p, kids in children.items():
            for g in groups:
                equations.append((key[(p, g)], [key[(k, g)] for k in kids]))

    suppressed = [i for i, r in enumerate(rows) if r["status"] != "published"]
    col = {i: k for k, i in enumerate(suppressed)}
    values = [float(r["value"]) for r in rows]
    A = lil_matrix((len(equations), len(suppressed)))
    b = np.zeros(len(equations))
    for e, (t, parts) in enumerate(equations):
        for cell, sign in [(t, 1.0)] + [(p, -1.0) for p in parts]:
            if cell in col:
                A[e, col[cell]] += sign
            else:
                b[e] -= sign * values[cell]
    keep = [e for e in range(len(equations)) if A.rows[e]]
    A = A[keep, :].tocsr()
    b = b[keep]
    exposed = 0
    min_width = math.inf
    n = len(suppressed)
    for k, i in enumerate(suppressed):
        c = np.zeros(n)
        c[k] = 1
        lo = linprog(c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        hi = linprog(-c, A_eq=A, b_eq=b, bounds=(0, None), method="highs")
        low = lo.fun if lo.status == 0 else -math.inf
        high = -hi.fun if hi.status == 0 else math.inf
        x = values[i]
        need_low = x - min(x, max(a.lower, a.relative * x))
        need_high = x + max(a.upper, a.relative * x)
        min_width = min(min_width, high - low)
        # Only primary cells must be protected; secondary cells are publishable values.
        if rows[i]["status"] == "primary" and (low > need_low + 1e-6 or high < need_high - 1e-6):
            exposed += 1
            r = rows[i]
            print(f"EXPOSED {r['area']},{r.get('group', '')},{x:g},{low:g},{high:g}")
    print(f"cells={n} exposed={exposed} min_width={min_width:g}")


if __name__ == "__main__":
    sys.exit(main())
