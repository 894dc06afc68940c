#!/usr/bin/env bash
# Size of the atlas and its time to first render in headless Chromium, on synthetic monitorings of
# N blocks (11 indicators, 5 years, 3 levels; blocks published: [disclosure] min_population = 0, the
# largest file), N = 1,000 and 10,000 by default.
#   scripts/atlas/atlas-speed.sh            # BIN=.build/release/quartier SIZES="1000 10000" PERSONS_PER_BLOCK=100
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-.build/release/quartier}
PYTHON=/usr/bin/python3; [ -x "$PYTHON" ] || PYTHON=python3
for N in ${SIZES:-1000 10000}; do
  dir=$(mktemp -d)
  "$BIN" synth monitoring --areas "$N" --persons $((N * ${PERSONS_PER_BLOCK:-100})) --years 2019-2023 --out "$dir" >/dev/null
  printf '\n[disclosure]\nmin_population = 0\n' >> "$dir/monitoring.toml"
  "$BIN" run "$dir/monitoring.toml" 2>/dev/null >/dev/null
  start=$(date +%s.%N)
  "$BIN" atlas "$dir/monitoring.toml" --out "$dir/atlas" 2>/dev/null
  echo "atlas command (store up to date): $(echo "$(date +%s.%N) - $start" | bc) s wall"
  "$PYTHON" scripts/atlas/atlas_render_time.py "$dir/atlas/atlas.html" --repeat "${REPEAT:-3}"
  rm -rf "$dir"
done
