#!/usr/bin/env bash
# Installs the Debian 12 packages Quartier builds and tests with (run as root, or with sudo available).
# The Swift 6.3 toolchain itself comes from swift.org and is expected on PATH.
set -euo pipefail
packages=(
  libgeos-dev        # GEOS: geometry validity, predicates, overlay, STRtree
  libproj-dev        # PROJ: CRS transformations (brings proj.db)
  libsqlite3-dev     # SQLite, used through GRDB for GeoPackage
  libshp-dev         # shapelib: Shapefile reading
  libxlsxwriter-dev  # libxlsxwriter: XLSX export
  libglpk-dev        # GLPK: linear programmes for disclosure control
  libssl-dev         # OpenSSL libcrypto: SHA-256 content hashes for incremental runs and provenance
)
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
