#!/usr/bin/env bash
# Runs every test suite and ends with one line: "tests: N passed, N failed".
# Usage: bash build/test.sh [--fast] [extra dotnet test arguments]
#   --fast: only the fast suites (client, emulator, task with a fake engine: no dotnet build, no Mono, no packing),
#           listed in fast-tests.slnf.
# The full run also checks the house style: dotnet format --verify-no-changes against .editorconfig.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

target=Mapbox.Uploads.Build.sln
if [ "${1:-}" = "--fast" ]; then target=fast-tests.slnf; shift; fi

fail() { echo "build/test.sh: $*" >&2; echo "tests: 0 passed, 1 failed"; exit 1; }

# S3 staging is proven against moto_server (an independent S3 that checks SigV4 and session tokens).
python3 -c 'import moto, flask, boto3' 2>/dev/null \
  || fail "python3 with moto 5.2.1, flask and boto3 is required (pip install 'moto[server]==5.2.1')."
# The .NET Framework task (Visual Studio's MSBuild) runs under Mono with MSBuild's binding redirects.
[ "$target" = fast-tests.slnf ] || command -v mono >/dev/null || fail "mono is required for the .NET Framework task tests (apt-get install -y mono-complete; .ci/run does it)."
# The emulator's conformance test drives it with the official JS SDK.
command -v node >/dev/null || fail "node is required for the JS conformance test."
if [ -f tests/conformance-js/package-lock.json ] && [ ! -d tests/conformance-js/node_modules ]; then
  npm ci --prefix tests/conformance-js --no-audit --no-fund --loglevel=error >/dev/null \
    || fail "npm ci --prefix tests/conformance-js failed."
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test "$target" -c Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly, e.g. "Passed!  - Failed:     0, Passed:    12, Skipped: ..."
passed=0; failed=0; assemblies=0
while read -r f p; do
  failed=$((failed + f)); passed=$((passed + p)); assemblies=$((assemblies + 1))
done < <(sed -nE 's/.*(Passed|Failed)! +- Failed: +([0-9]+), Passed: +([0-9]+),.*/\2 \3/p' "$log")

if [ "$target" = fast-tests.slnf ]; then
  expected=$(grep -c '\.Tests\.csproj' fast-tests.slnf)
else
  expected=$(ls tests/*/*.Tests.csproj | wc -l)
fi
if [ "$assemblies" -lt "$expected" ]; then
  echo "build/test.sh: only $assemblies of $expected test assemblies reported results (a build error or a crashed test host)." >&2
  failed=$((failed + expected - assemblies))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# The house rules (.editorconfig: layout, usings, braces, naming), checked as a reviewer would; the full run only.
if [ "$target" = Mapbox.Uploads.Build.sln ]; then
  if dotnet format Mapbox.Uploads.Build.sln --verify-no-changes --no-restore -v q >"$log.format" 2>&1; then
    echo "dotnet format --verify-no-changes: the code follows .editorconfig"
  else
    cat "$log.format" >&2
    echo "build/test.sh: dotnet format --verify-no-changes found code off .editorconfig; run 'dotnet format Mapbox.Uploads.Build.sln'." >&2
    failed=$((failed + 1))
  fi
  rm -f "$log.format"
fi
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
