#!/usr/bin/env python3
"""E2SFCA and spatial availability per area: `quartier access` against PySAL `access`, given the same costs.

Side by side in one script: reads quartier's per-area table (run with no suppression: --extreme-share-minimum 0
--min-population 0 --small-count 0) and its --internal-detail folder (persons.csv: line, area, weight,
membership per type; costs.csv: type, line, offer, cost), the offer inventory, and recomputes
- E2SFCA with PySAL `access` (Access.two_stage_fca, weights.step_fn, max_cost = the catchment), and
- spatial availability (Soukhov et al. 2023; PySAL `access` has none) with numpy, as R `accessibility`
  computes it,
per person, then per area as quartier reports them: sum(weight * A) / sum(weight) * 1000. Prints the
largest differences per type and method and exits 1 (`FAILED ...`) when one exceeds --tolerance.

Run with the venv of scripts/install-deps.sh (scripts/reference/requirements-access.txt):
    .build-access-venv/bin/python scripts/reference/access_pysal_compare.py --out out.csv --detail DIR \
        --offers offers.csv --catchment 600 --steps 300=1,600=0.5 --id quartier_id
"""
import argparse
import sys
import time

import numpy as np
import pandas as pd
from access import Access, weights


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--detail", required=True)
    p.add_argument("--offers", required=True)
    p.add_argument("--catchment", type=float, required=True)
    p.add_argument("--steps", required=True, help="COST=WEIGHT,... as quartier's --decay steps:")
    p.add_argument("--id", required=True, help="the area id column of --out")
    p.add_argument("--tolerance", type=float, default=1e-9)
    p.add_argument("--timing", action="store_true", help="print PySAL's seconds (for the benchmark)")
    a = p.parse_args()

    steps = {float(k): float(v) for k, v in (s.split("=") for s in a.steps.split(","))}
    step = weights.step_fn(steps)
    persons = pd.read_csv(f"{a.detail}/persons.csv", dtype={"area": str})
    costs = pd.read_csv(f"{a.detail}/costs.csv", dtype={"offer": str, "type": str})
    offers = pd.read_csv(a.offers, dtype={"id": str, "type": str})
    out = pd.read_csv(a.out, dtype={a.id: str, "type": str})
    if out["suppressed"].notna().any():
        sys.exit("FAILED: the table has suppressed rows; run quartier with --min-population 0 --small-count 0 --extreme-share-minimum 0")
    failed = False
    seconds = 0.0
    for typ in persons.columns[3:]:
        members = persons[persons[typ] == 1][["line", "area", "weight"]]
        supply = offers[offers["type"] == typ][["id", "capacity"]]
        c = costs[costs["type"] == typ][["line", "offer", "cost"]]
        if len(members) == 0 or len(c) == 0:
            sys.exit(f"FAILED: type {typ} has no members or no costs")
        # PySAL access: E2SFCA (two_stage_fca with step weights, cost <= max_cost).
        started = time.perf_counter()
        acc = Access(demand_df=members, demand_index="line", demand_value="weight",
                     supply_df=supply, supply_index="id", supply_value="capacity",
                     cost_df=c, cost_origin="line", cost_dest="offer", cost_name="cost")
        acc.two_stage_fca(name="e2", weight_fn=step, max_cost=a.catchment)
        seconds += time.perf_counter() - started
        e2 = acc.access_df["e2_capacity"].reindex(members["line"]).fillna(0.0).to_numpy()
        # Spatial availability (numpy): V_i = sum_j S_j P_i f_ij / sum_k P_k f_kj.
        w = members.set_index("line")["weight"]
        s = supply.set_index("id")["capacity"]
        cc = c[c["cost"] <= a.catchment].copy()
        cc["f"] = cc["cost"].map(step)
        cc["pf"] = w.reindex(cc["line"]).to_numpy() * cc["f"].to_numpy()
        den = cc.groupby("offer")["pf"].sum()
        cc["share"] = np.where(den.reindex(cc["offer"]).to_numpy() > 0,
                               s.reindex(cc["offer"]).to_numpy() * cc["pf"].to_numpy() / den.reindex(cc["offer"]).to_numpy(), 0.0)
        sa = cc.groupby("line")["share"].sum().reindex(members["line"]).fillna(0.0).to_numpy()
        frame = pd.DataFrame({"area": members["area"].to_numpy(), "w": members["weight"].to_numpy(),
                              "e2": members["weight"].to_numpy() * e2, "sa": sa}).dropna(subset=["area"])
        per = frame.groupby("area").sum()
        mine = out[out["type"] == typ].set_index(a.id)
        for method, column in (("e2", "2sfca_per_1000"), ("sa", "sa_per_1000")):
            ref = (per[method] / per["w"] * 1000).reindex(mine.index)
            got = pd.to_numeric(mine[column], errors="coerce")
            both = ref.notna() & got.notna()
            if (ref.notna() != got.notna()).any():
                print(f"FAILED {typ} {method}: areas with a value differ: {list(mine.index[ref.notna() != got.notna()])}")
                failed = True
                continue
            diff = (ref[both] - got[both]).abs()
            rel = diff / ref[both].abs().clip(lower=1.0)
            worst = rel.max() if len(rel) else 0.0
            print(f"{typ} {method}: {int(both.sum())} areas, max abs diff {diff.max():.3e}, max rel diff {worst:.3e}")
            if worst > a.tolerance:
                failed = True
                print(f"FAILED {typ} {method}: max relative difference {worst:.3e} > {a.tolerance}")
    if a.timing:
        print(f"PYSAL_SECONDS {seconds:.3f}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
