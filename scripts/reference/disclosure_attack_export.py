#!/usr/bin/env python3
"""Independent attack on the published CSV export of a Quartier monitoring (issue 13).

Reads what a reader of the publication has: the published `indicators_<level>.csv` and
`dynamics_<level>.csv` of `quartier export --format csv` (numerators, denominators, rates, changes,
each area's parent), and the spec (which filter each indicator counts, and its scale). It shares no code
with the Swift engine. The attacker
- takes every published count;
- reads published rates: rate × denominator / scale gives a numerator, numerator × scale / rate a
  denominator; and published changes: a neighbouring year's rate ± the change gives the other year's rate;
  repeated until nothing new is learnt;
- knows that the same filter counted in two indicators is the same count, and the city totals;
- bounds every count by twice the largest count of its table (it knows the size of its city);
- then, per year and filter, solves min and max of every unknown count subject to parent = Σ children
  over the whole hierarchy (block → Quartier → Stadtteil → city) and counts ≥ 0: the LP relaxation
  (linprog) or, with --integer, whole numbers (milp).

It judges with the true values of the internal export (`quartier export --internal`): a count the
`suppressed` column marks as primary (its row's rule: small count, small complement, 0/100 %: the
numerator; small denominator: the denominator; minimum population: both) must keep an interval
reaching x − lower … x + upper (lower capped at 0; --relative for a share of x). Other unknown counts
(secondary suppressions) are publishable values: the number the attacker pins exactly is printed, not judged.

Failures are never read as safety: a true table that does not add up, or a programme not solved to
optimality, exits 2.

Usage: disclosure_attack_export.py SPEC.toml PUBLISHED_DIR INTERNAL_DIR [--integer] [--lower 1] [--upper 1] [--relative 0]
Prints `tables=<t> unknown=<u> primary=<p> pinned_secondary=<s> exposed=<e>` last, and `EXPOSED ...` per exposed count.
Exit 0 when every programme was solved (the caller judges), 2 on a failure.
"""
import argparse
import csv
import math
import os
import sys
import tomllib

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import lil_matrix

PRIMARY_NUMERATOR = {"small count", "small complement", "0 % or 100 % of a small group", "minimum population"}
PRIMARY_DENOMINATOR = {"small denominator", "minimum population"}
SCALES = {"percent": 100.0, "permille": 1000.0, "per_1000": 1000.0, "per_100000": 100000.0, "ratio": 1.0}


def fail(message):
    print(f"FAILED {message}")
    sys.exit(2)


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def levels_of(spec):
    levels = spec["levels"]
    parents = {v.get("parent") for v in levels.values() if v.get("parent")}
    lowest = [k for k in levels if k not in parents]
    if len(lowest) != 1:
        fail(f"cannot order the levels {list(levels)}")
    order = [lowest[0]]
    while levels[order[-1]].get("parent"):
        order.append(levels[order[-1]]["parent"])
    return order


def read(folder, levels):
    rows, changes = [], []
    for level in levels:
        with open(os.path.join(folder, f"indicators_{level}.csv"), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                r["level"] = level
                rows.append(r)
        with open(os.path.join(folder, f"dynamics_{level}.csv"), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                r["level"] = level
                changes.append(r)
    return rows, changes


def term(expression):
    """The count a numerator or denominator names: `n` for all records of the year's first source, the
    filter text (one unnamed source per year), or SOURCE/FILTER and SOURCE/column:NAME for named sources
    (a source's records without a filter count as SOURCE/*)."""
    if isinstance(expression, dict):
        source = expression["source"]
        if "column" in expression:
            return f"{source}/column:{expression['column']}"
        return f"{source}/{expression.get('filter', '*').strip()}"
    return "n" if expression.strip() == "*" else expression


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("published")
    ap.add_argument("internal")
    ap.add_argument("--integer", action="store_true")
    ap.add_argument("--lower", type=float, default=1)
    ap.add_argument("--upper", type=float, default=1)
    ap.add_argument("--relative", type=float, default=0)
    a = ap.parse_args()

    with open(a.spec, "rb") as f:
        spec = tomllib.load(f)
    levels = levels_of(spec)
    terms = {}
    for ind in spec.get("indicators", []):
        if "numerator" in ind and "denominator" in ind:
            terms[ind["id"]] = (term(ind["numerator"]), term(ind["denominator"]), SCALES[ind.get("scale", "percent")])

    published, changes = read(a.published, levels)
    truth_rows, _ = read(a.internal, levels)

    # The truth: counts per (year, term, level, area); the hierarchy from the parent_id columns.
    truth, parent, masked = {}, {}, set()
    for r in truth_rows:
        if r["indicator"] not in terms:
            continue
        num, den, _ = terms[r["indicator"]]
        y = int(r["year"])
        # A count masked by its publisher (BA `*`) is empty in the internal export too: nothing to recover.
        for t, column in ((num, "numerator"), (den, "denominator")):
            if r[column] != "":
                truth[(y, t, r["level"], r["area_id"])] = float(r[column])
            else:
                masked.add((y, t, r["level"], r["area_id"]))
    for r in published:
        parent[(r["level"], r["area_id"])] = r.get("parent_id", "")

    # What the attacker learns from the publication.
    known, rate, primary = {}, {}, set()
    for r in published:
        if r["indicator"] not in terms:
            continue
        num, den, _ = terms[r["indicator"]]
        key = (int(r["year"]), r["level"], r["area_id"])
        for t, column in ((num, "numerator"), (den, "denominator")):
            v = number(r[column])
            if v is not None:
                known[(key[0], t, key[1], key[2])] = v
        v = number(r["value"])
        if v is not None:
            rate[(key[0], r["indicator"], key[1], key[2])] = v
        rule = r.get("suppressed", "")
        if rule in PRIMARY_NUMERATOR:
            primary.add((key[0], num, key[1], key[2]))
        if rule in PRIMARY_DENOMINATOR:
            primary.add((key[0], den, key[1], key[2]))
    change = {}
    for r in changes:
        v = number(r["change"])
        if v is not None:
            change[(r["indicator"], r["level"], r["area_id"], int(r["from_year"]), int(r["to_year"]))] = v
    progress = True
    while progress:
        progress = False
        for (ind, level, area, y0, y1), d in change.items():
            for src, dst, sign in ((y0, y1, 1), (y1, y0, -1)):
                if (src, ind, level, area) in rate and (dst, ind, level, area) not in rate:
                    rate[(dst, ind, level, area)] = rate[(src, ind, level, area)] + sign * d
                    progress = True
        for (y, ind, level, area), v in rate.items():
            num, den, scale = terms[ind]
            kn, kd = (y, num, level, area), (y, den, level, area)
            if kd in truth and kd in known and kn not in known:
                known[kn] = round(v * known[kd] / scale)
                progress = True
            if kn in known and kd not in known and v > 0:
                known[kd] = round(known[kn] * scale / v)
                progress = True

    # City totals: assumed known (the report publishes city rates; a stronger attacker than needed).
    top = levels[-1]
    tables = {}
    for (y, t, level, area), v in truth.items():
        tables.setdefault((y, t), {})[(level, area)] = v
    exposed = unknown_cells = primary_cells = pinned = 0
    for (y, t), cells in sorted(tables.items()):
        cells = dict(cells)
        # A total of which a part is masked by its publisher is masked too: no equation through it.
        if not any(k[0] == y and k[1] == t and k[2] == top for k in masked):
            cells[("city", "")] = sum(v for (level, _), v in cells.items() if level == top)
        equations = {}
        for (level, area) in cells:
            if level == "city":
                continue
            p = ("city", "") if level == top else (levels[levels.index(level) + 1], parent.get((level, area), ""))
            if p not in cells:
                if p == ("city", "") or (y, t, p[0], p[1]) in masked:
                    continue  # the parent is masked by its publisher: it links nothing an attacker knows
                fail(f"{level} {area} in {y}: parent {p} is not in the table")
            equations.setdefault(p, []).append((level, area))
        for total, parts in equations.items():
            s = sum(cells[c] for c in parts)
            if abs(s - cells[total]) > 1e-6:
                fail(f"table {t} {y} does not add up at {total}: {cells[total]:g} vs {s:g}")
        unknown = [c for c in cells if c[0] != "city" and (y, t, c[0], c[1]) not in known]
        if not unknown:
            continue
        # Independent components of the unknowns (linked through an equation) are solved apart.
        root = {c: c for c in unknown}

        def find(c):
            while root[c] != c:
                root[c] = root[root[c]]
                c = root[c]
            return c
        unknown_set = set(unknown)
        eqs = [(total, parts) for total, parts in equations.items()]
        for total, parts in eqs:
            members = [c for c in [total] + parts if c in unknown_set]
            for c in members[1:]:
                root[find(c)] = find(members[0])
        components = {}
        for c in unknown:
            components.setdefault(find(c), []).append(c)
        cap = 2 * max(cells.values()) + a.upper  # the attacker knows its city's size: no programme is unbounded
        for members in components.values():
            col = {c: k for k, c in enumerate(members)}
            rows = [(total, parts) for total, parts in eqs if total in col or any(p in col for p in parts)]
            A = lil_matrix((len(rows), len(members)))
            b = np.zeros(len(rows))
            for e, (total, parts) in enumerate(rows):
                for c, sign in [(total, 1.0)] + [(p, -1.0) for p in parts]:
                    if c in col:
                        A[e, col[c]] += sign
                    else:
                        value = known.get((y, t, c[0], c[1]), cells[c] if c[0] == "city" else None)
                        b[e] -= sign * value
            A = A.tocsr()
            n = len(members)
            for k, c in enumerate(members):
                unknown_cells += 1
                obj = np.zeros(n)
                obj[k] = 1
                bounds = []
                for sense in (1, -1):
                    if a.integer:
                        r = milp(sense * obj, constraints=LinearConstraint(A, b, b),
                                 bounds=Bounds(np.zeros(n), np.full(n, cap)), integrality=np.ones(n))
                    else:
                        r = linprog(sense * obj, A_eq=A, b_eq=b, bounds=(0, cap), method="highs")
                    if r.status != 0 or r.x is None:
                        fail(f"{'min' if sense == 1 else 'max'} of {t} {c[0]} {c[1]} {y}: solver status {r.status} ({r.message})")
                    bounds.append(sense * r.fun)
                low, high = bounds
                x = cells[c]
                if (y, t, c[0], c[1]) in primary:
                    primary_cells += 1
                    need_low = x - min(x, max(a.lower, a.relative * x))
                    need_high = x + max(a.upper, a.relative * x)
                    bad = low > need_low + 1e-6 or high < need_high - 1e-6
                else:
                    # A secondary cell is a publishable value: pinning it is counted, not a disclosure.
                    pinned += high - low < 0.5
                    bad = False
                if bad:
                    exposed += 1
                    print(f"EXPOSED {y},{t},{c[0]},{c[1]},{x:g},{low:g},{high:g}")
    print(f"tables={len(tables)} unknown={unknown_cells} primary={primary_cells} pinned_secondary={pinned} exposed={exposed}")


if __name__ == "__main__":
    sys.exit(main())
