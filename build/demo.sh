#!/usr/bin/env bash
# The main job on the embedded default: pack the packages, start the local Mapbox emulator,
# and run real `dotnet build`s of samples/CityData (Uploads) and samples/CityTiles (Tiling Service) against it. No token, no manual server start.
# Usage: bash build/demo.sh [--processing-seconds N] [extra dotnet build arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

processing_seconds=3
if [ "${1:-}" = "--processing-seconds" ]; then processing_seconds=$2; shift 2; fi

work="$root/artifacts/demo"
rm -rf "$work"; mkdir -p "$work"

echo "==> Packing Mapbox.Uploads and Mapbox.Uploads.Build into nuget/"
for project in src/Mapbox.Uploads src/Mapbox.Uploads.Build; do
  dotnet pack "$project" -c Release -o nuget -nologo >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log" >&2; exit 1; }
done
ls nuget/*.nupkg | sed 's/^/    /'

echo "==> Starting the Mapbox Uploads emulator on 127.0.0.1"
dotnet build src/Mapbox.Uploads.Emulator -c Release -nologo >"$work/emulator-build.log" 2>&1 \
  || { cat "$work/emulator-build.log" >&2; exit 1; }
dotnet src/Mapbox.Uploads.Emulator/bin/Release/net10.0/Mapbox.Uploads.Emulator.dll \
  --port 0 --processing-seconds "$processing_seconds" --tileset-processing-seconds "$processing_seconds" --username lindenau \
  --token label=mts,account=lindenau,scopes=tilesets:write+tilesets:read+tilesets:list >"$work/emulator.log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true' EXIT

url=""; token=""; mts_token=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^Listening on //p' "$work/emulator.log")
  token=$(sed -n 's/^Token: //p' "$work/emulator.log")
  mts_token=$(sed -n 's/^Token mts: //p' "$work/emulator.log")
  [ -n "$url" ] && [ -n "$token" ] && [ -n "$mts_token" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "The emulator did not start within 20 s:" >&2; cat "$work/emulator.log" >&2; exit 1; }
echo "    emulator at $url"

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
