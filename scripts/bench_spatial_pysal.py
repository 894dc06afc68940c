"""The PySAL side of scripts/bench-spatial.sh: times mapclassify FisherJenks (k = 5), libpysal Queen.from_dataframe
and esda Moran (999 permutations) on the prepared LSOA file, after reading it (reading is not timed).
Prints `name seconds result` lines, and the within-class sum of squares (SDCM, float64) of mapclassify's bins
and of QUARTIER_BINS (the smaller is the better partition; mapclassify accumulates Fisher-Jenks in float32).
Usage: python3 scripts/bench_spatial_pysal.py LSOA.geojson REPEATS [QUARTIER_BINS]
"""
import sys
import time
import warnings

import geopandas as gpd
import mapclassify
import numpy as np
from esda.moran import Moran
from libpysal.weights import Queen

warnings.simplefilter("ignore")
path, repeats = sys.argv[1], int(sys.argv[2])
gdf = gpd.read_file(path)
y = gdf["imd_score"].to_numpy(dtype=float)
try:
    import numba  # noqa: F401
    print(f"# numba {numba.__version__} present: mapclassify's Fisher-Jenks is JIT-compiled (first call compiles; timed calls are warm)")
except ImportError:
    print("# numba absent: mapclassify's Fisher-Jenks runs in pure Python")


def best(f):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t)
    return min(times), result


mapclassify.FisherJenks(y[:200], k=5)  # JIT warm-up (compilation not counted)
t, fj = best(lambda: mapclassify.FisherJenks(y, k=5))
print("fisher_jenks", t, ",".join(repr(float(b)) for b in fj.bins))


def sdcm(bins):
    classes = np.searchsorted(np.asarray(bins), y, side="left")
    return sum(((y[classes == c] - y[classes == c].mean()) ** 2).sum() for c in np.unique(classes))


if len(sys.argv) > 3:
    print("sdcm", repr(float(sdcm(fj.bins))), repr(float(sdcm([float(b) for b in sys.argv[3].split(",")]))))
t, w = best(lambda: Queen.from_dataframe(gdf, use_index=False))
print("queen", t, w.nonzero, len(w.islands))
w.transform = "r"
np.random.seed(12345)
t, m = best(lambda: Moran(y, w, permutations=999))
print("moran", t, repr(float(m.I)), repr(float(m.p_sim)))
