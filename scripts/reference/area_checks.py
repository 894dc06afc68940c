"""Independent reference figures for `quartier areas check` (shapely 2 / geopandas / pyproj).

Usage:
    python3 scripts/reference/area_checks.py FILE ID_COLUMN [TARGET_CRS] [PARENT_COLUMN ...]

Prints: feature count, CRS, invalid geometries with shapely's reason, duplicate ids, overlapping pairs
(intersection area > 0.01 m²) with their total area, gaps (interior rings of the union minus areas
inside them, area > 0.01 m²) with total area, and per parent column the number of parent ids and the number of parent ids
whose children disagree on a higher-level parent id. The tests in Tests/QuartierTests embed this output.
"""
import sys

import geopandas as gpd
import shapely
from shapely.validation import explain_validity

TOLERANCE = 0.01  # m²

path, id_column = sys.argv[1], sys.argv[2]
target = sys.argv[3] if len(sys.argv) > 3 and ":" in sys.argv[3] else None
parents = sys.argv[4:] if target else sys.argv[3:]

frame = gpd.read_file(path)
print("features", len(frame))
print("crs", frame.crs.to_string() if frame.crs else None)
if target:
    frame = frame.to_crs(target)
    print("projected to", target)

invalid = [(row[id_column], explain_validity(row.geometry)) for _, row in frame.iterrows() if not row.geometry.is_valid]
print("invalid", len(invalid))
for area_id, reason in invalid:
    print("  invalid", area_id, reason)

counts = frame[id_column].value_counts()
duplicates = counts[counts > 1]
print("duplicate ids", len(duplicates))

geometries = list(frame.geometry)
ids = list(frame[id_column])
tree = shapely.STRtree(geometries)
pairs = tree.query(geometries, predicate="intersects")
overlaps = []
for i, j in zip(*pairs):
    if i < j:
        area = shapely.intersection(geometries[i], geometries[j]).area
        if area > TOLERANCE:
            overlaps.append((ids[i], ids[j], area))
print("overlaps", len(overlaps), "total m2 %.3f" % sum(a for _, _, a in overlaps))
for a, b, area in sorted(overlaps, key=lambda t: -t[2])[:5]:
    print("  overlap", a, b, "%.3f" % area)

union = shapely.unary_union(geometries)
holes = []
for polygon in getattr(union, "geoms", [union]):
    for ring in polygon.interiors:
        hole = shapely.Polygon(ring).difference(union)  # minus areas inside the hole
        if hole.area > TOLERANCE:
            holes.append(hole.area)
print("gaps", len(holes), "total m2 %.3f" % sum(holes))
for area in sorted(holes, reverse=True)[:5]:
    print("  gap %.3f" % area)

for level, column in enumerate(parents):
    higher = parents[level + 1:]
    groups = frame.groupby(column)
    inconsistent = 0
    for _, group in groups:
        if any(group[h].nunique() > 1 for h in higher):
            inconsistent += 1
    print("level", column, "parents", frame[column].nunique(), "inconsistent", inconsistent)
