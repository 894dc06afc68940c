#!/usr/bin/env python3
"""Compare Quartier's per-area table with a peer table of shared/peers (poly_id,n,sgb2,rate).

  compare_tables.py QUARTIER.csv QUARTIER_SUMMARY.json PEER.csv

Quartier writes one row per area (id,n,sgb2,...) and accounts for the points in no area in its
summary (unassigned + on_boundary); the peers write them as row poly_id 0. Compares n and sgb2 of
every area and the count of points in no area. Prints 'identical' or the differences; exit 1 if any.
"""
import csv
import json
import sys


def main():
    q_path, s_path, p_path = sys.argv[1:4]
    with open(q_path) as f:
        rows = list(csv.reader(f))
    head = rows[0]
    q = {int(r[0]): (int(r[head.index("n")]), int(r[head.index("sgb2")])) for r in rows[1:]}
    s = json.load(open(s_path))
    with open(p_path) as f:
        p = {int(r["poly_id"]): (int(r["n"]), int(r["sgb2"])) for r in csv.DictReader(f)}
    outside = p.pop(0, (0, 0))[0]
    diff = [i for i in set(q) | set(p) if q.get(i) != p.get(i)]
    problems = []
    if diff:
        problems.append(f"{len(diff)} areas differ, e.g. " +
                        ", ".join(f"{i}: {q.get(i)} vs {p.get(i)}" for i in sorted(diff)[:4]))
    if s["unassigned"] + s["on_boundary"] != outside:
        problems.append(f"in no area: quartier {s['unassigned']} + {s['on_boundary']} vs peer {outside}")
    print("identical" if not problems else "; ".join(problems))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
