#!/usr/bin/env python3
"""Side-by-side parse speed: `quartier table scan` (release) against pandas.read_csv, same job.

Job: read the points CSV (id,x,y,hh_id,age,sgb2), sum x and y, count three filters.
Both print their results, so the numbers are checked against each other before any time is shown.

    python3 /work/shared/peers/gen_city.py M --out /tmp/tables-data --no-geojson
    swift build -c release --product quartier
    python3 scripts/bench/table_scan.py .build/release/quartier /tmp/tables-data/city_M_points.csv

Each tool runs `--repeat` times (default 3) alternately; the best wall time counts.
"""
import argparse
import re
import subprocess
import sys
import time


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


def run_pandas(path):
    import pandas
    start = time.perf_counter()
    frame = pandas.read_csv(path)  # C engine, default dtypes (int64/float64)
    sums = {"x": float(frame["x"].sum()), "y": float(frame["y"].sum())}
    counts = {"kinder": int((frame["age"] < 15).sum()), "arm": int((frame["sgb2"] == 1).sum()),
              "kinder_arm": int(((frame["age"] < 15) & (frame["sgb2"] == 1)).sum())}
    seconds = time.perf_counter() - start
    return seconds, len(frame), sums, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("quartier")
    parser.add_argument("csv")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best = {}
    results = {}
    for _ in range(args.repeat):
        for name, job in (("quartier", lambda: run_quartier(args.quartier, args.csv)), ("pandas", lambda: run_pandas(args.csv))):
            seconds, rows, sums, counts = job()
            best[name] = min(best.get(name, seconds), seconds)
            results[name] = (rows, sums, counts)
    q, p = results["quartier"], results["pandas"]
    assert q[0] == p[0], (q[0], p[0])
    assert q[2] == p[2], (q[2], p[2])
    for column in ("x", "y"):  # pandas sums pairwise, Quartier in file order: equal to ~1e-12 relative
        assert abs(q[1][column] - p[1][column]) <= 1e-9 * abs(p[1][column]), (column, q[1][column], p[1][column])
    import pandas
    print(f"rows {q[0]}, counts {q[2]} (identical in both)")
    print(f"quartier table scan: {best['quartier']:.3f} s  ({q[0] / best['quartier']:,.0f} rows/s, whole process)")
    print(f"pandas {pandas.__version__} read_csv:  {best['pandas']:.3f} s  ({p[0] / best['pandas']:,.0f} rows/s, in process)")
    print(f"ratio pandas/quartier: {best['pandas'] / best['quartier']:.2f}")


if __name__ == "__main__":
    sys.exit(main())
