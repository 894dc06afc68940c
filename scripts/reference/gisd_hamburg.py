#!/usr/bin/env python3
"""Independent GISD-style index for Hamburg's 99 Stadtteil rows (Stadtteilprofile 2014), numpy only.

Dimensions (1-based columns of the profile): employment = Arbeitslosenanteil % (33), SGB II % (39);
income = Durchschnittliches Einkommen EUR (44), under-15s in Mindestsicherung % (41);
housing = Sozialwohnungsanteil % (53), Wohnungen in Ein-/Zweifamilienhaeusern % (49).
Per dimension: z with the sample SD (ddof=1), first eigenvector of the correlation matrix (numpy.linalg.eigh),
sign such that the score correlates positively with the dimension's reference indicator (33, 41, 53),
score min-max rescaled to [0, 1]; the sum of the dimensions rescaled to [0, 1]. (Kroll et al. 2017.)

Run: python3 scripts/reference/gisd_hamburg.py ../shared/data/hamburg-2014/stadtteilprofile_2014_statistikamt_nord.csv
Its output is embedded in Tests/QuartierMethodsTests/Indices/GISDTests.swift.
"""
import sys
import numpy as np

def number(text):
    return float(text.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))

with open(sys.argv[1], encoding="utf-8-sig") as f:
    rows = [line.rstrip("\r\n").split(";") for line in f][1:100]
col = lambda c: np.array([number(r[c - 1]) for r in rows])
dimensions = [([33, 39], 0), ([44, 41], 1), ([53, 49], 0)]

def rescale(x):
    return (x - x.min()) / (x.max() - x.min())

scores = []
for columns, reference in dimensions:
    z = np.column_stack([(col(c) - col(c).mean()) / col(c).std(ddof=1) for c in columns])
    values, vectors = np.linalg.eigh(np.corrcoef(z, rowvar=False))
    v = vectors[:, np.argmax(values)]
    score = z @ v
    if np.dot(score, z[:, reference]) < 0:
        score = -score
    scores.append(rescale(score))
index = rescale(sum(scores))
print("// numpy", np.__version__, "rows", len(rows))
print("static let index: [Double] = [" + ", ".join(f"{v:.12f}" for v in index) + "]")
