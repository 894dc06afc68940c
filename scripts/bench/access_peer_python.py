#!/usr/bin/env python3
"""The peer of `quartier access` in the speed benchmark: the same job on the same input files, end to end,
as a competent Python user does it with the fast C-backed libraries (issue 14, "Must show": "at least 10 x
faster than PySAL access on the same inputs"). Nothing is precomputed by quartier.

Stages (each timed; `PEER_STAGE <name> <seconds>` on stdout):
  read      areas (geopandas/pyogrio), persons and offers (pandas);
  locate    persons and offers into the areas (geopandas.sjoin, GEOS STRtree, `within`: on a boundary = none);
  network   the road layer (geopandas/pyogrio); nodes = distinct line ends, one edge per line (length / speed, one-way `FT`/`TF`), reversed
            CSR matrix (scipy.sparse) with one virtual node per offer tied to its edge's ends;
  snap      persons of the target group and offers to the nearest line segment within --snap-limit:
            scipy cKDTree over segment midpoints (k candidates), exact projection in numpy;
  paths     scipy.sparse.csgraph.dijkstra from the offers' virtual nodes on the reversed graph with
            `limit` = the catchment (C, chunks of offers), then each person's cost to each offer
            (snap walk + along its edge + node distance), pairs with cost <= catchment;
  methods   PySAL `access` two_stage_fca (E2SFCA, weights.step_fn, max_cost) per person, and spatial
            availability (numpy) per person, the demand points quartier uses (persons of the target group);
  areas     per reporting unit (`--report-by`): persons, target group, places, offers, accessible, the
            methods' sums / weight x 1000, written as CSV. (No publication rules: the peer has none.)

Costs follow quartier's conventions (README, "Access to offers"): minutes at --speed km/h for lines and the
snap walk at both ends; a catchment is closed (cost <= limit). `--check OUT.csv` compares the per-area
E2SFCA and spatial availability with quartier's table (run with the rules off) and prints the largest
relative difference, so the two did the same job.
"""
import argparse
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from access import Access, weights
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--areas", required=True)
    p.add_argument("--id", required=True)
    p.add_argument("--report-by", required=True)
    p.add_argument("--persons", required=True)
    p.add_argument("--offers", required=True)
    p.add_argument("--network", required=True)
    p.add_argument("--oneway-field", default="oneway")
    p.add_argument("--class-field", default="class")
    p.add_argument("--class-speed", action="append", default=[])
    p.add_argument("--speed", type=float, default=4.8)
    p.add_argument("--snap-limit", type=float, default=200)
    p.add_argument("--catchment", type=float, required=True)
    p.add_argument("--steps", required=True, help="COST=WEIGHT,... as quartier's --decay steps:")
    p.add_argument("--target", default="age < 6", help="the target group as a pandas query")
    p.add_argument("--candidates", type=int, default=8, help="nearest segment midpoints tried per point")
    p.add_argument("--chunk", type=int, default=64, help="offers per dijkstra call (dense rows)")
    p.add_argument("--out", required=True)
    p.add_argument("--check", help="quartier's per-area table (rules off) to compare with")
    a = p.parse_args()
    stages = {}
    clock = [time.perf_counter()]

    def lap(name):
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - clock[0]
        clock[0] = now

    # read
    areas = gpd.read_file(a.areas, engine="pyogrio")[[a.id, a.report_by, "geometry"]]
    areas[a.report_by] = areas[a.report_by].astype(str)
    persons = pd.read_csv(a.persons)
    offers = pd.read_csv(a.offers, dtype={"id": str, "type": str})
    lap("read")

    # locate
    pts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(persons["x"], persons["y"]), crs=areas.crs)
    joined = gpd.sjoin(pts, areas, predicate="within", how="left")
    joined = joined[~joined.index.duplicated(keep="first")]
    person_unit = joined[a.report_by].to_numpy()
    opts = gpd.GeoDataFrame(geometry=gpd.points_from_xy(offers["x"], offers["y"]), crs=areas.crs)
    ojoined = gpd.sjoin(opts, areas, predicate="within", how="left")
    ojoined = ojoined[~ojoined.index.duplicated(keep="first")]
    offer_unit = ojoined[a.report_by].to_numpy()
    lap("locate")

    # network: the road layer, one edge per line, nodes at distinct line ends
    roads = gpd.read_file(a.network, engine="pyogrio")
    walk = a.speed * 1000 / 60
    speeds = {k: float(v) * 1000 / 60 for k, v in (s.split("=", 1) for s in a.class_speed)}
    geoms = roads.geometry.to_numpy()
    coords, line_of = shapely.get_coordinates(geoms, return_index=True)
    first = np.r_[0, np.flatnonzero(np.diff(line_of)) + 1]
    last = np.r_[first[1:] - 1, len(coords) - 1]
    ends = np.vstack([coords[first], coords[last]])
    _, node_of = np.unique(ends, axis=0, return_inverse=True)
    node_of = node_of.ravel()
    n_lines = len(first)
    u, v = node_of[:n_lines], node_of[n_lines:]
    n_nodes = int(node_of.max()) + 1
    length = shapely.length(geoms)
    speed = roads[a.class_field].map(speeds).fillna(walk).to_numpy() if a.class_field in roads else np.full(n_lines, walk)
    cost = length / speed
    ow = roads[a.oneway_field].fillna("B").astype(str).str.strip().str.lower().to_numpy() if a.oneway_field in roads else np.full(n_lines, "b")
    fwd_ok = ~np.isin(ow, ["tf", "-1", "backward", "reverse"])
    back_ok = ~np.isin(ow, ["ft", "yes", "1", "true", "forward"])
    lap("network")

    # snap: nearest segment (cKDTree over midpoints, k candidates, exact projection)
    seg_line = line_of[:-1][line_of[:-1] == line_of[1:]]
    idx = np.flatnonzero(line_of[:-1] == line_of[1:])
    s0, s1 = coords[idx], coords[idx + 1]
    seg_len = np.hypot(*(s1 - s0).T)
    seg_start = np.zeros(len(idx))
    cum = np.cumsum(seg_len)
    line_first_seg = np.r_[0, np.flatnonzero(np.diff(seg_line)) + 1]
    base = np.repeat(cum[line_first_seg] - seg_len[line_first_seg], np.diff(np.r_[line_first_seg, len(idx)]))
    seg_start = cum - seg_len - base
    tree = cKDTree((s0 + s1) / 2)

    def snap(xy):
        k = min(a.candidates, len(idx))
        _, cand = tree.query(xy, k=k)
        cand = cand.reshape(len(xy), k)
        p0, d = s0[cand], s1[cand] - s0[cand]
        dd = (d * d).sum(-1)
        t = np.clip(np.where(dd > 0, ((xy[:, None, :] - p0) * d).sum(-1) / np.where(dd > 0, dd, 1), 0), 0, 1)
        q = p0 + t[..., None] * d
        dist = np.hypot(*(xy[:, None, :] - q).transpose(2, 0, 1))
        best = dist.argmin(1)
        rows = np.arange(len(xy))
        seg = cand[rows, best]
        along = seg_start[seg] + t[rows, best] * seg_len[seg]
        sd = dist[rows, best]
        ok = sd <= a.snap_limit
        return seg_line[seg], along, sd, ok

    target = persons.eval(a.target).to_numpy()
    members = np.flatnonzero(target)
    m_edge, m_along, m_sd, m_ok = snap(persons[["x", "y"]].to_numpy()[members])
    o_edge, o_along, o_sd, o_ok = snap(offers[["x", "y"]].to_numpy())
    lap("snap")

    # paths: reversed graph + a virtual node per offer; dijkstra from the virtual nodes with a limit
    lsp = length / cost  # metres per minute of each line
    k_off = len(offers)
    virt = n_nodes + np.arange(k_off)
    seed_u = np.where(o_along <= 0, 0, np.where(fwd_ok[o_edge], o_along / lsp[o_edge], np.inf))
    seed_v = np.where(o_along >= length[o_edge], 0, np.where(back_ok[o_edge], (length[o_edge] - o_along) / lsp[o_edge], np.inf))
    # reversed edges: original u->v (forward) becomes v->u
    rs = np.r_[v[fwd_ok], u[back_ok], virt, virt]
    rt = np.r_[u[fwd_ok], v[back_ok], u[o_edge], v[o_edge]]
    rc = np.r_[cost[fwd_ok], cost[back_ok], seed_u, seed_v]
    keep = np.isfinite(rc) & np.r_[np.ones(fwd_ok.sum() + back_ok.sum(), bool), o_ok, o_ok]
    # csgraph reads an explicit 0 as "no edge": a seed cost of 0 becomes the smallest positive double.
    rc = np.where(rc == 0, np.nextafter(0, 1), rc)
    rs, rt, rc = rs[keep], rt[keep], rc[keep]
    # parallel lines: keep the cheapest (a sparse matrix would add duplicates up)
    order = np.lexsort((rc, rt, rs))
    rs, rt, rc = rs[order], rt[order], rc[order]
    firsts = np.r_[True, (rs[1:] != rs[:-1]) | (rt[1:] != rt[:-1])]
    graph = csr_matrix((rc[firsts], (rs[firsts], rt[firsts])), shape=(n_nodes + k_off, n_nodes + k_off))
    # person side: exit costs to its edge's ends, snap walk
    mu, mv = u[m_edge], v[m_edge]
    exit_u = np.where(m_along <= 0, 0, np.where(back_ok[m_edge], m_along / lsp[m_edge], np.inf))
    exit_v = np.where(m_along >= length[m_edge], 0, np.where(fwd_ok[m_edge], (length[m_edge] - m_along) / lsp[m_edge], np.inf))
    m_walk = np.where(m_ok, m_sd / walk, np.inf)
    o_walk = o_sd / walk
    pair_m, pair_o, pair_c = [], [], []
    for lo in range(0, k_off, a.chunk):
        hi = min(lo + a.chunk, k_off)
        sources = virt[lo:hi][o_ok[lo:hi]]
        if len(sources) == 0:
            continue
        dist = dijkstra(graph, directed=True, indices=sources, limit=a.catchment)
        js = np.arange(lo, hi)[o_ok[lo:hi]]
        c = np.minimum(dist[:, mu] + exit_u, dist[:, mv] + exit_v)
        # same edge: along the edge directly
        same = m_edge[None, :] == o_edge[js][:, None]
        if same.any():
            r, col = np.nonzero(same)
            ahead = o_along[js][r] >= m_along[col]
            direct = np.where(ahead, np.where(fwd_ok[m_edge[col]] | (o_along[js][r] == m_along[col]), (o_along[js][r] - m_along[col]) / lsp[m_edge[col]], np.inf),
                              np.where(back_ok[m_edge[col]], (m_along[col] - o_along[js][r]) / lsp[m_edge[col]], np.inf))
            c[r, col] = np.minimum(c[r, col], direct)
        c = c + m_walk[None, :] + o_walk[js][:, None]
        r, col = np.nonzero(c <= a.catchment)
        pair_o.append(js[r])
        pair_m.append(col)
        pair_c.append(c[r, col])
    pair_m, pair_o, pair_c = np.concatenate(pair_m), np.concatenate(pair_o), np.concatenate(pair_c)
    lap("paths")

    # methods: PySAL access E2SFCA per person, spatial availability per person (numpy)
    steps = {float(k): float(w) for k, w in (s.split("=") for s in a.steps.split(","))}
    step = weights.step_fn(steps)
    line_ids = members  # demand index: the person's row
    demand = pd.DataFrame({"line": line_ids, "weight": 1.0})
    supply = pd.DataFrame({"id": offers["id"], "capacity": offers["capacity"].astype(float)})
    cost_df = pd.DataFrame({"line": line_ids[pair_m], "offer": offers["id"].to_numpy()[pair_o], "cost": pair_c})
    acc = Access(demand_df=demand, demand_index="line", demand_value="weight",
                 supply_df=supply, supply_index="id", supply_value="capacity",
                 cost_df=cost_df, cost_origin="line", cost_dest="offer", cost_name="cost")
    acc.two_stage_fca(name="e2", weight_fn=step, max_cost=a.catchment)
    e2 = acc.access_df["e2_capacity"].reindex(line_ids).fillna(0.0).to_numpy()
    # step weights as weights.step_fn gives them (the first step with cost <= its bound), vectorised
    f = np.select([pair_c <= k for k in sorted(steps)], [steps[k] for k in sorted(steps)], 0.0)
    den = np.bincount(pair_o, weights=f, minlength=k_off)
    cap = offers["capacity"].to_numpy(float)
    share = np.where(den[pair_o] > 0, cap[pair_o] * f / np.where(den[pair_o] > 0, den[pair_o], 1), 0.0)
    sa = np.bincount(pair_m, weights=share, minlength=len(members))
    accessible = np.zeros(len(members), bool)
    accessible[pair_m[cap[pair_o] > 0]] = True
    lap("methods")

    # areas: per reporting unit, written as CSV
    frame = pd.DataFrame({"unit": person_unit[members], "w": 1.0, "e2": e2, "sa": sa, "acc": accessible})
    per = frame.dropna(subset=["unit"]).groupby("unit").agg(target_group=("w", "size"), weighted=("w", "sum"),
                                                           e2=("e2", "sum"), sa=("sa", "sum"), accessible=("acc", "sum"))
    per["persons"] = pd.Series(person_unit).dropna().value_counts()
    off = pd.DataFrame({"unit": offer_unit, "cap": cap}).dropna(subset=["unit"]).groupby("unit")["cap"].agg(["sum", "size"])
    per["places"] = off["sum"].reindex(per.index).fillna(0)
    per["offers"] = off["size"].reindex(per.index).fillna(0).astype(int)
    per["2sfca_per_1000"] = per["e2"] / per["weighted"] * 1000
    per["sa_per_1000"] = per["sa"] / per["weighted"] * 1000
    per["coverage_pct"] = per["accessible"] / per["target_group"] * 100
    per.index.name = a.report_by
    per.to_csv(a.out)
    lap("areas")

    total = sum(stages.values())
    for name, seconds in stages.items():
        print(f"PEER_STAGE {name} {seconds:.3f}")
    print(f"PEER_TOTAL {total:.3f}")
    print(f"peer: {len(persons)} persons, {len(members)} in the target group ({int(m_ok.sum())} snapped), {k_off} offers "
          f"({int(o_ok.sum())} snapped), {n_lines} lines, {n_nodes} nodes, {len(pair_c)} cost pairs")
    if a.check:
        mine = pd.read_csv(a.check, dtype={a.report_by: str, "type": str}).set_index(a.report_by)
        per.index = per.index.astype(str)
        worst = 0.0
        for column in ("2sfca_per_1000", "sa_per_1000"):
            got = pd.to_numeric(mine[column], errors="coerce")
            ref = per[column].reindex(got.index)
            both = got.notna() & ref.notna()
            if (got.notna() != ref.notna()).any():
                print(f"CHECK {column}: areas with a value on one side only: {list(got.index[got.notna() != ref.notna()])[:5]}")
            rel = ((got[both] - ref[both]).abs() / ref[both].abs().clip(lower=1)).max()
            worst = max(worst, float(rel))
            print(f"CHECK {column}: {int(both.sum())} areas, largest relative difference {rel:.3g}")
        print(f"CHECK largest relative difference {worst:.3g}")


if __name__ == "__main__":
    sys.exit(main())
