#!/usr/bin/env python3
"""Writes a synthetic TABLE for `quartier disclosure` (deterministic, seed fixed):
BLOCKS blocks -> BLOCKS/10 Quartiere -> BLOCKS/100 Stadtteile -> city, five age groups and their total,
SGB II-like counts with many small cells, populations 60..959 per block.

Usage: disclosure_table.py BLOCKS OUT.csv
"""
import random
import sys

GROUPS = ["0-5", "6-14", "15-24", "25-64", "65+"]
SHARES = [0.06, 0.09, 0.11, 0.52, 0.22]


def main():
    blocks, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20221123)
    parent = {}
    values = {}
    population = {}
    for b in range(blocks):
        q, s = b // 10, b // 100
        block, quartier, stadtteil = f"B{b + 1:05d}", f"Q{q + 1:04d}", f"S{s + 1:03d}"
        parent[block], parent[quartier], parent[stadtteil] = quartier, stadtteil, "city"
        pop = 60 + rng.randrange(900)
        rate = 0.02 + rng.randrange(200) / 1000
        counts = [int(pop * sh * rate * (0.4 + rng.randrange(1200) / 1000)) for sh in SHARES]
        area = block
        while area is not None:
            v = values.setdefault(area, [0] * 5)
            for g in range(5):
                v[g] += counts[g]
            population[area] = population.get(area, 0) + pop
            area = parent.get(area)
    with open(out, "w", encoding="utf-8") as f:
        f.write("area,group,value,population,parent\n")
        for area in sorted(values):
            v = values[area]
            for g, name in enumerate(GROUPS):
                f.write(f"{area},{name},{v[g]},{population[area]},{parent.get(area, '')}\n")
            f.write(f"{area},total,{sum(v)},{population[area]},{parent.get(area, '')}\n")


if __name__ == "__main__":
    main()
