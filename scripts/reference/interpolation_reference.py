"""tobler 0.13.0 area interpolation of the Berlin MSS 2019 (447 PLR) onto the 2021 PLR (542), for
Tests/QuartierTests/Interpolation.

Run from the package root:  python3 scripts/reference/interpolation_reference.py
Status index 2019 by the MSS method (METHODS.md): z-scores of s1, s3, s4 with the population SD over the
436 valid areas (kom == gültig), summed, the sum z-standardised again. Extensive: inhabitants (all 447);
intensive: the status index (valid areas only; the others are dropped from the source, as Quartier skips them).
tobler stores the intersection table in float32 (area_interpolate.py, `coo_matrix(..., dtype=np.float32)`), so its
results differ from a Float64 computation by ~1e-7 relative; the script also writes the same formulas on a float64
table of shapely intersection areas (columns *_f64), which Quartier must match to 1e-9.
Writes Tests/Fixtures/Spatial/berlin_2019_to_2021_tobler.csv (plr_id, inhabitants, status_index, inhabitants_f64,
status_index_f64) and prints totals.
"""
import csv
import warnings

import geopandas as gpd
import numpy as np
from tobler.area_weighted import area_interpolate

warnings.simplefilter("ignore")
DATA = "../shared/data"
src = gpd.read_file(f"{DATA}/berlin-mss-2013-2019/lor_planungsraeume_bis2020_epsg25833.geojson")
tgt = gpd.read_file(f"{DATA}/berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson")
rows = {}
with open(f"{DATA}/berlin-mss-2013-2019/mss2019_indexindikatoren_anteile_plr.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        rows[r["id"]] = r
valid = [i for i in rows if rows[i]["kom"] == "gültig"]
cols = ["s1_percentage_unemployed", "s3_percentage_transfer_payments_recipients",
        "s4_percentage_transfer_payments_recipients_below_15_years"]
z = {}
total = np.zeros(len(valid))
for c in cols:
    x = np.array([float(rows[i][c]) for i in valid])
    total += (x - x.mean()) / x.std()  # population SD (ddof=0)
si = (total - total.mean()) / total.std()
index = dict(zip(valid, si))
src["inhabitants"] = [float(rows[i]["inhabitants"]) for i in src["plr_id"]]
src["status_index"] = [index.get(i, np.nan) for i in src["plr_id"]]

ext = area_interpolate(src, tgt, extensive_variables=["inhabitants"])
valid_src = src[src["status_index"].notna()].reset_index(drop=True)
inten = area_interpolate(valid_src, tgt, intensive_variables=["status_index"])
# The same allocation on a float64 table (tobler's formulas, allocate_total=True).
ids_src, ids_tgt = tgt.sindex.query(src.geometry, predicate="intersects")
areas = src.geometry.values[ids_src].intersection(tgt.geometry.values[ids_tgt]).area
from scipy.sparse import coo_matrix
table = coo_matrix((areas, (ids_src, ids_tgt)), shape=(len(src), len(tgt))).tocsr()
row = np.asarray(table.sum(axis=1)).ravel()
ext64 = np.asarray(table.multiply((src["inhabitants"].values / row)[:, None]).sum(axis=0)).ravel()
v = src["status_index"].values
ok = ~np.isnan(v)
t_ok = table[ok]
int64 = np.asarray(t_ok.multiply(v[ok][:, None]).sum(axis=0)).ravel() / np.asarray(t_ok.sum(axis=0)).ravel()
print("float64 target inhabitants", ext64.sum())
print("source inhabitants", src["inhabitants"].sum(), "target", ext["inhabitants"].sum())
print("max status index 2019:", max(index.items(), key=lambda kv: kv[1]))
with open("Tests/Fixtures/Spatial/berlin_2019_to_2021_tobler.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["plr_id", "inhabitants", "status_index", "inhabitants_f64", "status_index_f64"])
    for i, plr in enumerate(tgt["plr_id"]):
        out.writerow([plr, repr(float(ext["inhabitants"][i])), repr(float(inten["status_index"][i])),
                      repr(float(ext64[i])), repr(float(int64[i]))])
