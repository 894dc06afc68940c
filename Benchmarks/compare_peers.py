#!/usr/bin/env python3
"""Quartier against the peers of shared/peers, in one run: wall time, phases, peak memory, ratios.

  compare_peers.py --quartier BIN --peers-dir DIR --data DIR --out DIR [--sizes M,L] [--runs 3]
                   [--peers geos-c,geos-c-sorted,duckdb,geopandas,postgis-join] [--threads N]

Reuses shared/peers/bench.py (imported, not edited) with one more peer, 'quartier':
`quartier aggregate --areas POLYS --id poly_id --points CSV --sum sgb2 --out T --summary T.json`.
Runs are interleaved per size (quartier, then each peer, RUNS times round-robin), so a change in the
machine's load hits all of them alike. Prints a markdown table per size (medians) with each peer's
wall time as a ratio to Quartier's, and whether every per-area table equals the GEOS C peer's
(n and sgb2 of every area, and the number of points in no area).
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time


def load_peer_table(path):
    with open(path) as f:
        return {int(r["poly_id"]): (int(r["n"]), int(r["sgb2"])) for r in csv.DictReader(f)}


def load_quartier_table(path):
    """Quartier's table in the peers' form: row 0 = points in no area (unassigned + on_boundary)."""
    with open(path) as f:
        rows = list(csv.DictReader(f))
    table = {int(r["poly_id"]): (int(r["n"]), int(r["sgb2"])) for r in rows}
    s = json.load(open(path + ".json"))
    table[0] = (s["unassigned"] + s["on_boundary"], None)
    return table


def same(ref, other):
    """Differences between two tables in the peers' form (sgb2 of row 0 is not compared)."""
    diff = []
    for i in sorted(set(ref) | set(other)):
        a, b = ref.get(i, (0, 0)), other.get(i, (0, 0))
        if i == 0:
            if a[0] != b[0]:
                diff.append((i, a, b))
        elif a != b:
            diff.append((i, a, b))
    return diff


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quartier", required=True)
    ap.add_argument("--peers-dir", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", default="M,L")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peers", default="geos-c,geos-c-sorted,duckdb,geopandas,postgis-join")
    ap.add_argument("--threads", type=int, default=0, help="Quartier threads (0 = all cores)")
    ap.add_argument("--timeout", type=float, default=580)
    a = ap.parse_args()

    sys.path.insert(0, a.peers_dir)
    import bench  # shared/peers/bench.py: run_once measures wall, RSS, CPU, other load

    def quartier(P, C, O):
        cmd = [a.quartier, "aggregate", "--areas", P, "--id", "poly_id", "--points", C, "--sum", "sgb2",
               "--out", O, "--summary", O + ".json", "--timings"]
        return cmd + (["--threads", str(a.threads)] if a.threads else [])

    def german(C):
        """The same persons as a German export (Benchmarks/german_points.py), written once beside C."""
        G = C.replace(".csv", "_de.csv")
        if not os.path.exists(G):
            subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "german_points.py"), C, G],
                           check=True)
        return G

    bench.PEERS["quartier"] = quartier
    bench.PEERS["quartier-de"] = lambda P, C, O: quartier(P, german(C), O)
    peers = ["quartier"] + [p for p in a.peers.split(",") if p and p != "quartier"]
    os.makedirs(f"{a.out}/tables", exist_ok=True)
    results = f"{a.out}/results.jsonl"
    for size in a.sizes.split(","):
        polys, pts = f"{a.data}/city_{size}_polys.gpkg", f"{a.data}/city_{size}_points.csv"
        if "quartier-de" in peers:
            bench.PEERS["quartier-de"](polys, pts, os.devnull)  # write the German file before timing
            subprocess.run(["cat", pts.replace(".csv", "_de.csv")], stdout=subprocess.DEVNULL)
        subprocess.run(["cat", polys, pts], stdout=subprocess.DEVNULL)  # warm the page cache
        failed = set()
        for r in range(1, a.runs + 1):
            for peer in peers:
                if peer in failed:
                    continue
                table = f"{a.out}/tables/{peer}_{size}.csv"
                rec = {"peer": peer, "size": size, "run": r, "started": time.strftime("%H:%M:%S")}
                rec.update(bench.run_once(bench.PEERS[peer](polys, pts, table), a.timeout))
                with open(results, "a") as f:
                    f.write(json.dumps(rec) + "\n")
                ph = rec["phases"]
                print(f"{size} {peer:14s} run {r}: wall {rec['wall_s']:7.2f}s cpu {rec['cpu_s']:6.1f}s "
                      f"other {rec['other_cpu_s']:5.1f}s rss {rec['max_rss_kb']} kB load {ph.get('load_s')} "
                      f"index {ph.get('index_s')} join {ph.get('join_s')} write {ph.get('write_s')} rc {rec['rc']}",
                      file=sys.stderr, flush=True)
                if rec["rc"] != 0 or rec["timed_out"]:
                    failed.add(peer)
                    print(rec["stderr_tail"], file=sys.stderr)
    report(a, peers)


def report(a, peers):
    recs = [json.loads(l) for l in open(f"{a.out}/results.jsonl")]
    med = lambda xs: statistics.median(xs) if xs else None
    for size in a.sizes.split(","):
        ok = lambda p: [r for r in recs if r["peer"] == p and r["size"] == size and r["rc"] == 0 and not r["timed_out"]]
        q = med([r["wall_s"] for r in ok("quartier")])
        tables = {}
        for p in peers:
            path = f"{a.out}/tables/{p}_{size}.csv"
            if os.path.exists(path) and ok(p):
                tables[p] = load_quartier_table(path) if p.startswith("quartier") else load_peer_table(path)
        ref = tables.get("geos-c")
        print(f"\n### size {size}: median of {a.runs} runs, whole process, seconds\n")
        print("| tool | wall s (min-max) | ratio to Quartier | load s | index s | join s | write s | CPU s | peak RSS MiB "
              "| other load | per-area table vs geos-c |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for p in peers:
            rs = ok(p)
            if not rs:
                print(f"| {p} | failed | | | | | | | | | |")
                continue
            walls = [r["wall_s"] for r in rs]
            w = med(walls)
            ph = lambda k: med([r["phases"].get(k) for r in rs if r["phases"].get(k) is not None])
            fmt = lambda v: "" if v is None else f"{v:.2f}"
            shares = [r["other_cpu_s"] / r["wall_s"] for r in rs if r.get("other_cpu_s") is not None and r["wall_s"] > 0]
            other = f"{100 * med(shares) / 2:.0f}%" if shares else ""
            if ref is None or p not in tables:
                verdict = "no geos-c table" if ref is None else "no table"
            elif p == "geos-c":
                verdict = "reference"
            else:
                d = same(ref, tables[p])
                verdict = "identical" if not d else f"{len(d)} rows differ, e.g. {d[:2]}"
            ratio = "1.00" if p == "quartier" else (f"{w / q:.2f}" if q else "")
            print(f"| {p} | {w:.2f} ({min(walls):.2f}-{max(walls):.2f}) | {ratio} | {fmt(ph('load_s'))} | {fmt(ph('index_s'))} "
                  f"| {fmt(ph('join_s'))} | {fmt(ph('write_s'))} | {fmt(med([r['cpu_s'] for r in rs]))} "
                  f"| {med([r['max_rss_kb'] for r in rs]) / 1024:.0f} | {other} | {verdict} |")
        print("\nPhases as each tool reports them: Quartier streams the CSV, so its join_s includes reading and "
              "parsing the points (the peers count that in load_s), and its index_s is the GEOS validity check "
              "and the index build side by side. Wall = whole process (start-up, exit). Other load = CPU that "
              "other processes used during the run, as a share of the 2 cores (median).")


if __name__ == "__main__":
    main()
