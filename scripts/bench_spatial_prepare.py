"""Prepares the input of scripts/bench-spatial.sh (not timed): all 32,844 English LSOAs projected to
EPSG:27700 with the recombined IMD 2019 score as the property `imd_score`.

Score (METHODS.md): per domain, scaled rank R = (N - rank + 1)/N, X = -23 ln(1 - R (1 - exp(-100/23))),
score = sum of the domain weights times X. Both tools read the GeoJSON this script writes.
Usage: python3 scripts/bench_spatial_prepare.py OUT.geojson
"""
import csv
import math
import sys

import geopandas as gpd

N = 32844
WEIGHTS = {"Income": .225, "Employment": .225, "Education": .135, "Health": .135, "Crime": .093,
           "Housing_and_Access": .093, "Environment": .093}


def exponential(rank):
    r = (N - rank + 1) / N
    return -23 * math.log(1 - r * (1 - math.exp(-100 / 23)))


scores = {}
with open("../shared/data/uk-imd-2019/imd2019_england_lsoa11_ranks_deciles.csv") as f:
    for row in csv.DictReader(f):
        scores[row["lsoa11_code"]] = sum(w * exponential(int(row[f"{d}_rank"])) for d, w in WEIGHTS.items())
gdf = gpd.read_file("/vsigzip/../shared/data/uk-imd-2019/lsoa11_england_wgs84_simplified.geojson.gz").to_crs(27700)
gdf["imd_score"] = [scores[c] for c in gdf["lsoa11_code"]]
gdf[["lsoa11_code", "imd_score", "geometry"]].to_file(sys.argv[1], driver="GeoJSON", COORDINATE_PRECISION=3)
print(f"wrote {sys.argv[1]}: {len(gdf)} LSOAs, EPSG:27700")
