#!/bin/sh
# Speed of `quartier disclosure apply` + `audit` on a synthetic city (issue 9):
# 10,000 blocks -> 1,000 Quartiere -> 100 Stadtteile -> city, 5 age groups + total (66,606 cells).
# Release build; wall-clock seconds from /usr/bin/time. Usage: scripts/bench/disclosure_speed.sh [BLOCKS]
set -eu
BLOCKS=${1:-10000}
cd "$(dirname "$0")/../.."
swift build -c release --product quartier >/dev/null
BIN=$(swift build -c release --show-bin-path)/quartier
DIR=$(mktemp -d)
python3 scripts/bench/disclosure_table.py "$BLOCKS" "$DIR/table.csv"
cat > "$DIR/rules.toml" <<'TOML'
[primary]
minimum_population = 100
small_count_limit = 2
TOML
echo "table: $(($(wc -l < "$DIR/table.csv") - 1)) cells"
/usr/bin/time -f "apply: %e s wall, %U s user CPU, %M KB max RSS" "$BIN" disclosure apply --rules "$DIR/rules.toml" "$DIR/table.csv" \
    --out "$DIR/published.csv" --protected "$DIR/protected.csv"
/usr/bin/time -f "audit: %e s wall, %U s user CPU, %M KB max RSS" "$BIN" disclosure audit --rules "$DIR/rules.toml" "$DIR/protected.csv"
rm -rf "$DIR"
