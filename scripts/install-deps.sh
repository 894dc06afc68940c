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
# The independent reference checks' Python packages (numpy, scipy, openpyxl) and unzip come from Debian
# (debian-packages.txt) above; say what was installed and whether the checks can run.
echo "install-deps: Debian packages present: ${packages[*]}" >&2
# The reference tests run Debian's /usr/bin/python3, where the python3-* packages install
# (Tests/QuartierTestSupport/ReferenceTool.swift), whatever python3 comes first on PATH.
PYTHON=/usr/bin/python3; [ -x "$PYTHON" ] || PYTHON=python3
if ! "$PYTHON" -c "import numpy, scipy.optimize, openpyxl" 2>/dev/null; then
  echo "install-deps: $PYTHON cannot import numpy/scipy/openpyxl; the reference tests will skip (and fail under CI=true)" >&2
fi
# PySAL `access` (pip, pinned in scripts/reference/requirements-access.txt) in a venv of its own, for the
# access comparison (AccessPySALTests) and benchmark; needs python3-venv and the network once. Failure is
# not fatal: the comparison then skips (and fails under CI=true), naming the venv.
ACCESS_VENV="$(cd "$(dirname "$0")/.." && pwd)/.build-access-venv"
if ! "$ACCESS_VENV/bin/python" -c "import access" 2>/dev/null; then
  if "$PYTHON" -m venv "$ACCESS_VENV" && "$ACCESS_VENV/bin/pip" install --quiet -r "$(dirname "$0")/reference/requirements-access.txt"; then
    echo "install-deps: PySAL access installed into $ACCESS_VENV" >&2
  else
    echo "install-deps: could not install PySAL access into $ACCESS_VENV; the access comparison will skip (and fail under CI=true)" >&2
  fi
fi
# statsmodels, differences and pysyncon (pip, pinned in scripts/reference/requirements-evaluation.txt) in a
# venv of their own, for the evaluation's reference checks (DiD, Callaway & Sant'Anna, synthetic control).
# Failure is not fatal: those checks then skip (and fail under CI=true), naming the venv.
EVALUATION_VENV="$(cd "$(dirname "$0")/.." && pwd)/.build-evaluation-venv"
if ! "$EVALUATION_VENV/bin/python" -c "import statsmodels, differences, pysyncon" 2>/dev/null; then
  if "$PYTHON" -m venv "$EVALUATION_VENV" && "$EVALUATION_VENV/bin/pip" install --quiet -r "$(dirname "$0")/reference/requirements-evaluation.txt"; then
    echo "install-deps: statsmodels, differences and pysyncon installed into $EVALUATION_VENV" >&2
  else
    echo "install-deps: could not install the evaluation packages into $EVALUATION_VENV; the evaluation's reference checks will skip (and fail under CI=true)" >&2
  fi
fi
# The atlas's browser test (scripts/atlas/atlas_browser_check.py) drives Debian's chromium through
# chromium-driver and python3-selenium.
if ! "$PYTHON" -c "import selenium" 2>/dev/null || [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "install-deps: chromium, chromedriver or python3-selenium missing; the atlas's browser test will skip (and fail under CI=true)" >&2
fi
