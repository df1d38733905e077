#!/usr/bin/env bash
# Speed benchmark (issue 7). Builds Release, starts on 127.0.0.1: the fake upstream (answers at once), the proxy
# with its memory tier, the proxy in pure pass-through mode (Cache:Enabled=false), the proxy with the memory tier
# off (SQLite-tier hits) and nginx as a body-keyed proxy_cache; runs wrk against each in one run and prints a
# table with ratios (also written to bench-results/latest.md).
#   scripts/bench.sh            the speed table (~2.5 min; BENCH_DURATION=10s per wrk run after BENCH_WARMUP=2s)
#   scripts/bench.sh --soak     60 s of mixed load (hits, misses, streams) on the memory-tier proxy (SOAK_DURATION)
#   scripts/bench.sh --micro    the BenchmarkDotNet micro benchmarks (short job)
#   scripts/bench.sh --scale    SQLite with 1k vs 1M entries: lookup p50 and invalidate-by-model (scripts/bench/scale.sh)
#   scripts/bench.sh --ratios   stored size of realistic entries (chat, stream, tool call, embedding) per compression form
#   scripts/bench.sh --redis    hits from Redis vs S3 (s3rver) vs SQLite: p50 and CPU per hit; invalidation
#                               propagation over Redis pub/sub vs the S3 poll (scripts/bench/redis.sh, ~2 min)
# Installs nginx and wrk with apt-get when missing. Everything it starts is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-table}"
duration="${BENCH_DURATION:-10s}"
warmup="${BENCH_WARMUP:-2s}"
soak_duration="${SOAK_DURATION:-60s}"
base_port="${BENCH_PORT_BASE:-19300}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1


if [[ "$mode" == "--micro" ]]; then
  shift || true
  exec dotnet run -c Release --project tests/LlmCacheProxy.Benchmarks -- --job short --filter "${1:-*}"
fi

if [[ "$mode" == "--ratios" ]]; then
  exec dotnet run -c Release --project tests/LlmCacheProxy.Benchmarks -- --ratios
fi

if [[ "$mode" == "--scale" ]]; then
  exec "$root/scripts/bench/scale.sh"
fi

if [[ "$mode" == "--redis" ]]; then
  exec "$root/scripts/bench/redis.sh"
fi

source "$root/scripts/lib/harness.sh"
ensure_packages wrk=wrk nginx=nginx-light
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

echo "building Release ..." >&2
build_release
harness_init llmcache-bench
chmod 755 "$work" # nginx's workers read their config and cache folders in it

up_port=$base_port; mem_port=$((base_port + 1)); pt_port=$((base_port + 2)); ngx_port=$((base_port + 3)); sql_port=$((base_port + 4))

start_proxy() { # name port extra-env...
  local name="$1" port="$2"; shift 2
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec env Urls="http://127.0.0.1:$port" Proxy__Upstream="http://127.0.0.1:$up_port/" \
    Cache__Sqlite__Path="$work/$name/cache.db" Logging__LogLevel__Default=Warning "$@" \
    dotnet "$proxy_dll" >"$work/$name/out.log" 2>&1) &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/healthz"
}

(exec dotnet "$fake_dll" --port "$up_port" >"$work/upstream.log" 2>&1) &
pids+=($!)
wait_http "http://127.0.0.1:$up_port/"

start_proxy mem "$mem_port" DOTNET_gcServer=0
start_proxy pt "$pt_port" Cache__Enabled=false
start_proxy sqlite "$sql_port" Cache__Memory__Enabled=false

mkdir -p "$work/nginx/logs" "$work/nginx/cache" "$work/nginx/tmp"
chmod -R 777 "$work/nginx"
cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  proxy_cache_path $work/nginx/cache levels=1:2 keys_zone=llm:16m max_size=1g inactive=10m use_temp_path=off;
  upstream fake { server 127.0.0.1:$up_port; keepalive 64; }
  server {
    listen 127.0.0.1:$ngx_port;
    client_body_buffer_size 1m;
    client_max_body_size 8m;
    location / {
      proxy_pass http://fake;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache llm;
      proxy_cache_methods POST;
      proxy_cache_key "\$request_uri|\$request_body";
      proxy_cache_valid 200 10m;
      proxy_ignore_headers Cache-Control Expires Set-Cookie;
      add_header X-Cache \$upstream_cache_status;
    }
  }
}
NGINX
("$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' >"$work/nginx/logs/stdout.log" 2>&1) &
pids+=($!)
wait_http "http://127.0.0.1:$ngx_port/"

nonce="$(date +%s%N)"
# The same bodies as chat.lua, for warming up with curl.
filler="$(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 34))"
hit_body="{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"You are a benchmark. $filler\"},{\"role\":\"user\",\"content\":\"What is the capital of France?\"}],\"temperature\":0}"
stream_body="${hit_body%\}},\"stream\":true}"

warm() { # port body expected-x-cache
  local got=""
  for _ in $(seq 1 100); do
    got="$(curl -s -o /dev/null -D - -X POST "http://127.0.0.1:$1/v1/chat/completions" \
      -H 'Content-Type: application/json' -H 'Authorization: Bearer sk-bench-0123456789abcdef' --data-binary "$2" |
      tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')"
    [[ "$got" == "$3" ]] && return 0
    sleep 0.1
  done
  echo "warm-up on port $1: X-Cache '$got', wanted '$3'" >&2
  return 1
}
warm "$mem_port" "$hit_body" HIT
warm "$ngx_port" "$hit_body" HIT
warm "$sql_port" "$hit_body" HIT
stream_state="$(warm "$mem_port" "$stream_body" HIT 2>/dev/null && echo HIT || echo BYPASS)"

to_ms() { # "123.45us" -> ms
  awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'
}

declare -A rps p50 errs
run() { # label port mode threads conns
  local out
  # An unmeasured warm-up of the same load first, so tiered JIT has settled for every server alike.
  BENCH_MODE="$3" BENCH_NONCE="$nonce-$1-warm" wrk -t"$4" -c"$5" -d"$warmup" \
    -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$2/v1/chat/completions" >/dev/null
  out="$(BENCH_MODE="$3" BENCH_NONCE="$nonce-$1" wrk -t"$4" -c"$5" -d"$duration" --latency \
    -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$2/v1/chat/completions")"
  echo "$out" >"$work/wrk-$1.txt"
  rps[$1]="$(awk '/^Requests\/sec:/{printf "%.0f", $2}' <<<"$out")"
  p50[$1]="$(to_ms "$(awk '$1=="50%"{print $2}' <<<"$out")")"
  errs[$1]="$( (grep -E 'Non-2xx|Socket errors' <<<"$out" || true) | tr '\n' ' ')"
  printf '  %-14s %8s req/s  p50 %s ms %s\n' "$1" "${rps[$1]}" "${p50[$1]}" "${errs[$1]}" >&2
}

if [[ "$mode" == "--soak" ]]; then
  mem_pid="${pids[1]}"
  echo "soak: $soak_duration of hits + misses + streams on the memory-tier proxy ..." >&2
  soak_pids=()
  for m in hit miss stream; do
    (BENCH_MODE="$m" BENCH_NONCE="$nonce-soak" wrk -t1 -c16 -d"$soak_duration" --latency \
      -s "$root/scripts/bench/chat.lua" "http://127.0.0.1:$mem_port/v1/chat/completions" >"$work/soak-$m.txt") &
    soak_pids+=($!)
  done
  for p in "${soak_pids[@]}"; do wait "$p"; done
  for m in hit miss stream; do
    printf '%-7s %s req/s, non-2xx: %s\n' "$m" "$(awk '/^Requests\/sec:/{print $2}' "$work/soak-$m.txt")" \
      "$(awk -F': ' '/Non-2xx/{print $2}' "$work/soak-$m.txt" | tr -d ' ' | grep . || echo 0)"
  done
  printf 'proxy RSS after soak: %s MiB\n' "$(( $(ps -o rss= -p "$mem_pid" 2>/dev/null || echo 0) / 1024 ))"
  exit 0
fi

echo "wrk runs of $duration each (stream requests are $stream_state on the proxy) ..." >&2
run mem-hit-c32 "$mem_port" hit 2 32
run nginx-hit-c32 "$ngx_port" hit 2 32
run mem-hit-c1 "$mem_port" hit 1 1
run nginx-hit-c1 "$ngx_port" hit 1 1
run miss-c32 "$mem_port" miss 2 32
run passthru-c32 "$pt_port" miss 2 32
run miss-c1 "$mem_port" miss 1 1
run passthru-c1 "$pt_port" miss 1 1
run sqlite-hit-c1 "$sql_port" hit 1 1
run stream-c32 "$mem_port" stream 2 32

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b+0 == 0) print "n/a"; else printf "%.2fx", a/b }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%+.3f ms", a-b }'; }
verdict() { awk -v c="$1" 'BEGIN{ print (c ? "met" : "MISSED") }'; }

table="$(cat <<TABLE
# LlmCacheProxy speed ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk on loopback, ~1 KB chat body, $duration per run)

| measure | proxy | reference | ratio | target | |
| --- | --- | --- | --- | --- | --- |
| memory hit throughput, -t2 -c32 | ${rps[mem-hit-c32]} req/s | nginx cached ${rps[nginx-hit-c32]} req/s | $(ratio "${rps[mem-hit-c32]}" "${rps[nginx-hit-c32]}") | >= 1.0x | $(verdict "$(awk -v a="${rps[mem-hit-c32]}" -v b="${rps[nginx-hit-c32]}" 'BEGIN{print (a>=b)}')") |
| memory hit p50, -t1 -c1 | ${p50[mem-hit-c1]} ms | nginx cached ${p50[nginx-hit-c1]} ms | $(ratio "${p50[mem-hit-c1]}" "${p50[nginx-hit-c1]}") | <= 1.0x | $(verdict "$(awk -v a="${p50[mem-hit-c1]}" -v b="${p50[nginx-hit-c1]}" 'BEGIN{print (a<=b)}')") |
| miss throughput, -t2 -c32 | ${rps[miss-c32]} req/s | pass-through ${rps[passthru-c32]} req/s | $(ratio "${rps[miss-c32]}" "${rps[passthru-c32]}") | >= 0.9x | $(verdict "$(awk -v a="${rps[miss-c32]}" -v b="${rps[passthru-c32]}" 'BEGIN{print (a>=0.9*b)}')") |
| miss p50, -t1 -c1 | ${p50[miss-c1]} ms | pass-through ${p50[passthru-c1]} ms | $(diff_ms "${p50[miss-c1]}" "${p50[passthru-c1]}") | <= +0.05 ms | $(verdict "$(awk -v a="${p50[miss-c1]}" -v b="${p50[passthru-c1]}" 'BEGIN{print (a-b<=0.05)}')") |
| SQLite-tier hit p50, -t1 -c1 | ${p50[sqlite-hit-c1]} ms | | | <= 1 ms | $(verdict "$(awk -v a="${p50[sqlite-hit-c1]}" 'BEGIN{print (a<=1)}')") |
| streamed hit throughput, -t2 -c32 ($stream_state) | ${rps[stream-c32]} req/s | non-stream hit ${rps[mem-hit-c32]} req/s | $(ratio "${rps[stream-c32]}" "${rps[mem-hit-c32]}") | >= 0.5x | $(verdict "$(awk -v a="${rps[stream-c32]}" -v b="${rps[mem-hit-c32]}" 'BEGIN{print (a>=0.5*b)}')") |

Errors reported by wrk: $(for k in "${!errs[@]}"; do [[ -n "${errs[$k]}" ]] && printf '%s: %s; ' "$k" "${errs[$k]}"; done; true)
TABLE
)"
mkdir -p "$root/bench-results"
echo "$table" >"$root/bench-results/latest.md"
echo "$table"
