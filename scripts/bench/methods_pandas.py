#!/usr/bin/env python3
"""The pandas/numpy equivalent of `quartier index` for the IMD 2019 recombination and the MSS 2021,
timed the same way (compute only: the input is read before the clock starts, nothing is written).

Usage: python3 scripts/bench/methods_pandas.py DATA_DIR REPEAT_IMD REPEAT_MSS [QUARTIER_IMD_CSV QUARTIER_MSS_CSV]
Prints `pandas imd ms=…` and `pandas mss ms=…` (medians) and, given Quartier's outputs, whether they agree.
"""
import sys, time, statistics
import numpy as np
import pandas as pd

data, repeat_imd, repeat_mss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
imd = pd.read_csv(f"{data}/uk-imd-2019/imd2019_england_lsoa11_ranks_deciles.csv")
mss = pd.read_csv(f"{data}/berlin-mss-2021/mss2021_index_indikatoren_plr.csv", dtype={"PLR_ID": str}, na_values=[-9999])
DOMAINS = [("Income_rank", .225), ("Employment_rank", .225), ("Education_rank", .135), ("Health_rank", .135),
           ("Crime_rank", .093), ("Housing_and_Access_rank", .093), ("Environment_rank", .093)]

def imd_compute(df):
    n = len(df)
    out = pd.DataFrame({"lsoa11_code": df["lsoa11_code"]})
    score = np.zeros(n)
    for column, weight in DOMAINS:
        r = (n - df[column].to_numpy(dtype=float) + 1) / n
        x = -23 * np.log(1 - r * (1 - np.exp(-100 / 23)))
        out["x_" + column] = x
        score += weight * x
    out["score"] = score
    out["rank"] = out["score"].rank(method="min", ascending=False)
    out["decile"] = np.ceil(10 * out["rank"] / n).astype(int)
    return out

def mss_compute(df):
    valid = df["KOM"] == "gültig"
    v = df[valid]
    out = pd.DataFrame({"PLR_ID": df["PLR_ID"], "valid": np.where(valid, "yes", "no"), "validity": df["KOM"]})
    for side, cols, breaks, labels in (("status", ["S1", "S3", "S4"], [-np.inf, -1, 1, 1.5], ["1", "2", "3", "4"]),
                                       ("dynamics", ["D1", "D3", "D4"], [-np.inf, -1, 1], ["+", "+/-", "-"])):
        total = 0
        for c in cols:
            z = (v[c] - v[c].mean()) / v[c].std(ddof=0)
            out["z_" + c] = z
            total = total + z
        index = (total - total.mean()) / total.std(ddof=0)
        out[side + "_sum"] = total
        out[side + "_index"] = index
        out[side + "_rank"] = index.rank(method="min", ascending=False)
        x = index.to_numpy()
        # hoch x < -1 (left-closed at -1), then right-closed at 1 and 1.5.
        cls = np.where(x < -1, 0, np.where(x <= 1, 1, np.where(x <= 1.5, 2, 3))) if side == "status" else np.where(x < -1, 0, np.where(x <= 1, 1, 2))
        out.loc[valid, side + "_class"] = np.array(labels)[cls]
    out["combined_class"] = out["status_class"] + out["dynamics_class"]
    return out

def timed(function, frame, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(frame)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3, result

imd_ms, imd_out = timed(imd_compute, imd, repeat_imd)
mss_ms, mss_out = timed(mss_compute, mss, repeat_mss)
print(f"pandas imd ms={imd_ms:.4f}")
print(f"pandas mss ms={mss_ms:.4f}")
if len(sys.argv) > 5:
    q_imd = pd.read_csv(sys.argv[4])
    q_mss = pd.read_csv(sys.argv[5], dtype={"PLR_ID": str})
    same_rank = (q_imd["rank"].to_numpy() == imd_out["rank"].to_numpy()).mean()
    same_decile = (q_imd["decile"].to_numpy() == imd_out["decile"].to_numpy()).mean()
    valid = mss_out["valid"] == "yes"
    same_class = (q_mss.loc[valid, "combined_class"].to_numpy() == mss_out.loc[valid, "combined_class"].to_numpy()).mean()
    max_z = np.nanmax(np.abs(q_mss["status_index"].to_numpy() - mss_out["status_index"].to_numpy()))
    print(f"check imd: same rank {same_rank:.6f}, same decile {same_decile:.6f}; mss: same combined class {same_class:.6f}, max |status index diff| {max_z:.2e}")
