#!/usr/bin/env bash
# Runs one libFuzzer target for a given time from its committed corpus.
#   bash Fuzz/run.sh FuzzWKB 600          # 10 minutes
#   bash Fuzz/run.sh all 600              # every target in turn (and Fuzz/run-geocoding.sh)
# Builds Fuzz/ with `--sanitize=fuzzer --sanitize=address` (its own .build), copies the committed
# corpus Fuzz/Corpus/TARGET into a scratch corpus (new inputs are not committed), and writes any
# crash input as Fuzz/crashes/TARGET-crash-*. Prints libFuzzer's final stats line per target.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: run.sh TARGET|all SECONDS}
seconds=${2:-60}
targets=(FuzzWKB FuzzGeoPackageBlob FuzzGeoJSON FuzzCSV FuzzFilter FuzzSpec)
[ "$target" = all ] || targets=("$target")
swift build -c debug --sanitize=fuzzer --sanitize=address 2>&1 | grep -vE "Cannot export local symbol|^ld.gold" | tail -3
bin=$(swift build -c debug --sanitize=fuzzer --sanitize=address --show-bin-path)
# SwiftPM 6.3 sometimes leaves a build of this package without coverage instrumentation (libFuzzer
# then prints no "inline 8-bit counters" line and cannot steer): such a target is rebuilt once.
instrumented() {
    local probe out; probe=$(mktemp -d); out=$("$bin/$1" -runs=0 "$probe" 2>&1 || true); rm -rf "$probe"
    [[ $out == *"inline 8-bit counters"* ]]
}
mkdir -p crashes
if [ "$target" = all ] || [ "$target" = FuzzGeocoding ]; then
    # The geocoder's parsers are fuzzed through their internal byte API: one module built from sources.
    echo "== FuzzGeocoding for ${seconds}s"; (bash run-geocoding.sh "$seconds" -print_final_stats=1 2>&1 | grep -E "DONE|stat::number_of_executed_units|ERROR|violated" | tr '\n' ' '; echo)
    [ "$target" = all ] || exit 0
fi
for t in "${targets[@]}"; do
    [ -x "$bin/$t" ] || { echo "$t: not built (skipped)"; continue; }
    if ! instrumented "$t"; then
        touch ../Sources/QuartierBase/*.swift ../Sources/QuartierGeometry/*/*.swift ../Sources/QuartierTable/*/*.swift Targets/*/*.swift
        swift build -c debug --sanitize=fuzzer --sanitize=address 2>&1 | grep -vE "Cannot export local symbol|^ld.gold" | tail -1
        instrumented "$t" || { echo "$t: FAILED (no coverage instrumentation)"; continue; }
    fi
    work=$(mktemp -d); cp -r "Corpus/$t/." "$work/" 2>/dev/null || true
    echo "== $t for ${seconds}s (corpus: $(ls "$work" | wc -l) files)"
    extra=()
    # TOMLKit 0.6.0 leaks ~1.2 KB per parsed table inside its C++ core (../shared/TOOLCHAIN.md): not ours.
    # It also reads the demo's files for every spec (headers, year columns): slow under ASan, so a longer timeout.
    [ "$t" = FuzzSpec ] && extra+=(-detect_leaks=0 -timeout=120)
    # TOMLKit's leak would also be reported by LeakSanitizer at exit, as a crash of the empty input.
    ASAN_OPTIONS=${ASAN_OPTIONS:-}${extra:+:detect_leaks=0} "$bin/$t" "$work" -timeout=10 "${extra[@]}" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
        -artifact_prefix="crashes/$t-" -print_final_stats=1 2>"$work.log" || { tail -40 "$work.log"; echo "$t: FAILED (see crashes/)"; }
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$work.log" | tr '\n' ' '; echo
    rm -rf "$work" "$work.log"
done
