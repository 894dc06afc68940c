#!/bin/sh
# Speed of the synthetic control's placebo runs (issue 17: one Quartier among 1,000 areas, 15 years,
# 10 pre-years, under 10 s). Compiles the method's sources (Sources/QuartierMethods/Causal and the
# project's RNG) with the benchmark driver in release mode (-O, whole module) and runs it:
#   Benchmarks/synthetic-control.sh [AREAS] [REPEATS] [--optimised]
# --optimised adds one run with ADH's nested V chosen again for every placebo (slow by nature).
# The swiftc build takes seconds, instead of a release build of the whole package.
set -eu
cd "$(dirname "$0")/.."
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
swiftc -O -wmo -module-name SyntheticControlBench -o "$OUT/bench" \
  Sources/QuartierMethods/Causal/*.swift \
  Sources/QuartierMethods/Spatial/SeededGenerator.swift Sources/QuartierMethods/Spatial/SeededGenerator+Distributions.swift \
  Benchmarks/SyntheticControl/main.swift
"$OUT/bench" "$@"
