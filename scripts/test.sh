#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run it:
# Debian chromium + a CJK font for the browser tests, PostgreSQL + PostGIS for the
# database tests (each run starts its own throw-away cluster on a free local port),
# GDAL's command-line tools and GeoPackage validator (gdal-bin, python3-gdal), a virtualenv
# with the Python packages, ruff, and pytest (unit, data integrity, provenance, AppTest,
# browser, database).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
compgen -G "/usr/share/postgresql/*/extension/postgis.control" >/dev/null || missing+=(postgis)
command -v ogr2ogr >/dev/null 2>&1 || missing+=(gdal-bin)
/usr/bin/python3 -c "import osgeo_utils" 2>/dev/null || missing+=(python3-gdal)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m geo validate
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
