#!/usr/bin/env python3
"""Check, point by point, Quartier's assignment against GEOS (through shapely 2).

  aggregate_point_check.py POLYS.gpkg POINTS.csv QUARTIER_UNASSIGNED.csv

QUARTIER_UNASSIGNED.csv is what `quartier aggregate ... --unassigned FILE` (boundary rule
`contains`) writes: line,status,reason,<record>. With shapely's STRtree (GEOS) this script finds the
points contained by no polygon (predicate 'contains'), and among those the ones that touch a
polygon (on a boundary). It prints whether the sets of CSV line numbers are the same: the same
points in no area, the same points on a boundary.
Used on gen_city.py cities S and M (seeds 42 and 7): identical sets (see the report of issue 4).
"""
import sys

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def main():
    polys_path, points_path, unassigned_path = sys.argv[1:4]
    polys = gpd.read_file(polys_path).geometry.values
    pts = pd.read_csv(points_path, usecols=["x", "y"])
    geoms = shapely.points(pts["x"].to_numpy(), pts["y"].to_numpy())
    tree = shapely.STRtree(polys)
    contained = np.zeros(len(geoms), bool)
    idx_pt, _ = tree.query(geoms, predicate="within")
    contained[idx_pt] = True
    touching = np.zeros(len(geoms), bool)
    idx_pt, _ = tree.query(geoms, predicate="intersects")
    touching[idx_pt] = True
    line = np.arange(len(geoms)) + 2  # header is line 1
    geos_outside = set(line[~contained & ~touching].tolist())
    geos_boundary = set(line[~contained & touching].tolist())
    q = pd.read_csv(unassigned_path, usecols=["line", "status"])
    q_outside = set(q.loc[q.status == "unassigned", "line"].tolist())
    q_boundary = set(q.loc[q.status == "on_boundary", "line"].tolist())
    ok = q_outside == geos_outside and q_boundary == geos_boundary
    print(f"in no area: quartier {len(q_outside)}, GEOS {len(geos_outside)}, same points: {q_outside == geos_outside}")
    print(f"on a boundary: quartier {len(q_boundary)}, GEOS {len(geos_boundary)}, same points: {q_boundary == geos_boundary}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
