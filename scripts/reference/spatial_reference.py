"""Reference contiguity, Moran and local Moran from libpysal 4.14.1 / esda 2.9.0 for the spatial tests.

Run from the package root:  python3 scripts/reference/spatial_reference.py
Writes Tests/Fixtures/Spatial/*.gal (libpysal's GAL writer; neighbour ids sorted) and *_local.csv (id, y, Is, q, p_sim),
and prints the global Moran numbers that Tests/QuartierMethodsTests/Spatial/PySALReferenceTests.swift embeds.
Data: Berlin 2021 PLR (542, EPSG:25833) with MSS 2021 S4 on the 536 valid PLR; Manchester LSOAs (282, WGS84)
with the IMD 2019 rank as the value.
"""
import csv
import warnings

import geopandas as gpd
import numpy as np
from esda.moran import Moran, Moran_Local
from libpysal.weights import Queen, Rook

warnings.simplefilter("ignore")
np.random.seed(12345)
OUT = "Tests/Fixtures/Spatial"
DATA = "../shared/data"


def write_gal(w, path):
    with open(path, "w") as f:
        f.write(f"{w.n}\n")
        for i in w.id_order:
            nb = sorted(w.neighbors[i])
            f.write(f"{i} {len(nb)}\n{' '.join(nb)}\n")


def contiguity(df, idcol, name):
    for rule, cls in (("queen", Queen), ("rook", Rook)):
        w = cls.from_dataframe(df, ids=list(df[idcol]), use_index=False)
        write_gal(w, f"{OUT}/{name}_{rule}.gal")
        print(f"// {name} {rule}: n={w.n} nonzero={w.nonzero} islands={sorted(w.islands)}")


def moran(df, idcol, y, name):
    w = Queen.from_dataframe(df, ids=list(df[idcol]), use_index=False)
    w.transform = "r"
    m = Moran(y, w, permutations=999)
    print(f'// {name}: islands {sorted(w.islands)}; p_sim (999, numpy seed 12345) = {float(m.p_sim)!r}')
    print(f'    ("{name}", I: {float(m.I)!r}, EI: {float(m.EI)!r}, VI_norm: {float(m.VI_norm)!r}, z_norm: {float(m.z_norm)!r}, p_norm: {float(m.p_norm)!r}, '
          f"VI_rand: {float(m.VI_rand)!r}, z_rand: {float(m.z_rand)!r}, p_rand: {float(m.p_rand)!r}),")
    lm = Moran_Local(y, w, permutations=999, seed=12345)
    with open(f"{OUT}/{name}_local.csv", "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["id", "y", "Is", "q", "p_sim"])
        for i, area in enumerate(df[idcol]):
            out.writerow([area, repr(float(y[i])), repr(float(lm.Is[i])), int(lm.q[i]), repr(float(lm.p_sim[i]))])


berlin = gpd.read_file(f"{DATA}/berlin-mss-2021/lor_planungsraeume_2021_epsg25833.geojson")
contiguity(berlin, "plr_id", "berlin2021")
ind = {}
with open(f"{DATA}/berlin-mss-2021/mss2021_index_indikatoren_plr.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["KOM"] == "gültig":
            ind[row["PLR_ID"]] = float(row["S4"])
valid = berlin[berlin["plr_id"].isin(ind)].reset_index(drop=True)
moran(valid, "plr_id", np.array([ind[i] for i in valid["plr_id"]]), "berlin2021_s4")

manchester = gpd.read_file(f"{DATA}/uk-imd-2019/lsoa11_manchester_wgs84_simplified.geojson")
contiguity(manchester, "lsoa11_code", "manchester")
ranks = {}
with open(f"{DATA}/uk-imd-2019/imd2019_england_lsoa11_ranks_deciles.csv") as f:
    for row in csv.DictReader(f):
        ranks[row["lsoa11_code"]] = float(row["IMD_rank"])
moran(manchester, "lsoa11_code", np.array([ranks[i] for i in manchester["lsoa11_code"]]), "manchester_imdrank")

# The four-area vector of METHODS.md (rook line 0-1-2-3), as a cross-check of the formulas.
from libpysal.weights import W
w4 = W({0: [1], 1: [0, 2], 2: [1, 3], 3: [2]})
w4.transform = "r"
m4 = Moran(np.array([1.0, 2, 3, 4]), w4, permutations=0)
l4 = Moran_Local(np.array([1.0, 2, 3, 4]), w4, permutations=0)
print(f"// four areas: I={float(m4.I)!r} EI={float(m4.EI)!r} VI_norm={float(m4.VI_norm)!r} VI_rand={float(m4.VI_rand)!r} Is={[float(x) for x in l4.Is]} q={[int(x) for x in l4.q]}")
