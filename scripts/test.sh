#!/usr/bin/env bash
# Builds everything and runs every test (unit, then integration), then prints one line
# "N passed, N failed" (", N skipped" when any). Installs what the tests need (npm packages) itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
for setup in "$root"/scripts/test-setup.d/*.sh; do
  [[ -e "$setup" ]] && bash "$setup"
done

dotnet build LlmCacheProxy.sln -c Debug -nologo -v quiet -clp:ErrorsOnly

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
projects=(tests/LlmCacheProxy.Tests tests/LlmCacheProxy.IntegrationTests)
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  # The hang detector's all-clear line is noise; what it says about a real hang stays. pipefail keeps dotnet's status.
  dotnet test "$project" --no-build -c Debug -nologo --blame-hang-timeout 10m \
    --logger "console;verbosity=minimal" --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 |
    sed -u "/^Data collector 'Blame' message: All tests finished running/d" || status=1
done

# Sum the TRX counters of every run: <Counters total=".." executed=".." passed=".." failed=".." ...>
passed=0 failed=0 skipped=0 runs=0
for trx in "$results"/*.trx; do
  [[ -e "$trx" ]] || continue
  runs=$((runs + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  get() { sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p" <<<"$counters"; }
  total="$(get total)" executed="$(get executed)"
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + total - executed))
done
if [[ "$runs" -lt "${#projects[@]}" ]]; then
  echo "test.sh: expected ${#projects[@]} test runs, found $runs result files (a build failed or a test host crashed)" >&2
  status=1
  failed=$((failed + 1))
fi
if [[ "$skipped" -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ "$failed" -eq 0 && "$status" -eq 0 ]]
