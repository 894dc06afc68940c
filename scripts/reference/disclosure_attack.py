#!/usr/bin/env python3
"""Independent attack on a protected Quartier table (issue 9): for every suppressed cell, solve
min and max of its value with scipy.optimize.linprog (HiGHS) subject to every published value, the
table's additivity constraints and non-negativity, and compare with the protection levels.

This shares no code with the Swift engine: it reads the TABLE CSV format documented for
`quartier disclosure apply --protected` (columns area, group, value, status, parent, parent_<system>)
and rebuilds the constraints itself.

Two attackers: the LP relaxation (linprog) and, with `--integer`, the integer attacker (scipy.optimize.milp:
counts are whole numbers, which can only narrow the intervals). Protection levels are absolute
(`--lower`, `--upper`) or relative (`--relative 0.1`: 10 % of the cell's value, whichever is larger).
Linked tables of two area systems: each `parent_<system>` column adds that system's hierarchy.

The check fails loudly instead of reading a failure as safety:
- the table as given (true values) must add up: every total equals the sum of its parts, else exit 2;
- every LP/MILP must end optimal: infeasible, unbounded or failed is exit 2 with the cell named. The
  attacker bounds every count by twice the table's largest value plus the upper protection level (it knows
  the size of its city), so a correct table's programmes are never unbounded: a programme that is not
  optimal always means something is wrong.

Usage: disclosure_attack.py TABLE.csv [--group-total total] [--lower 1] [--upper 1] [--relative 0] [--integer]
Prints one line `cells=<suppressed> exposed=<n> min_width=<w>` and, per exposed cell,
`EXPOSED area,group,value,lower,upper`. Exit status 0 when every programme was solved (the caller judges
the numbers), 2 when the table does not add up or a programme was not solved to optimality.
"""
import argparse
import csv
import math
import sys

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import lil_matrix


def fail(message):
    print(f"FAILED {message}")
    sys.exit(2)


def solve(c, A, b, cap, integer, what):
    """min c·x s.t. A x = b, 0 <= x <= cap (integral with `integer`); the optimum, or exit 2."""
    n = len(c)
    if integer:
        r = milp(c, constraints=LinearConstraint(A, b, b), bounds=Bounds(np.zeros(n), np.full(n, cap)),
                 integrality=np.ones(n))
    else:
        r = linprog(c, A_eq=A, b_eq=b, bounds=(0, cap), method="highs")
    if r.status != 0 or r.x is None:
        fail(f"{what}: solver status {r.status} ({r.message})")
    return float(r.fun)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("table")
    ap.add_argument("--group-total", default="total")
    ap.add_argument("--lower", type=float, default=1)
    ap.add_argument("--upper", type=float, default=1)
    ap.add_argument("--relative", type=float, default=0)
    ap.add_argument("--integer", action="store_true", help="integer attacker (scipy milp) instead of the LP relaxation")
    a = ap.parse_args()

    with open(a.table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = rows[0].keys() if rows else []
    systems = [c for c in header if c == "parent" or c.startswith("parent_")]
    has_group = "group" in header
    key = {}
    for i, r in enumerate(rows):
        key[(r["area"], r["group"] if has_group else "")] = i
    groups = sorted({k[1] for k in key})
    areas = sorted({k[0] for k in key})
    equations = []  # (total index, [part indices])
    if a.group_total in groups:
        for area in areas:
            equations.append((key[(area, a.group_total)], [key[(area, g)] for g in groups if g != a.group_total]))
    for system in systems:
        children = {}
        for area in areas:
            r = rows[key[(area, groups[0])]]
            p = r.get(system, "")
            if p:
                children.setdefault(p, []).append(area)
        for p, kids in children.items():
            for g in groups:
                equations.append((key[(p, g)], [key[(k, g)] for k in kids]))

    suppressed = [i for i, r in enumerate(rows) if r["status"] != "published"]
    col = {i: k for k, i in enumerate(suppressed)}
    values = [float(r["value"]) for r in rows]
    for t, parts in equations:
        total = sum(values[p] for p in parts)
        if abs(total - values[t]) > 1e-6 * max(1.0, abs(values[t])):
            r = rows[t]
            fail(f"table does not add up: {r['area']},{r.get('group', '')} is {values[t]:g}, its parts sum to {total:g}")
    A = lil_matrix((len(equations), len(suppressed)))
    b = np.zeros(len(equations))
    for e, (t, parts) in enumerate(equations):
        for cell, sign in [(t, 1.0)] + [(p, -1.0) for p in parts]:
            if cell in col:
                A[e, col[cell]] += sign
            else:
                b[e] -= sign * values[cell]
    cap = 2 * max([abs(v) for v in values] + [0]) + a.upper
    keep = [e for e in range(len(equations)) if A.rows[e]]
    A = A[keep, :].tocsr()
    b = b[keep]
    exposed = 0
    min_width = math.inf
    n = len(suppressed)
    for k, i in enumerate(suppressed):
        c = np.zeros(n)
        c[k] = 1
        name = f"{rows[i]['area']},{rows[i].get('group', '')}"
        low = solve(c, A, b, cap, a.integer, f"min of {name}")
        high = -solve(-c, A, b, cap, a.integer, f"max of {name}")
        x = values[i]
        need_low = x - min(x, max(a.lower, a.relative * x))
        need_high = x + max(a.upper, a.relative * x)
        min_width = min(min_width, high - low)
        # Only primary cells must be protected; secondary cells are publishable values.
        if rows[i]["status"] == "primary" and (low > need_low + 1e-6 or high < need_high - 1e-6):
            exposed += 1
            r = rows[i]
            print(f"EXPOSED {r['area']},{r.get('group', '')},{x:g},{low:g},{high:g}")
    print(f"cells={n} exposed={exposed} min_width={min_width:g}")


if __name__ == "__main__":
    sys.exit(main())
