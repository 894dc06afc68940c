#!/bin/sh
# Leak and memory-error check of the geometry stack (codecs, GEOS/PROJ/shapelib wrappers, area sets,
# GeoPackage): AddressSanitizer + LeakSanitizer build in its own scratch path, test binary run directly
# (TOOLCHAIN.md). Exit status 0 = no leak, no memory error. Takes ~4 min on a 2-core machine.
set -eu
cd "$(dirname "$0")/../.."
swift build --build-tests --sanitize=address --scratch-path .build-asan
ASAN_OPTIONS=detect_leaks=1 \
LSAN_OPTIONS="fast_unwind_on_malloc=0:suppressions=$(pwd)/scripts/leaks/geo-lsan.supp" \
.build-asan/debug/QuartierPackageTests.xctest --testing-library swift-testing \
  --filter "WKBTests|GeoPackageBinaryTests|GeoJSONTests|CRSTests|GEOSTests|PROJTests|ShapefileTests|GeoPackageTests|AreaLoadingTests|AreaCheckTests|AreaFormatsTests|GDALInteropTests"
