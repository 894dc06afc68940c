#!/usr/bin/env python3
"""Inputs of the access benchmark beside a synthetic city: a street grid of about --edges lines over the
persons' bounding box (every line both ways, some one-way, speeds by class) as GeoJSON in EPSG:25832, and
--offers Kitas (capacity 20-100, target group age < 6) at random places in the box. Deterministic (--seed).
"""
import argparse
import json
import math
import random


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--persons", required=True)
    p.add_argument("--edges", type=int, default=100000)
    p.add_argument("--offers", type=int, default=1000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    with open(a.persons) as f:
        header = f.readline().rstrip("\n").split(",")
        xi, yi = header.index("x"), header.index("y")
        for line in f:
            parts = line.split(",")
            x, y = float(parts[xi]), float(parts[yi])
            x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    # n x n nodes give 2 n (n - 1) edges.
    n = int((1 + math.sqrt(1 + 2 * a.edges)) / 2)
    dx, dy = (x1 - x0) / (n - 1), (y1 - y0) / (n - 1)
    feats = []
    fid = 1
    for i in range(n):
        for j in range(n):
            x, y = x0 + i * dx, y0 + j * dy
            for (ni, nj) in ((i + 1, j), (i, j + 1)):
                if ni >= n or nj >= n:
                    continue
                cls = "residential" if (i + j) % 7 else "primary"
                oneway = "FT" if rnd.random() < 0.05 else "B"
                feats.append({"type": "Feature", "id": fid, "properties": {"class": cls, "oneway": oneway},
                              "geometry": {"type": "LineString", "coordinates": [[x, y], [x0 + ni * dx, y0 + nj * dy]]}})
                fid += 1
    with open(f"{a.out}/roads.geojson", "w") as f:
        json.dump({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
                   "features": feats}, f)
    with open(f"{a.out}/offers.csv", "w") as f:
        f.write("id,name,type,capacity,target_group,opened,closed,x,y\n")
        for k in range(a.offers):
            f.write(f"k{k},Kita {k},kita,{rnd.randint(20, 100)},age < 6,,,{rnd.uniform(x0, x1):.2f},{rnd.uniform(y0, y1):.2f}\n")
    print(f"grid {n} x {n} nodes, {len(feats)} lines, spacing {dx:.1f} x {dy:.1f} m, box {x1 - x0:.0f} x {y1 - y0:.0f} m; {a.offers} offers")


if __name__ == "__main__":
    main()
