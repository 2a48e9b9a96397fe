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

echo "==> dotnet build samples/CityData (MapboxApiUrl=$url)"
# A private package folder so the freshly packed 0.1.0 is the one restored, never a cached older copy.
MAPBOX_ACCESS_TOKEN="$token" NUGET_PACKAGES="$work/packages" \
  dotnet build samples/CityData -nr:false -p:MapboxApiUrl="$url" -p:MapboxUploadForce=true "$@"

manifest=$(find samples/CityData/obj -name 'mapbox-uploads.json' | head -n 1)
if [ -n "$manifest" ]; then
  echo "==> Upload manifest ($manifest)"
  cat "$manifest"; echo
fi

echo "==> dotnet build samples/CityTiles (Mapbox Tiling Service: sources, recipes, publish, jobs)"
MAPBOX_ACCESS_TOKEN="$mts_token" NUGET_PACKAGES="$work/packages" \
  dotnet build samples/CityTiles -nr:false -p:MapboxApiUrl="$url" -p:MapboxUploadForce=true "$@"

manifest=$(find samples/CityTiles/obj -name 'mapbox-uploads.json' | head -n 1)
if [ -n "$manifest" ]; then
  echo "==> Publish manifest ($manifest)"
  cat "$manifest"; echo
fi

echo "==> dotnet build samples/CityImagery (Mapbox Tiling Service: GeoTIFF sources, raster and rasterarray recipes)"
MAPBOX_ACCESS_TOKEN="$mts_token" NUGET_PACKAGES="$work/packages" \
  dotnet build samples/CityImagery -nr:false -p:MapboxApiUrl="$url" -p:MapboxUploadForce=true "$@"

manifest=$(find samples/CityImagery/obj -name 'mapbox-uploads.json' | head -n 1)
if [ -n "$manifest" ]; then
  echo "==> Publish manifest ($manifest)"
  cat "$manifest"; echo
fi
