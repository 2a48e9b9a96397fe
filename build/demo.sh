#!/usr/bin/env bash
# The main job on the embedded default: pack the packages, start the local Mapbox emulator,
# and run real `dotnet build`s of samples/CityData (Uploads), samples/CityTiles (Tiling Service, vector) and
# samples/CityImagery (Tiling Service, raster and rasterarray) against it. No token, no manual server start.
# Usage: bash build/demo.sh [--processing-seconds N] [extra dotnet build arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

processing_seconds=3
if [ "${1:-}" = "--processing-seconds" ]; then processing_seconds=$2; shift 2; fi

work="$root/artifacts/demo"
rm -rf "$work"; mkdir -p "$work"

source "$root/build/emulator.sh"
pack_packages
# The account flag lets the rasterarray recipe of samples/CityImagery through, as Mapbox does for accounts that have it.
start_emulator --processing-seconds "$processing_seconds" --tileset-processing-seconds "$processing_seconds" --account-flag api_rasterarrays

# Builds one sample against the emulator and shows the manifest it wrote: sample, token, what it shows, then the
# arguments given to demo.sh. A private package folder makes the freshly packed 0.1.0 the one restored, never a
# cached older copy.
build_sample() {
  local sample=$1 sample_token=$2 title=$3
  shift 3
  echo "==> dotnet build samples/$sample ($title)"
  MAPBOX_ACCESS_TOKEN="$sample_token" NUGET_PACKAGES="$work/packages" \
    dotnet build "samples/$sample" -nr:false -p:MapboxApiUrl="$url" -p:MapboxUploadForce=true "$@"
  local manifest
  manifest=$(find "samples/$sample/obj" -name 'mapbox-uploads.json' | head -n 1)
  if [ -n "$manifest" ]; then
    echo "==> Manifest ($manifest)"
    cat "$manifest"; echo
  fi
}

build_sample CityData "$token" "Uploads API, MapboxApiUrl=$url" "$@"
build_sample CityTiles "$mts_token" "Mapbox Tiling Service: sources, recipes, publish, jobs" "$@"
build_sample CityImagery "$mts_token" "Mapbox Tiling Service: GeoTIFF sources, raster and rasterarray recipes" "$@"
