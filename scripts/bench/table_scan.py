#!/usr/bin/env python3
"""Side-by-side parse speed: `quartier table scan` (release) against pandas.read_csv, same job.

Job: read the points CSV (id,x,y,hh_id,age,sgb2), sum x and y, count three filters.
Both print their results, so the numbers are checked against each other before any time is shown.

    python3 /work/shared/peers/gen_city.py M --out /tmp/tables-data --no-geojson
    swift build -c release --product quartier
    python3 scripts/bench/table_scan.py .build/release/quartier /tmp/tables-data/city_M_points.csv

Each tool runs `--repeat` times (default 3) alternately, each as its own process; the best wall
time and the best CPU time (user + system, from the child's rusage) count. On a shared machine the
CPU time is the steadier figure. pandas' time is measured inside its process after `import pandas`
(interpreter start and import excluded); Quartier's includes process start (~0.01 s).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time


def child_cpu(run):
    before = os.times()
    result = run()
    after = os.times()
    return result, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def run_quartier(binary, path):
    start = time.perf_counter()
    out = subprocess.run(
        [binary, "table", "scan", path, "--sum", "x", "--sum", "y",
         "--count", "kinder=age < 15", "--count", "arm=sgb2 == 1",
         "--count", "kinder_arm=age < 15 and sgb2 == 1"],
        check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    rows = int(re.search(r"rows: (\d+)", out).group(1))
    sums = {m[0]: float(m[1]) for m in re.findall(r"sum (\w+): (\S+)", out)}
    counts = {m[0]: int(m[1]) for m in re.findall(r"count (\w+): (\d+)", out)}
    return seconds, rows, sums, counts


PANDAS_JOB = """
import json, sys, time, resource
import pandas
start = time.perf_counter(); cpu = time.process_time()
frame = pandas.read_csv(sys.argv[1])  # C engine, default dtypes (int64/float64)
sums = {"x": float(frame["x"].sum()), "y": float(frame["y"].sum())}
counts = {"kinder": int((frame["age"] < 15).sum()), "arm": int((frame["sgb2"] == 1).sum()),
          "kinder_arm": int(((frame["age"] < 15) & (frame["sgb2"] == 1)).sum())}
print(json.dumps([time.perf_counter() - start, time.process_time() - cpu, len(frame), sums, counts, pandas.__version__]))
"""


def run_pandas(path):
    out = subprocess.run([sys.executable, "-c", PANDAS_JOB, path], check=True, capture_output=True, text=True).stdout
    seconds, cpu, rows, sums, counts, version = json.loads(out)
    return seconds, cpu, rows, sums, counts, version


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("quartier")
    parser.add_argument("csv")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best = {}
    cpu = {}
    results = {}
    version = ""
    for _ in range(args.repeat):
        (seconds, rows, sums, counts), used = child_cpu(lambda: run_quartier(args.quartier, args.csv))
        best["quartier"] = min(best.get("quartier", seconds), seconds)
        cpu["quartier"] = min(cpu.get("quartier", used), used)
        results["quartier"] = (rows, sums, counts)
        seconds, used, rows, sums, counts, version = run_pandas(args.csv)
        best["pandas"] = min(best.get("pandas", seconds), seconds)
        cpu["pandas"] = min(cpu.get("pandas", used), used)
        results["pandas"] = (rows, sums, counts)
    q, p = results["quartier"], results["pandas"]
    assert q[0] == p[0], (q[0], p[0])
    assert q[2] == p[2], (q[2], p[2])
    for column in ("x", "y"):  # pandas sums pairwise, Quartier in file order: equal to ~1e-12 relative
        assert abs(q[1][column] - p[1][column]) <= 1e-9 * abs(p[1][column]), (column, q[1][column], p[1][column])
    print(f"rows {q[0]}, counts {q[2]} (identical in both); sums equal to 1e-9 relative")
    print(f"{'':28} {'wall s':>8} {'rows/s (wall)':>14} {'CPU s':>8} {'rows/s (CPU)':>14}")
    for name, label, rows in (("quartier", "quartier table scan", q[0]), ("pandas", f"pandas {version} read_csv", p[0])):
        print(f"{label:28} {best[name]:8.3f} {rows / best[name]:14,.0f} {cpu[name]:8.3f} {rows / cpu[name]:14,.0f}")
    print(f"ratio pandas/quartier: wall {best['pandas'] / best['quartier']:.2f}, CPU {cpu['pandas'] / cpu['quartier']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
