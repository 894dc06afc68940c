"""Reference breaks from mapclassify for Tests/QuartierMethodsTests/Classification.

Run: python3 scripts/reference/classification_reference.py   (mapclassify 2.10.0, numpy, from the package root)
Prints Swift test-table rows: (name, method, k, bins, counts, gadf). The Berlin values are the
official PLR areas (flaeche_qm_amtlich) of ../shared/data/berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson.
"""
import json
import warnings
import numpy as np
import mapclassify as mc

warnings.simplefilter("ignore")

with open("../shared/data/berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson") as f:
    berlin = np.array([ft["properties"]["flaeche_qm_amtlich"] for ft in json.load(f)["features"]], dtype=float)

small = {
    "ties": np.array([1, 1, 1, 1, 2, 2, 3, 4, 5, 5, 5, 9], dtype=float),
    "skewed": np.array([0.5, 1.25, 2.0, 2.1, 2.2, 3.7, 4.4, 4.5, 9.9, 10.0, 12.5, 13.1, 20.0, 44.0, 45.5, 100.0], dtype=float),
    "fewdistinct": np.array([3, 3, 7, 7, 7, 8], dtype=float),
}
sets = {"berlin": berlin, **small}


def row(name, method, k, c):
    bins = ", ".join(repr(float(b)) for b in c.bins)
    counts = ", ".join(str(int(x)) for x in c.counts)
    print(f'    ("{name}", "{method}", {k}, [{bins}], [{counts}], {float(c.gadf)!r}),')


for name, y in sets.items():
    for k in (3, 4, 5, 7):
        if k > len(np.unique(y)) and name != "fewdistinct":
            continue
        row(name, "quantiles", k, mc.Quantiles(y, k=k))
        row(name, "equalInterval", k, mc.EqualInterval(y, k=k))
        if k <= len(np.unique(y)):
            row(name, "fisherJenks", k, mc.FisherJenks(y, k=k))
    row(name, "stdMean", 0, mc.StdMean(y))
    row(name, "headTail", 0, mc.HeadTailBreaks(y))
# k larger than the number of distinct values: mapclassify's FisherJenks refuses.
try:
    mc.FisherJenks(small["fewdistinct"], k=4)
except ValueError as e:
    print("    // FisherJenks(fewdistinct, k=4):", e)
