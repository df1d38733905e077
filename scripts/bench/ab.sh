#!/usr/bin/env bash
# A/B of two proxy builds: CPU per request (from /proc: utime+stime of the proxy process over each wrk run, divided by
# its requests), throughput and p50, hits then misses, in interleaved rounds against one fake upstream. CPU per
# request is the steadier figure on shared cores; compare medians of rounds 2+ (round 1 warms the JIT).
#   scripts/bench/ab.sh OLD/LlmCacheProxy.dll NEW/LlmCacheProxy.dll      (ROUNDS=3 DUR=8s by default)
# Build the old one from a worktree: git worktree add /tmp/before <sha> && dotnet build /tmp/before/src/LlmCacheProxy -c Release
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
old="$1"; new="$2"; rounds="${ROUNDS:-3}"; dur="${DUR:-8s}"; base="${AB_PORT_BASE:-19500}"
source "$root/scripts/lib/harness.sh"
ensure_packages wrk=wrk
dotnet build "$root/tests/FakeUpstream/FakeUpstream.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fake="$root/tests/FakeUpstream/bin/Release/net10.0/FakeUpstream.dll"
harness_init llmcache-ab
(exec dotnet "$fake" --port "$base" >"$work/up.log" 2>&1) & pids+=($!)
wait_http "http://127.0.0.1:$base/"
declare -A pid port
start() { # name port dll
  mkdir -p "$work/$1"
  (cd "$work/$1" && exec env Urls="http://127.0.0.1:$2" Proxy__Upstream="http://127.0.0.1:$base/" Cache__Sqlite__Path="$work/$1/c.db" \
    Logging__LogLevel__Default=Warning dotnet "$3" >"$work/$1/out.log" 2>&1) &
  pids+=($!); pid[$1]=$!; port[$1]=$2
  wait_http "http://127.0.0.1:$2/healthz"
}
start old $((base + 1)) "$old"
start new $((base + 2)) "$new"
cpu() { awk '{print $14+$15}' "/proc/${pid[$1]}/stat"; }
tck="$(getconf CLK_TCK)"
for mode in hit miss; do
  for r in $(seq "$rounds"); do
    for who in old new; do
      url="http://127.0.0.1:${port[$who]}/v1/chat/completions"
      BENCH_MODE=$mode BENCH_NONCE="w$r$who$RANDOM" wrk -t1 -c8 -d2s -s "$root/scripts/bench/chat.lua" "$url" >/dev/null
      c0="$(cpu "$who")"
      out="$(BENCH_MODE=$mode BENCH_NONCE="m$r$who$RANDOM" wrk -t1 -c8 -d"$dur" --latency -s "$root/scripts/bench/chat.lua" "$url")"
      c1="$(cpu "$who")"
      n="$(awk '/requests in/{print $1}' <<<"$out")"
      echo "$mode $who round$r: $n req, $(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out") req/s, p50 $(awk '$1=="50%"{print $2}' <<<"$out"), cpu/req $(awk -v a="$c0" -v b="$c1" -v n="$n" -v t="$tck" 'BEGIN{printf "%.1f", (b-a)/t/n*1e6}') us"
    done
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
