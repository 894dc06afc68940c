#!/usr/bin/env python3
"""Independent recomputation of target-group reach (quartier reach) from the demo files.

Shares no code with Quartier: numpy and the standard library (csv, sqlite3, tomllib, struct).

    /usr/bin/python3 scripts/reference/reach_reference.py --demo Data/demo --reach-store OUT/reach.gpkg \
        --monitoring-store OUT/monitoring.gpkg > reference.json

Reads projekte.toml (served areas, phases, groups), teilnehmende.csv, hauskoordinaten.csv and the
blocks of city_areas.gpkg (GeoPackage blobs parsed here, point in polygon by even-odd ray casting in
numpy). Participants are located by an exact (street, number, suffix) join to the house coordinates (then
the geocoder's `without-suffix` fallback) or by their block id, checked (unknown project, period outside the funding, birth year after the
period, key repeated within project and period) and counted per block, Quartier and Stadtteil by the
file's parent columns. Population denominators (the target groups in the register per block) are read
from the reach store's `counts` table (Quartier's register counts, which the monitoring's own SQL test
checks); the deprivation order from the monitoring store's `index_results` (status index ascending,
ties by area id).

Concentration index (Wagstaff, van Doorslaer & Paci 1991; Kakwani, Wagstaff & van Doorslaer 1997),
blocks ordered from least to most deprived, persons of the target group as weights:
  - covariance formula at the level of persons: C = 2 cov(y, R) / mean(y), y = 1 for a reached person,
    R the fractional rank of the person's block (its members' mean rank);
  - the "convenient regression" of Kakwani et al. (1997): OLS of 2 var(R) y / mean(y) on R, whose slope is C
    (its naive OLS standard error is printed as well, for comparison only);
  - the standard error by the grouped-data formula of Kakwani et al. (1997) with binomial within-block
    variance, and by their person-level formula (persons in rank order, reached first within a block).
Output: JSON {"counts": [...], "concentration": [...]}.
"""
import argparse
import csv
import json
import sqlite3
import struct
import sys
import tomllib

import numpy as np


def read_blob(blob):
    """GeoPackage geometry blob → list of polygons, each a list of rings (n × 2 arrays)."""
    assert blob[:2] == b"GP"
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
    wkb = memoryview(blob)[8 + envelope:]
    polygons = []

    def geometry(offset):
        order = "<" if wkb[offset] == 1 else ">"
        (kind,) = struct.unpack_from(order + "I", wkb, offset + 1)
        offset += 5
        kind %= 1000
        if kind == 6:
            (count,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            for _ in range(count):
                offset = geometry(offset)
            return offset
        assert kind == 3, kind
        (nrings,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        rings = []
        for _ in range(nrings):
            (npoints,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            rings.append(np.frombuffer(wkb[offset:offset + 16 * npoints], dtype=order + "f8").reshape(-1, 2))
            offset += 16 * npoints
        polygons.append(rings)
        return offset

    geometry(0)
    return polygons


def inside(polygons, x, y):
    """Even-odd rule over every ring of a multipolygon (holes and parts included)."""
    result = np.zeros(len(x), dtype=bool)
    for rings in polygons:
        for ring in rings:
            x1, y1 = ring[:-1, 0], ring[:-1, 1]
            x2, y2 = ring[1:, 0], ring[1:, 1]
            for k in range(len(x1)):
                crosses = (y1[k] > y) != (y2[k] > y)
                with np.errstate(divide="ignore", invalid="ignore"):
                    xi = x1[k] + (y - y1[k]) * (x2[k] - x1[k]) / (y2[k] - y1[k])
                result ^= crosses & (x < xi)
    return result


def concentration(sizes, reached):
    """C by the covariance formula and the convenient regression, SEs (grouped, person-level), over
    groups least deprived first."""
    sizes = np.asarray(sizes, dtype=float)
    reached = np.asarray(reached, dtype=float)
    n = sizes.sum()
    # Persons: y = 1 for the reached, each with the mean fractional rank of their block.
    y = np.concatenate([np.r_[np.ones(int(r)), np.zeros(int(s - r))] if r <= s else np.ones(int(r)) for s, r in zip(sizes, reached)])
    # (A block with more participants than register members keeps the rate r/s > 1 in the grouped form;
    #  the person-level forms need r <= s.)
    ok = bool(np.all(reached <= sizes))
    f = sizes / n
    rates = reached / sizes
    rank = np.cumsum(f) - f / 2
    mu = float((f * rates).sum())
    c_grouped = 2 / mu * float((f * rates * rank).sum()) - 1
    q = np.cumsum(f * rates) / mu
    q_prev = np.r_[0.0, q[:-1]]
    a = rates / mu * (2 * rank - 1 - c_grouped) + 2 - q_prev - q
    sigma2 = np.clip(rates * (1 - rates), 0, None)
    var = ((f * a * a).sum() - (1 + c_grouped) ** 2) / n + (f * sigma2 * (2 * rank - 1 - c_grouped) ** 2).sum() / (n * mu * mu)
    out = {"c_grouped": c_grouped, "se_grouped": float(np.sqrt(max(var, 0.0))), "mean": mu, "persons": float(n)}
    if ok:
        R = np.repeat(rank, sizes.astype(int))
        ybar = y.mean()
        cov = float(((y - ybar) * (R - R.mean())).mean())
        out["c_covariance"] = 2 * cov / ybar
        lhs = 2 * R.var() * y / ybar
        X = np.column_stack([np.ones_like(R), R])
        beta, *_ = np.linalg.lstsq(X, lhs, rcond=None)
        resid = lhs - X @ beta
        s2 = float(resid @ resid) / (len(lhs) - 2)
        out["c_regression"] = float(beta[1])
        out["se_regression_ols"] = float(np.sqrt(s2 * np.linalg.inv(X.T @ X)[1, 1]))
        qi = np.cumsum(y) / (len(y) * ybar)
        qi_prev = np.r_[0.0, qi[:-1]]
        ai = y / ybar * (2 * R - 1 - out["c_covariance"]) + 2 - qi_prev - qi
        vi = ((ai * ai).mean() - (1 + out["c_covariance"]) ** 2) / len(y)
        out["se_person_level"] = float(np.sqrt(max(vi, 0.0)))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", required=True)
    parser.add_argument("--reach-store", required=True)
    parser.add_argument("--monitoring-store", required=True)
    args = parser.parse_args()

    register = tomllib.load(open(f"{args.demo}/projekte.toml", "rb"))
    groups = {name: value["filter"] for name, value in register["groups"].items()}
    # The demo's groups are age ranges; evaluate them here by hand (an independent reading of the filters).
    def member(group, age):
        text = groups[group]
        if age is None:
            return False
        return {"alter < 18": age < 18, "alter < 6": age < 6, "alter >= 65": age >= 65,
                "alter >= 12 and alter < 18": 12 <= age < 18}[text]

    db = sqlite3.connect(f"{args.demo}/city_areas.gpkg")
    blocks = {}
    for poly_id, quartier, stadtteil, blob in db.execute("SELECT poly_id, quartier_id, stadtteil_id, geom FROM polys"):
        blocks[str(poly_id)] = (str(quartier), str(stadtteil), read_blob(blob))
    block_ids = sorted(blocks)

    houses = {}
    with open(f"{args.demo}/hauskoordinaten.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            houses[(row["strasse"].strip(), row["hausnummer"].strip(), row["zusatz"].strip())] = (float(row["x"]), float(row["y"]))

    phases = register["projects"]
    def phase(project, year):
        return next((p for p in phases if p["id"] == project and p["start"] <= year <= p["end"]), None)

    records = []
    seen = set()
    with open(f"{args.demo}/teilnehmende.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            project, year, key = row["projekt"], int(row["jahr"]), row["schluessel"]
            if phase(project, year) is None:
                continue
            born = int(row["geburtsjahr"]) if row["geburtsjahr"] else None
            if born is not None and born > year:
                continue
            if (project, year, key) in seen:
                continue
            seen.add((project, year, key))
            if row["strasse"].strip():
                street, number, suffix = row["strasse"].strip(), row["hausnummer"].strip(), row["zusatz"].strip()
                point = houses.get((street, number, suffix))
                if point is None:
                    # The geocoder's documented `without-suffix` fallback (docs/geocoding.md): the same
                    # number without a suffix, else with the smallest other suffix.
                    others = sorted(s for (st, nu, s) in houses if st == street and nu == number)
                    point = houses[(street, number, others[0])] if others else None
                if point is None:
                    continue
                records.append([project, year, key, None, point, year - born if born is not None else None])
            elif row["block_id"].strip() in blocks:
                records.append([project, year, key, row["block_id"].strip(), None, year - born if born is not None else None])
    located = [r for r in records if r[4] is not None]
    xs = np.array([r[4][0] for r in located])
    ys = np.array([r[4][1] for r in located])
    where = np.full(len(located), None, dtype=object)
    for block in block_ids:
        hit = inside(blocks[block][2], xs, ys)
        where[hit & (where == None)] = block  # noqa: E711
    for r, block in zip(located, where):
        r[3] = block
    records = [r for r in records if r[3] is not None]

    # Counts per block: per project its participants and those of each of its groups.
    counts = {}   # (term, block, year) → n
    first = set()
    for project, year, key, block, _, age in records:
        counts[(f"p_{project}", block, year)] = counts.get((f"p_{project}", block, year), 0) + 1
        for group in phase(project, year)["target_groups"]:
            if member(group, age):
                counts[(f"p_{project}__{group}", block, year)] = counts.get((f"p_{project}__{group}", block, year), 0) + 1
        if (year, key) not in first:
            first.add((year, key))
            counts[("programm", block, year)] = counts.get(("programm", block, year), 0) + 1
            for group in groups:
                if member(group, age):
                    counts[(f"programm__{group}", block, year)] = counts.get((f"programm__{group}", block, year), 0) + 1

    store = sqlite3.connect(args.reach_store)
    population = {}
    for area, year, term, n in store.execute("SELECT area_id, year, term, count FROM counts WHERE level = 'block' AND term LIKE 'einwohner/%'"):
        population[(term.split("/", 1)[1], area, year)] = n

    years = sorted({r[1] for r in records})
    out_counts = []
    levels = {"block": lambda b: b, "quartier": lambda b: blocks[b][0], "stadtteil": lambda b: blocks[b][1]}
    project_ids = []
    for p in phases:
        if p["id"] not in project_ids:
            project_ids.append(p["id"])
    for project in project_ids:
        for group in sorted({g for p in phases if p["id"] == project for g in p["target_groups"]}):
            for year in years:
                if phase(project, year) is None:
                    continue
                for level, parent in levels.items():
                    sums = {}
                    for block in block_ids:
                        area = parent(block)
                        s = sums.setdefault(area, [0, 0, 0])
                        s[0] += counts.get((f"p_{project}__{group}", block, year), 0)
                        s[1] += population.get((groups[group], block, year), 0)
                        s[2] += counts.get((f"p_{project}", block, year), 0)
                    for area, (reached, group_n, all_n) in sorted(sums.items()):
                        out_counts.append({"project": project, "group": group, "year": year, "level": level, "area": area,
                                           "reached": reached, "group_population": group_n, "participants": all_n,
                                           "coverage": reached / group_n if group_n else None,
                                           "focusing": reached / all_n if all_n else None})

    mon = sqlite3.connect(args.monitoring_store)
    newest = mon.execute("SELECT max(year) FROM index_results WHERE status_index IS NOT NULL").fetchone()[0]
    order = [a for a, _ in sorted(mon.execute(
        "SELECT area_id, status_index FROM index_results WHERE year = ? AND valid AND status_index IS NOT NULL", (newest,)),
        key=lambda t: (t[1], t[0]))]
    out_ci = []
    for project in project_ids:
        for group in sorted({g for p in phases if p["id"] == project for g in p["target_groups"]}):
            for year in years:
                if phase(project, year) is None:
                    continue
                sizes, reached = [], []
                for block in order:
                    n = population.get((groups[group], block, year), 0)
                    if n > 0:
                        sizes.append(n)
                        reached.append(counts.get((f"p_{project}__{group}", block, year), 0))
                if len(sizes) >= 2 and sum(reached) > 0:
                    out_ci.append({"project": project, "group": group, "year": year, **concentration(sizes, reached)})
    json.dump({"counts": out_counts, "concentration": out_ci}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
