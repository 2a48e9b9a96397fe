#!/usr/bin/env bash
# Issue 7 benchmarks, every figure a ratio taken in the same run (see docs/benchmarks.md):
#   staging   1 GiB to a loopback S3 that discards bodies: curl -T (the limit), ours, @aws-sdk/lib-storage, aws s3 cp
#   memory    peak RSS of our staging process for 1 GiB and 4 GiB (sparse) files, single PUT and multipart
#   parallel  dotnet build of 20 tilesets vs 1, 5 s processing each, 429s counted by the emulator; and the
#             same with the client alone, per-upload waits vs one list poll (the change proposed for the task)
#   noop      up-to-date rebuild of 20 tilesets with vs without the package, requests sent
#   poll      requests one upload costs over 60 s of processing
#   integrity 1 GiB staged with the integrity checks (what is sent compared with the checks' block tags, or hashed
#             again with SHA-256 in order; CRC-32C per part) against two discarding loopback S3s, the Kestrel one and
#             node's (tests/bench-js/discard-s3.mjs), next to curl -T to the same server, warm page cache; then checks
#             alone vs checks+hash of a 1 GiB GeoJSON
#   build     1 GiB GeoTIFF staged by a real dotnet build (the emulator's credentials point at each discard S3 in turn)
#             vs curl -T of it to the same server: the staging window (credentials request to create request) and its
#             CPU, the whole MapboxUpload target, and upload CPU = build CPU minus the same build with EnableMapboxUpload=false
#   raster    1 GiB and 5 GiB GeoTIFF tileset sources published by a real dotnet build to the emulator vs curl -F sending
#             the same file to the same route as the same multipart request (the tilesets CLI's shape): the source
#             request's time on the server, CPU per GiB, the build's peak RSS; the emulator keeps large sources in
#             temporary files, here on /dev/shm so that the scratch disk's writeback is not what is measured
# Usage: bash build/bench.sh [--runs N] [section ...]   (sections default to all; MBX_BENCH_DIR moves the scratch folder)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

runs=5
if [ "${1:-}" = "--runs" ]; then runs=$2; shift 2; fi
sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(staging memory parallel noop poll integrity build raster)
wants() { local s; for s in "${sections[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

work=${MBX_BENCH_DIR:-/tmp/mbx-bench}
mkdir -p "$work"
report="$work/report.txt"
: >"$report"
server_pid=""
spill=/dev/shm/mbx-bench-spill
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  rm -f "$work"/stage-*.bin "$work"/raster-*.tif "$work"/time.txt
  rm -rf "$work/msbuild" "$spill"
}
trap cleanup EXIT
say() { echo "$*" | tee -a "$report"; }

say "==> Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
  ".NET SDK $(dotnet --version), node $(node --version 2>/dev/null || echo none), $(curl --version | head -n 1 | cut -d' ' -f1-2)," \
  "$(aws --version 2>&1 | cut -d' ' -f1 || echo 'no aws')"
say "    load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other builds on this machine share the cores: compare ratios, not absolutes)"

# /usr/bin/time gives every tool the same wall, user, sys and peak RSS figures.
if [ ! -x /usr/bin/time ]; then apt-get update -qq && apt-get install -y -qq time >/dev/null; fi

echo "==> Building the benchmarks (Release, own artifacts path)"
dotnet build tests/Mapbox.Uploads.Benchmarks -c Release --artifacts-path "$work/art" -nologo -v:q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
bench=(dotnet "$work/art/bin/Mapbox.Uploads.Benchmarks/release/Mapbox.Uploads.Benchmarks.dll")

# Runs a command under /usr/bin/time and appends "label<TAB>run<TAB>wall<TAB>user<TAB>sys<TAB>maxrss_kb" to results.
timed() {
  local label=$1 run=$2; shift 2
  /usr/bin/time -f "%e\t%U\t%S\t%M" -o "$work/time.txt" "$@" >>"$work/tools.log" 2>&1 \
    || { echo "$label failed:" >&2; tail -n 20 "$work/tools.log" >&2; exit 1; }
  printf '%s\t%s\t%s\n' "$label" "$run" "$(tail -n 1 "$work/time.txt")" >>"$work/results.tsv"
}

# Runs stage-file and appends its own staging-only figures (its RESULT line: seconds, staging CPU, peak RSS) in the
# same row shape as timed(): the process also runs the checks' read before it stages, which is not staging.
staged() {
  local label=$1 run=$2; shift 2
  "$@" >>"$work/tools.log" 2>&1 || { echo "$label failed:" >&2; tail -n 20 "$work/tools.log" >&2; exit 1; }
  grep '^RESULT stage-file' "$work/tools.log" | tail -n 1 \
    | sed -E 's/.* seconds=([0-9.]+) .* staging_cpu_s=([0-9.]+) peak_rss_mib=([0-9]+).*/\1\t\2\t0\t\3/' \
    | awk -v l="$label" -v r="$run" -F'\t' '{ printf "%s\t%s\t%s\t%s\t%s\t%d\n", l, r, $1, $2, $3, $4 * 1024 }' >>"$work/results.tsv"
}

start_discard_s3() {
  rm -f "$work/s3.log"   # else the address of the previous server may be read before this one writes its own
  "${bench[@]}" discard-s3 --minutes 60 >"$work/s3.log" 2>&1 &
  server_pid=$!
  s3_url=""
  for _ in $(seq 1 100); do
    s3_url=$(sed -n 's/^Listening on //p' "$work/s3.log")
    [ -n "$s3_url" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "The discard S3 did not start:" >&2; cat "$work/s3.log" >&2; exit 1
}

# The Kestrel discard S3 or node's (tests/bench-js/discard-s3.mjs); sets s3_url and server_pid.
start_server() {
  if [ "$1" = kestrel ]; then
    start_discard_s3
    return 0
  fi
  rm -f "$work/s3.log"
  node tests/bench-js/discard-s3.mjs --minutes 60 >"$work/s3.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do s3_url=$(sed -n 's/^Listening on //p' "$work/s3.log"); [ -n "$s3_url" ] && return 0; sleep 0.1; done
  echo "node's discard S3 did not start:" >&2; cat "$work/s3.log" >&2; exit 1
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

summarize() {
  python3 - "$work/results.tsv" "$1" <<'PY' | tee -a "$report"
import collections, statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
gib = float(sys.argv[2])
by_label, by_run = collections.OrderedDict(), collections.defaultdict(dict)
for label, run, wall, user, system, rss in rows:
    by_label.setdefault(label, []).append((float(wall), float(user) + float(system), int(rss) / 1024))
    by_run[run][label] = float(wall)
limit = next((l for l in by_label if l.startswith("curl")), None)
print(f"{'tool':<28}{'runs':>5}{'median s':>10}{'MiB/s':>8}{'vs curl':>9}{'CPU s/GiB':>11}{'peak RSS MiB':>14}")
for label, values in by_label.items():
    wall = statistics.median(v[0] for v in values)
    cpu = statistics.median(v[1] for v in values) / gib
    rss = max(v[2] for v in values)
    # Ratio per run (same load on the machine for both), then the median of those ratios.
    ratios = [runs[limit] / runs[label] for runs in by_run.values() if limit in runs and label in runs]
    ratio = f"{statistics.median(ratios):.2f}" if limit and ratios else "-"
    print(f"{label:<28}{len(values):>5}{wall:>10.2f}{gib * 1024 / wall:>8.0f}{ratio:>9}{cpu:>11.2f}{rss:>14.0f}")
PY
}

if wants staging; then
  say "==> Staging 1 GiB to the discard S3: $runs runs, tools interleaved in every run"
  # The aws CLI comes from pyenv's python here; where it is missing, Debian's package (there is no PyPI to pip from).
  if ! command -v aws >/dev/null; then { apt-get update -qq && apt-get install -y -qq awscli >/dev/null; } || echo "    no aws CLI: its rows are skipped"; fi
  npm ci --prefix tests/bench-js --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1 || { cat "$work/npm.log" >&2; exit 1; }
  head -c 1073741824 /dev/urandom >"$work/stage-1g.bin"
  start_discard_s3
  : >"$work/results.tsv"
  for mode in single multipart; do
    threshold=8MB; [ "$mode" = single ] && threshold=5GB
    printf '[default]\nregion = us-east-1\ns3 =\n  addressing_style = path\n  multipart_threshold = %s\n' "$threshold" >"$work/aws-$mode.config"
  done
  export AWS_ACCESS_KEY_ID=ASIABENCHMARK AWS_SECRET_ACCESS_KEY=bench-secret AWS_SESSION_TOKEN=bench-session \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true NODE_NO_WARNINGS=1
  file="$work/stage-1g.bin"
  curl -sS -f -T "$file" "${s3_url}bench-bucket/warm-up" -o /dev/null   # the file in the page cache, the server warm
  for run in $(seq 1 "$runs"); do
    timed "curl -T (single PUT)" "$run" curl -sS -f -T "$file" "${s3_url}bench-bucket/_pending/bench/curl" -o /dev/null
    timed "ours single PUT" "$run" "${bench[@]}" stage-file --endpoint "$s3_url" --file "$file" --mode single
    timed "ours multipart" "$run" "${bench[@]}" stage-file --endpoint "$s3_url" --file "$file" --mode multipart
    timed "aws-sdk-js PutObject" "$run" node tests/bench-js/stage.mjs "$s3_url" "$file" single
    timed "aws-sdk-js lib-storage" "$run" node tests/bench-js/stage.mjs "$s3_url" "$file" multipart
    if command -v aws >/dev/null; then
      timed "aws s3 cp (single PUT)" "$run" env AWS_CONFIG_FILE="$work/aws-single.config" \
        aws s3 cp "$file" "s3://bench-bucket/_pending/bench/aws-single" --endpoint-url "$s3_url" --only-show-errors
      timed "aws s3 cp (multipart)" "$run" env AWS_CONFIG_FILE="$work/aws-multipart.config" \
        aws s3 cp "$file" "s3://bench-bucket/_pending/bench/aws-multipart" --endpoint-url "$s3_url" --only-show-errors
    fi
  done
  summarize 1
  say "    discard S3 CPU per object (server side, the last runs):"
  grep '^object' "$work/s3.log" | tail -n 7 | sed 's/^/      /' | tee -a "$report"
  stop_server
  rm -f "$work/stage-1g.bin"
fi

if wants memory; then
  say "==> Peak memory and CPU of our staging process: 1 GiB and 4 GiB (sparse), 3 runs each"
  start_discard_s3
  : >"$work/results.tsv"
  truncate -s 1G "$work/stage-1g.bin"
  truncate -s 4G "$work/stage-4g.bin"
  for run in 1 2 3; do
    for size in 1g 4g; do
      for mode in single multipart; do
        timed "ours $mode $size" "$run" "${bench[@]}" stage-file --endpoint "$s3_url" --file "$work/stage-$size.bin" --mode "$mode"
      done
    done
  done
  grep -v ' 4g' "$work/results.tsv" >"$work/results-1g.tsv"; grep ' 4g' "$work/results.tsv" >"$work/results-4g.tsv"
  cp "$work/results-1g.tsv" "$work/results.tsv"; summarize 1
  cp "$work/results-4g.tsv" "$work/results.tsv"; summarize 4
  grep '^RESULT stage-file' "$work/tools.log" | tail -n 12 | sed 's/^/    /' >>"$report"
  stop_server
  rm -f "$work"/stage-*.bin
fi

if wants integrity; then
  say "==> Staging 1 GiB with integrity on, two discarding loopback S3s (Kestrel, node), warm page cache: $runs runs"
  say "    (curl: whole process by /usr/bin/time; ours: the staging call alone, after the checks' read, as stage-file reports it)"
  head -c 1073741824 /dev/urandom >"$work/stage-1g.bin"
  file="$work/stage-1g.bin"
  for server in kestrel node; do
    start_server "$server"
    : >"$work/results.tsv"
    curl -sS -f -T "$file" "${s3_url}bench-bucket/warm-up" -o /dev/null   # the file in the page cache, the server warm
    for run in $(seq 1 "$runs"); do
      timed "curl -T ($server)" "$run" curl -sS -f -T "$file" "${s3_url}bench-bucket/_pending/bench/curl" -o /dev/null
      staged "ours, tags ($server)" "$run" "${bench[@]}" stage-file --endpoint "$s3_url" --file "$file" --mode multipart --compare tags
      staged "ours, sha256 ($server)" "$run" "${bench[@]}" stage-file --endpoint "$s3_url" --file "$file" --mode multipart --compare sha256
    done
    summarize 1
    grep '^RESULT stage-file' "$work/tools.log" | tail -n "$((2 * runs))" | sed 's/^/    /' >>"$report"
    stop_server
  done
  rm -f "$file"
  say "==> Checks alone vs checks+hash of a 1 GiB GeoJSON (page cache warm from its generation)"
  "${bench[@]}" validate-geojson --size-mb 1024 --runs "$runs" --hash --dir "$work" | tee -a "$report"
fi

seconds=$(date +%s)
version="0.0.$((seconds % 60000 + 1))-bench.$seconds"
if wants parallel; then
  say "==> 20 tilesets vs 1 in one dotnet build, 5 s processing each, emulator limit 60/min"
  "${bench[@]}" parallel-tilesets --repo "$root" --work "$work/msbuild" --version "$version" \
    --tilesets 20 --processing-seconds 5 --rate-limit 60 --max-parallel 4,20 --runs 2 | tee -a "$report"
  say "==> The same 20 uploads with the client alone: the old way (slot held through processing) vs the task's way (staging-only slot, one list poll)"
  "${bench[@]}" wait-strategies --uploads 20 --processing-seconds 5 --rate-limit 60 --max-parallel 4 | tee -a "$report"
fi

if wants noop; then
  say "==> No-op rebuild, 20 up-to-date tilesets, with vs without the package, 10 alternating runs"
  "${bench[@]}" noop-rebuild --repo "$root" --work "$work/msbuild" --version "$version" --tilesets 20 --runs 10 | tee -a "$report"
  say "==> No-op rebuild, 20 up-to-date tilesets plus one 1 GiB GeoJSON, with vs without the package, 10 alternating runs"
  "${bench[@]}" noop-rebuild --repo "$root" --work "$work/msbuild" --version "$version" --tilesets 20 --large-mib 1024 --runs 10 | tee -a "$report"
fi

if wants build; then
  say "==> Staging 1 GiB inside a real dotnet build (emulator --staging-url to a discard S3) vs curl -T, warm page cache: $runs runs per server"
  for server in kestrel node; do
    start_server "$server"
    "${bench[@]}" build-stage --s3 "$s3_url" --repo "$root" --work "$work/msbuild" --version "$version" --runs "$runs" | tee -a "$report"
    stop_server
  done
fi

if wants raster; then
  say "==> GeoTIFF tileset source, 1 GiB and 5 GiB (BigTIFF), sent by a real dotnet build vs curl -F to the same emulator route, warm page cache: $runs alternating runs"
  say "    (both timed on the server: the source request's arrival to its answer; curl sends PUT -F file=@big.tif as the tilesets CLI does)"
  mkdir -p "$spill"
  TMPDIR="$spill" "${bench[@]}" raster-build --repo "$root" --work "$work/msbuild" --data "$work" --version "$version" \
    --sizes-mb 1024,5120 --runs "$runs" | tee -a "$report"
  say "    load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$work"/raster-*.tif; rm -rf "$spill"
fi

if wants poll; then
  say "==> Requests per upload over 60 s of processing (client defaults)"
  "${bench[@]}" poll-cost --processing-seconds 60 | tee -a "$report"
fi

echo "==> Report: $report"
