#!/usr/bin/env bash
# What the build prints, captured for README.md and docs/what-the-build-prints.md: real `dotnet build`s of a copy of
# samples/CityData against the emulator, as the classic console logger and as the terminal logger show them (the
# latter under a pseudo-terminal of 140 x 40, as a person's terminal), for a success, a local check failure and a
# processing failure, plus the GitHub job summary of the success. Writes artifacts/capture/captures.md.
# Usage: bash build/capture-output.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
unset CI GITHUB_ACTIONS TF_BUILD

work="$root/artifacts/capture"
rm -rf "$work"; mkdir -p "$work"
out="$work/captures.md"
source "$root/build/emulator.sh"
pack_packages

# A user's copy of the sample, restored from the freshly packed package.
cp -r samples "$work/src"
sed -i "s#value=\"../nuget\"#value=\"$root/nuget\"#" "$work/src/NuGet.config"
export NUGET_PACKAGES="$work/packages"

plain() { sed -e 's/\x1b\][^\x07\x1b]*\(\x07\|\x1b\\\)//g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[=>]//g' | tr '\r' '\n' \
  | grep -v '^\s*$' | sed "s#$work/src#/src#g"; }
# The terminal logger redraws its live lines (project, target, seconds) in place; only the lines that stay are kept.
terminal() {
  (cd "$work" && script -qec "stty cols 140 rows 40; exec dotnet build $*" /dev/null </dev/null) | plain \
    | awk '/^Restore complete|succeeded \(|failed with|^Build (succeeded|failed)/ { print; next }
           /\([0-9]+\.[0-9]+s\)$/ || /^[^ ]*csproj$/ { next } { print }' || true
}
classic() { dotnet build "$@" -tl:off 2>&1 | plain || true; }
capture() { { echo; echo "$1"; echo; echo '```'; cat; echo '```'; } >>"$out"; }

start_emulator --processing-seconds 3
export MAPBOX_ACCESS_TOKEN="$token"
project="$work/src/CityData"
args=("$project" -nr:false "-p:MapboxApiUrl=$url" -p:MapboxUploadForce=true)

echo "# Captured by build/capture-output.sh on $(date -u +%Y-%m-%d), .NET SDK $(dotnet --version)" >"$out"
echo "==> A success"
GITHUB_STEP_SUMMARY="$work/step-summary.md" classic "${args[@]}" | capture "### A success, classic console logger"
terminal "${args[*]}" | capture "### A success, terminal logger"
terminal "${args[*]} -tlp:v=d" | capture "### A success, terminal logger with -tlp:v=d"
{ echo; echo "### The GitHub job summary of that success (GITHUB_STEP_SUMMARY)"; echo; cat "$work/step-summary.md"; } >>"$out"

echo "==> A local check failure"
cp "$project/data/parks.geojson" "$work/parks.geojson"
python3 - "$project/data/parks.geojson" <<'PY'
import sys; p = sys.argv[1]; s = open(p).read(); i = s.rindex(']'); open(p, 'w').write(s[:i] + ',' + s[i:])
PY
classic "${args[@]}" | capture "### A local check failure (a trailing comma in data/parks.geojson), classic console logger"
terminal "${args[*]}" | capture "### A local check failure, terminal logger"
cp "$work/parks.geojson" "$project/data/parks.geojson"

echo "==> A processing failure"
stop_emulator
start_emulator --processing-seconds 3 --fail-tileset 'lindenau-parks=Tileset exceeds processing limit.'
export MAPBOX_ACCESS_TOKEN="$token"
args=("$project" -nr:false "-p:MapboxApiUrl=$url" -p:MapboxUploadForce=true)
classic "${args[@]}" | capture "### A processing failure, classic console logger"
terminal "${args[*]}" | capture "### A processing failure, terminal logger"
echo "==> Written: $out"
