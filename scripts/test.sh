#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, then run it:
# Debian chromium + a CJK font for the browser tests, GDAL's command-line tools and
# GeoPackage validator (gdal-bin, python3-gdal) for the export tests, a virtualenv with the
# Python packages, ruff, and pytest (unit, data integrity, provenance, AppTest, browser).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
  || ! command -v ogrinfo >/dev/null 2>&1 || ! /usr/bin/python3 -c "import osgeo_utils" 2>/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    chromium fonts-noto-cjk gdal-bin python3-gdal >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m geo validate
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
