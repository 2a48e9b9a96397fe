# Sourced by demo.sh and capture-output.sh: packs the packages and starts the emulator on 127.0.0.1.
# Needs $root and $work; sets $url, $token, $mts_token and $emulator_pid, and stops the emulator on exit.

pack_packages() {
  echo "==> Packing Mapbox.Uploads and Mapbox.Uploads.Build into nuget/"
  for project in src/Mapbox.Uploads src/Mapbox.Uploads.Build; do
    dotnet pack "$root/$project" -c Release -o "$root/nuget" -nologo >"$work/pack.log" 2>&1 \
      || { cat "$work/pack.log" >&2; exit 1; }
  done
  ls "$root"/nuget/*.nupkg | sed 's/^/    /'
}

# Usage: start_emulator [emulator option ...]  (the Uploads username is lindenau; an MTS token is minted too)
start_emulator() {
  echo "==> Starting the Mapbox emulator on 127.0.0.1"
  dotnet build "$root/src/Mapbox.Uploads.Emulator" -c Release -nologo >"$work/emulator-build.log" 2>&1 \
    || { cat "$work/emulator-build.log" >&2; exit 1; }
  # Made before the background start: on a loaded machine the first read below can run before the job opens the file.
  : >"$work/emulator.log"
  dotnet "$root/src/Mapbox.Uploads.Emulator/bin/Release/net10.0/Mapbox.Uploads.Emulator.dll" \
    --port 0 --username lindenau --token label=mts,account=lindenau,scopes=tilesets:write+tilesets:read+tilesets:list \
    "$@" >"$work/emulator.log" 2>&1 &
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
}

stop_emulator() {
  kill "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
}
