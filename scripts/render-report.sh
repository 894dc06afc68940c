#!/usr/bin/env bash
# Renders Quartier reports in a real browser: headless Chromium prints each report to PDF and takes a
# PNG screenshot; pdftoppm turns the PDF pages into PNGs to look at.
#
#   scripts/render-report.sh [OUT]        (default OUT=.build/report-render)
#
# Builds `quartier`, writes the Berlin MSS 2021 report (from ../shared/data/berlin-mss-2021) and the
# synthetic demo city (1,000 areas, English), then renders both. Installs chromium and poppler-utils
# with apt-get when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-.build/report-render}"
DATA="${QUARTIER_BERLIN_DATA:-../shared/data/berlin-mss-2021}"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need[@]}"
fi

swift build --product quartier >/dev/null
BIN="$(swift build --show-bin-path)/quartier"
mkdir -p "$OUT"
"$BIN" report --demo berlin-mss-2021 --data "$DATA" --out "$OUT/berlin"
HOSTILE='<script>alert(1)</script> & "Ü"'
"$BIN" report --demo synthetic --areas 1000 --lang en --rename "1=$HOSTILE" --out "$OUT/demo"

for name in berlin demo; do
  html="$(realpath "$OUT/$name/report.html")"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/$name.pdf" "file://$html" 2>/dev/null
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$OUT/$name.png" --window-size=1400,2000 "file://$html" 2>/dev/null
  rm -f "$OUT/$name-page"-*.png
  pdftoppm -png -r 60 -f 1 -l 12 "$OUT/$name.pdf" "$OUT/$name-page"
  pages=$(pdfinfo "$OUT/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  echo "$name: $(stat -c %s "$OUT/$name/report.html") bytes HTML, PDF $pages pages -> $OUT/$name.pdf, $OUT/$name.png, $OUT/$name-page-*.png"
done

# Escaping in a real browser: the DOM Chromium builds from the demo report holds no script element,
# and the hostile area name is text (serialised escaped again by --dump-dom).
dom="$OUT/demo.dom.html"
chromium --headless --no-sandbox --disable-gpu --dump-dom "file://$(realpath "$OUT/demo/report.html")" 2>/dev/null > "$dom"
if grep -qi '<script' "$dom"; then echo "FAIL: a script element is in the DOM"; exit 1; fi
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Ü"' "$dom" && echo "escaping: the hostile name is text in the DOM, no script element"
