#!/usr/bin/env bash
# Makes tests/conformance-tilesets/.venv (gitignored): the official tilesets CLI, mapbox-tilesets 2.2.0, for the
# emulator's conformance test. No Python registry is used: the venv is Debian's python3 over Debian's packages, and the
# CLI is installed from its source (BSD-2), by default the nearest shared/vendor/mapbox-tilesets-2.2.0 in a folder
# that holds the repository.
# Usage: bash tests/conformance-tilesets/make-venv.sh [SOURCE_FOLDER]
#        bash tests/conformance-tilesets/make-venv.sh --missing-debian-packages   (prints those to apt-get install)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$here/.venv
packages="python3-venv python3-setuptools python3-wheel python3-click python3-cligj python3-requests-toolbelt python3-jsonschema python3-geojson python3-numpy"

if [ "${1:-}" = --missing-debian-packages ]; then
  for package in $packages; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' || echo "$package"
  done
  exit 0
fi

source=${1:-}
if [ -z "$source" ]; then
  folder=$here
  while [ "$folder" != / ] && [ -z "$source" ]; do
    folder=$(dirname "$folder")
    [ -f "$folder/shared/vendor/mapbox-tilesets-2.2.0/pyproject.toml" ] && source=$folder/shared/vendor/mapbox-tilesets-2.2.0
  done
fi
[ -n "$source" ] && [ -f "$source/pyproject.toml" ] || {
  echo "make-venv.sh: no mapbox-tilesets-2.2.0 source found (looked for shared/vendor/mapbox-tilesets-2.2.0 above $here); pass its folder as the argument." >&2
  exit 1; }
# What the CLI imports (mapbox_tilesets/utils.py, scripts/cli.py), and what pip needs to build it without a registry.
/usr/bin/python3 -c 'import ensurepip, setuptools, wheel, click, cligj, requests_toolbelt, jsonschema, geojson, numpy' || {
  echo "make-venv.sh: Debian's python3 lacks what the tilesets CLI imports; as root: apt-get install -y $packages" >&2
  exit 1; }

rm -rf "$venv"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT
cp -R "$source" "$build/mapbox-tilesets" && chmod -R u+w "$build/mapbox-tilesets"
/usr/bin/python3 -m venv --system-site-packages "$venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install -q --no-deps --no-index --no-build-isolation "$build/mapbox-tilesets"
version=$("$venv/bin/tilesets" --version)
[ "$version" = 2.2.0 ] || { echo "make-venv.sh: the installed tilesets says version $version, not 2.2.0." >&2; exit 1; }
# Written last: the test takes a venv without it for a half-made one.
echo "mapbox-tilesets $version" >"$venv/made-by-make-venv"
echo "made $venv with tilesets $version"
