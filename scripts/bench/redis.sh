#!/usr/bin/env bash
# scripts/bench.sh --redis (issue 19): the shared tiers side by side. Starts on 127.0.0.1 the fake upstream, a
# redis-server (no persistence), s3rver, and proxies whose hits can only come from one tier each (memory off; SQLite
# off for the Redis and S3 ones), then per tier: hit p50 (wrk -t1 -c1) and CPU per hit (the proxy's, and the
# server's: redis-server or s3rver), from /proc over the same run. Then invalidation propagation between two
# instances: over Redis pub/sub, and over the S3 poll (Cache:S3:InvalidationPollSeconds, default 5) for contrast.
# The machine may be shared: numbers move with its load. Everything it starts is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
duration="${BENCH_DURATION:-10s}"
rounds="${PROPAGATION_ROUNDS:-20}"
s3_rounds="${S3_PROPAGATION_ROUNDS:-5}"
base_port="${BENCH_PORT_BASE:-19300}"
up_port=$((base_port + 20)); redis_port=$((base_port + 21)); s3_port=$((base_port + 22))
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

source "$root/scripts/lib/harness.sh"
ensure_packages wrk=wrk redis-server=redis-server
bash "$root/scripts/test-setup.d/s3rver.sh"

echo "building Release ..." >&2
build_release tests/LlmCacheProxy.Benchmarks/LlmCacheProxy.Benchmarks.csproj
bench_dll="$root/tests/LlmCacheProxy.Benchmarks/bin/Release/net10.0/LlmCacheProxy.Benchmarks.dll"
harness_init llmcache-redis-bench
to_ms() { awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # utime + stime, in clock ticks
tick_hz="$(getconf CLK_TCK)"

(exec dotnet "$fake_dll" --port "$up_port" >"$work/upstream.log" 2>&1) &
pids+=($!)
(exec redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --loglevel warning >"$work/redis.log" 2>&1) &
redis_pid=$!
pids+=($redis_pid)
mkdir -p "$work/s3"
(NODE_OPTIONS=--openssl-legacy-provider exec node "$root/tests/s3rver/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 \
  -p "$s3_port" --silent --configure-bucket bench >"$work/s3rver.log" 2>&1) &
s3_pid=$!
pids+=($s3_pid)
wait_http "http://127.0.0.1:$up_port/"
wait_http "http://127.0.0.1:$s3_port/"

common=(Proxy__Upstream="http://127.0.0.1:$up_port/" Cache__PartitionSecret=bench-shared-secret Admin__Token=bench-admin
  Logging__LogLevel__Default=Warning)
redis_env=(Cache__Redis__Enabled=true Cache__Redis__Configuration="127.0.0.1:$redis_port")
s3_env=(Cache__S3__Enabled=true Cache__S3__ServiceUrl="http://127.0.0.1:$s3_port" Cache__S3__Bucket=bench Cache__S3__ForcePathStyle=true
  Cache__S3__AccessKey=S3RVER Cache__S3__SecretKey=S3RVER Cache__S3__ManifestIntervalSeconds=0 Cache__S3__SweepIntervalSeconds=0)
declare -A port_of pid_of
next_port=$((base_port + 30))
start_proxy() { # name env...
  local name="$1" port=$next_port; shift
  next_port=$((next_port + 1))
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec env Urls="http://127.0.0.1:$port" Cache__Sqlite__Path="$work/$name/cache.db" "${common[@]}" "$@" \
    dotnet "$proxy_dll" >"$work/$name/out.log" 2>&1) &
  pids+=($!)
  pid_of[$name]=$!
  port_of[$name]=$port
  wait_http "http://127.0.0.1:$port/healthz"
}

start_proxy redis Cache__Memory__Enabled=false Cache__Sqlite__Enabled=false "${redis_env[@]}"
start_proxy s3 Cache__Memory__Enabled=false Cache__Sqlite__Enabled=false "${s3_env[@]}"
start_proxy sqlite Cache__Memory__Enabled=false

filler="$(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 34))"
hit_body="{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a benchmark. $filler\"},{\"role\":\"user\",\"content\":\"What is the capital of France?\"}],\"temperature\":0}"
warm() { # port tier: until the hit comes from that tier (the store reaches it off the request path)
  local got=""
  for _ in $(seq 1 200); do
    got="$(curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$1/v1/chat/completions" -H 'Content-Type: application/json' \
      -H 'Authorization: Bearer sk-bench-0123456789abcdef' --data-binary "$hit_body" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-tier"{print $2}')"
    [[ "$got" == "$2" ]] && return 0
    sleep 0.1
  done
  echo "warm-up on port $1: X-Cache-Tier '$got', wanted '$2'" >&2
  return 1
}

declare -A p50 rps cpu_proxy cpu_server
run_hits() { # name server-pid (or empty)
  local name="$1" server="$2" port="${port_of[$1]}" out requests p0 p1 s0=0 s1=0
  warm "$port" "$name"
  BENCH_MODE=hit wrk -t1 -c1 -d2s -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$port/v1/chat/completions" >/dev/null
  p0="$(cpu_ticks "${pid_of[$name]}")"; [[ -n "$server" ]] && s0="$(cpu_ticks "$server")"
  out="$(BENCH_MODE=hit wrk -t1 -c1 -d"$duration" --latency -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$port/v1/chat/completions")"
  p1="$(cpu_ticks "${pid_of[$name]}")"; [[ -n "$server" ]] && s1="$(cpu_ticks "$server")"
  requests="$(awk '/requests in/{print $1}' <<<"$out")"
  p50[$name]="$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")"
  rps[$name]="$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out")"
  cpu_proxy[$name]="$(awk -v t=$((p1 - p0)) -v hz="$tick_hz" -v n="$requests" 'BEGIN{ printf "%.0f", t / hz * 1e6 / n }')"
  cpu_server[$name]="$(awk -v t=$((s1 - s0)) -v hz="$tick_hz" -v n="$requests" 'BEGIN{ printf "%.0f", t / hz * 1e6 / n }')"
  echo "  $name: p50 ${p50[$name]} ms, ${rps[$name]} req/s, proxy CPU ${cpu_proxy[$name]} us/hit, server CPU ${cpu_server[$name]} us/hit" >&2
}

echo "hits, wrk -t1 -c1 for $duration each ..." >&2
run_hits redis "$redis_pid"
run_hits s3 "$s3_pid"
run_hits sqlite ""
for name in redis s3 sqlite; do kill "${pid_of[$name]}"; done

echo "invalidation propagation between two instances ..." >&2
start_proxy redis-a "${redis_env[@]}"
start_proxy redis-b "${redis_env[@]}"
redis_prop="$(dotnet "$bench_dll" --propagation "http://127.0.0.1:${port_of[redis-a]}/" "http://127.0.0.1:${port_of[redis-b]}/" bench-admin "$rounds")"
echo "  redis: $redis_prop" >&2
start_proxy s3-a "${s3_env[@]}"
start_proxy s3-b "${s3_env[@]}"
s3_prop="$(dotnet "$bench_dll" --propagation "http://127.0.0.1:${port_of[s3-a]}/" "http://127.0.0.1:${port_of[s3-b]}/" bench-admin "$s3_rounds")"
echo "  s3: $s3_prop" >&2
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

cat <<TABLE
# Shared tiers ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, loopback, ~1 KB chat body; the machine may be shared)

| hit from | p50 (-t1 -c1) | req/s | proxy CPU per hit | server CPU per hit |
| --- | --- | --- | --- | --- |
| Redis (redis-server $(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/')) | ${p50[redis]} ms | ${rps[redis]} | ${cpu_proxy[redis]} us | ${cpu_server[redis]} us |
| S3 (s3rver) | ${p50[s3]} ms | ${rps[s3]} | ${cpu_proxy[s3]} us | ${cpu_server[s3]} us |
| SQLite (own file) | ${p50[sqlite]} ms | ${rps[sqlite]} | ${cpu_proxy[sqlite]} us | - |

| invalidation on A until B misses | median | worst | of which the admin call (median) | rounds |
| --- | --- | --- | --- | --- |
| Redis pub/sub | $(field propagation_p50_ms "$redis_prop") ms | $(field propagation_max_ms "$redis_prop") ms | $(field admin_p50_ms "$redis_prop") ms | $rounds |
| S3 poll (every 5 s) | $(field propagation_p50_ms "$s3_prop") ms | $(field propagation_max_ms "$s3_prop") ms | $(field admin_p50_ms "$s3_prop") ms | $s3_rounds |
TABLE
