#!/usr/bin/env bash
# Installs what Quartier builds, runs and tests with on Debian 12 (run as root, or with sudo).
# The Swift 6.3 toolchain itself comes from swift.org and is expected on PATH.
set -euo pipefail
packages=()
while read -r line; do
  name=${line%%#*}; name=${name//[[:space:]]/}
  if [ -n "$name" ]; then packages+=("$name"); fi
done < "$(dirname "$0")/debian-packages.txt"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
# Independent reference checks in the tests (they skip, and say so, where these are missing):
# numpy/scipy (LP attack on suppressed tables, reference statistics), openpyxl (reads our XLSX back).
if command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1; then
  python3 -c "import numpy, scipy, openpyxl" 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check numpy scipy openpyxl \
    || echo "install-deps: could not install numpy/scipy/openpyxl; the reference checks will be skipped" >&2
fi
