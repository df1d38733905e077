#!/usr/bin/env bash
# scripts/bench.sh --scale (issue 7, "Scale"): SQLite with 1k and 1M entries (SCALE_SIZES). For each size:
# fills a file through the proxy's schema and serializer (~1.5 KB documents over 10 models, in 10k-row
# transactions), times the SQLite tier's point lookup in-process on random keys, then starts the proxy (Release,
# memory tier off) on the file and measures an HTTP SQLite-tier hit p50 (wrk -t1 -c1) and
# POST /admin/cache/invalidate {"model": ...} with and without dry_run (curl time_total). Needs ~2 GB in /tmp.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
sizes="${SCALE_SIZES:-1000 1000000}"
duration="${BENCH_DURATION:-10s}"
base_port="${BENCH_PORT_BASE:-19300}"
up_port=$((base_port + 10)); proxy_port=$((base_port + 11))
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source "$root/scripts/lib/harness.sh"
ensure_packages wrk=wrk

echo "building Release ..." >&2
build_release tests/LlmCacheProxy.Benchmarks/LlmCacheProxy.Benchmarks.csproj
bench_dll="$root/tests/LlmCacheProxy.Benchmarks/bin/Release/net10.0/LlmCacheProxy.Benchmarks.dll"
harness_init llmcache-scale
to_ms() { awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
median() { sort -n | awk '{ v[NR]=$1 } END { printf "%.1f", v[int((NR+1)/2)] }'; }

(exec dotnet "$fake_dll" --port "$up_port" >"$work/upstream.log" 2>&1) &
pids+=($!)
wait_http "http://127.0.0.1:$up_port/"

filler="$(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 34))"
hit_body="{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a benchmark. $filler\"},{\"role\":\"user\",\"content\":\"What is the capital of France?\"}],\"temperature\":0}"
admin() { # body -> ms
  curl -s -o "$work/admin.json" -w '%{time_total}' -X POST "http://127.0.0.1:$proxy_port/admin/cache/invalidate" \
    -H 'Authorization: Bearer bench-admin' -H 'Content-Type: application/json' --data-binary "$1" | awk '{ printf "%.1f", $1 * 1000 }'
}

rows=()
for n in $sizes; do
  mkdir -p "$work/$n"
  echo "filling $n entries ..." >&2
  lookup="$(dotnet "$bench_dll" --scale "$work/$n/cache.db" "$n")"
  lookup_p50="$(sed -E 's/.*lookup_p50_us=([0-9.]+).*/\1/' <<<"$lookup")"
  lookup_p99="$(sed -E 's/.*lookup_p99_us=([0-9.]+).*/\1/' <<<"$lookup")"
  file_mib="$(sed -E 's/.*file_mib=([0-9]+).*/\1/' <<<"$lookup")"

  (cd "$work/$n" && exec env Urls="http://127.0.0.1:$proxy_port" Proxy__Upstream="http://127.0.0.1:$up_port/" \
    Cache__Sqlite__Path="$work/$n/cache.db" Cache__Sqlite__MaxBytes=0 Cache__Memory__Enabled=false Admin__Token=bench-admin \
    Logging__LogLevel__Default=Warning dotnet "$proxy_dll" >"$work/$n/out.log" 2>&1) &
  proxy_pid=$!
  pids+=($proxy_pid)
  wait_http "http://127.0.0.1:$proxy_port/healthz"
  for _ in 1 2 3; do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$proxy_port/v1/chat/completions" -H 'Content-Type: application/json' \
      -H 'Authorization: Bearer sk-bench-0123456789abcdef' --data-binary "$hit_body"
    sleep 0.3
  done
  out="$(BENCH_MODE=hit wrk -t1 -c1 -d"$duration" --latency -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$proxy_port/v1/chat/completions")"
  http_p50="$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")"

  dry="$(for _ in 1 2 3 4 5; do admin '{"model":"bench-model-3","dry_run":true}'; echo; done | median)"
  dead="$(grep -oE '"(count|entries|dead)[a-z_]*":[0-9]+' "$work/admin.json" | head -1)"
  real="$(admin '{"model":"bench-model-3"}')"
  again="$(admin '{"model":"bench-model-3"}')"
  kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true
  rows+=("| $n | $file_mib MiB | ${lookup_p50} us / ${lookup_p99} us | ${http_p50} ms | ${dry} ms ($dead) | ${real} ms | ${again} ms |")
  echo "${rows[-1]}" >&2
  rm -f "$work/$n"/cache.db*
done

echo
echo "| entries | file | SQLite lookup p50 / p99 (in-process, random keys) | HTTP SQLite-tier hit p50 (-t1 -c1) | invalidate model dry_run (median of 5) | invalidate model | again (nothing new dead) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
