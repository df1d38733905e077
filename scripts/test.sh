#!/usr/bin/env bash
# Builds everything and runs every test (unit, then integration), then prints one line
# "N passed, N failed" (", N skipped" when any). Installs what the tests need (npm packages) itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
"$root/scripts/restore-feed.sh"
for setup in "$root"/scripts/test-setup.d/*.sh; do
  [[ -e "$setup" ]] && bash "$setup"
done

dotnet build LlmCacheProxy.sln -c Debug -nologo -v quiet -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
for project in tests/LlmCacheProxy.Tests tests/LlmCacheProxy.IntegrationTests; do
  dotnet test "$project" --no-build -c Debug -nologo --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=1
done

# Sum the per-project summaries: "Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, ..."
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- +Failed: ' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
runs="$(grep -cE '^(Passed|Failed)! +- +Failed: ' "$log" || true)"
if [[ "$runs" -lt 2 ]]; then
  echo "test.sh: expected 2 test runs, saw $runs (a test host crashed or a build failed)" >&2
  status=1
  failed=$((failed + 1))
fi
if [[ "$skipped" -gt 0 ]]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[[ "$failed" -eq 0 && "$status" -eq 0 ]]
