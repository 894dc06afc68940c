#!/usr/bin/env bash
# Render time and size of the report of the synthetic city (release build), for 1,000 and 10,000 areas
# (and any sizes given as arguments). The time printed is the builder + writer only ("rendered in"),
# the wall time includes generating the synthetic model.
#
#   scripts/report-speed.sh [AREAS ...]      (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product quartier >/dev/null
BIN="$(swift build -c release --show-bin-path)/quartier"
OUT="$(mktemp -d)"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000)
for n in "${sizes[@]}"; do
  for profiles in all none; do
    start=$(date +%s.%N)
    line=$("$BIN" report --demo synthetic --areas "$n" --profiles "$profiles" --out "$OUT/$n-$profiles" | tail -1)
    end=$(date +%s.%N)
    html=$(stat -c %s "$OUT/$n-$profiles/report.html")
    csv=$(cat "$OUT/$n-$profiles"/*.csv | wc -c)
    printf "areas %6d profiles %-4s  html %9d bytes  csv %9d bytes  %s  (wall %.2f s)\n" \
      "$n" "$profiles" "$html" "$csv" "$line" "$(echo "$end - $start" | bc)"
  done
done
rm -rf "$OUT"
