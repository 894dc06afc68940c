#!/bin/sh
# Builds and runs the libFuzzer target of the geocoder's parsers (Fuzz/Geocoding/GeocodingFuzz.swift).
# Usage: Fuzz/run-geocoding.sh [SECONDS] [extra libFuzzer flags]   (default 60 s; corpus and crashes in .build-fuzz/)
# One module from the sources of QuartierBase, QuartierTable and QuartierGeocoding (their imports of
# each other removed), compiled with -sanitize=fuzzer,address as ../shared/TOOLCHAIN.md describes.
set -eu
SECONDS_TO_RUN=${1:-60}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."
BUILD=.build-fuzz
mkdir -p "$BUILD/src" "$BUILD/corpus" "$BUILD/crashes"
rm -f "$BUILD"/src/*.swift
for file in Sources/QuartierBase/*.swift Sources/QuartierTable/*/*.swift Sources/QuartierGeocoding/*.swift; do
    sed -e '/^import QuartierBase$/d' -e '/^import QuartierTable$/d' "$file" > "$BUILD/src/$(basename "$(dirname "$file")")_$(basename "$file")"
done
# Seeds: spellings and house numbers of the unit tests (street, 0x1F, number, 0x1F, suffix).
for seed in "Hauptstr.\03712 A\037" "Müllerstraße\0375\037a" "Str. des 17. Juni\0371-3\037" "Karl-Marx-Str\03712 1/2\037" \
            "HAUPTSTRASSE\03712a-c\037" "Mu\0314\0210llerstr\03712/1\037b"; do
    printf "$seed" > "$BUILD/corpus/seed-$(printf "$seed" | cksum | cut -d' ' -f1)"
done
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name GeocodingFuzz \
    "$BUILD"/src/*.swift Fuzz/Geocoding/GeocodingFuzz.swift -o "$BUILD/geocoding-fuzz" 2>&1 | grep -v "Cannot export local symbol" || true
"$BUILD/geocoding-fuzz" -max_total_time="$SECONDS_TO_RUN" -artifact_prefix="$BUILD/crashes/" -max_len=256 "$@" "$BUILD/corpus"
