#!/usr/bin/env bash
# The first five minutes, with no API key and no network: starts the fake OpenAI upstream and the proxy on free
# loopback ports with a throwaway data folder, sends a few chat requests with curl (a miss, a hit, a streamed miss
# and hit, a second model), invalidates one model through the admin API, prints the analytics summary (cost saved,
# hit rate), then stops everything it started. Endpoints a build does not have yet are reported, not fatal.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

source "$root/scripts/lib/harness.sh"
echo "== building (Release): fake upstream and proxy"
build_release
harness_init llmcache-demo

# Waits for a process's log to show its address (both bind port 0, so no port can be taken in between).
wait_for_url() {
  local log="$1" pattern="$2" pid="$3" url=""
  for _ in $(seq 1 300); do
    url="$(grep -oE "$pattern" "$log" | head -n1 || true)"
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "process exited; its log:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "timed out waiting for $log" >&2
  return 1
}

dotnet "$fake_dll" --port 0 >"$work/upstream.log" 2>&1 &
pids+=($!)
upstream="$(wait_for_url "$work/upstream.log" 'http://127\.0\.0\.1:[0-9]+' "${pids[-1]}")"

admin_token="demo-admin-$RANDOM$RANDOM"
Urls="http://127.0.0.1:0" Proxy__Upstream="$upstream/" Cache__Sqlite__Path="$work/data/llm-cache.db" \
  Admin__Token="$admin_token" dotnet "$proxy_dll" >"$work/proxy.log" 2>&1 &
pids+=($!)
proxy="$(wait_for_url "$work/proxy.log" 'http://127\.0\.0\.1:[0-9]+' "${pids[-1]}")"
echo "== fake upstream: $upstream   proxy: $proxy   data: $work/data"
echo

requests=0 hits=0 misses=0
header() { grep -i "^$1:" "$work/headers" | tail -n1 | cut -d' ' -f2- | tr -d '\r' || true; }
chat() { # label model prompt [stream]
  local label="$1" model="$2" prompt="$3" stream="${4:-false}"
  local body="{\"model\":\"$model\",\"stream\":$stream,\"messages\":[{\"role\":\"user\",\"content\":\"$prompt\"}]}"
  local status
  status="$(curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' "$proxy/v1/chat/completions" \
    -H 'Authorization: Bearer sk-demo-no-real-key' -H 'Content-Type: application/json' -d "$body")"
  local cache tier
  cache="$(header X-Cache)" tier="$(header X-Cache-Tier)"
  requests=$((requests + 1))
  case "$cache" in
    HIT | COALESCED) hits=$((hits + 1)) ;;
    MISS) misses=$((misses + 1)) ;;
  esac
  local what="json"
  [[ "$stream" == "true" ]] && what="sse, $(grep -c '^data:' "$work/body" || true) events"
  printf '  %-42s %s  X-Cache: %-9s tier: %-7s (%s)\n' "$label" "$status" "${cache:--}" "${tier:--}" "$what"
}

echo "== chat requests through the proxy (base URL $proxy/v1, any key: the fake upstream checks none)"
chat "gpt-4o-mini, first time" gpt-4o-mini "What does a cache do?"
chat "gpt-4o-mini, same question" gpt-4o-mini "What does a cache do?"
chat "gpt-4o-mini, same question, streamed" gpt-4o-mini "What does a cache do?" true
chat "gpt-4o-mini, new question, streamed" gpt-4o-mini "Name three prime numbers." true
chat "gpt-4o-mini, new question, streamed again" gpt-4o-mini "Name three prime numbers." true
chat "gpt-4o, first time" gpt-4o "What does a cache do?"
chat "gpt-4o, same question" gpt-4o "What does a cache do?"
echo

admin() { # method path [body]
  local method="$1" path="$2" data="${3:-}"
  local args=(-sS -o "$work/admin" -w '%{http_code}' -X "$method" "$proxy$path" -H "Authorization: Bearer $admin_token")
  [[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' -d "$data")
  curl "${args[@]}"
}
pretty() {
  if command -v jq >/dev/null 2>&1; then jq . "$1" 2>/dev/null || cat "$1"
  elif command -v python3 >/dev/null 2>&1; then python3 -m json.tool "$1" 2>/dev/null || cat "$1"
  else cat "$1"; fi
}

echo "== invalidate model gpt-4o: POST /admin/cache/invalidate {\"model\":\"gpt-4o\"}"
status="$(admin POST /admin/cache/invalidate '{"model":"gpt-4o"}')"
if [[ "$status" == 2* ]]; then
  pretty "$work/admin" | sed 's/^/  /'
  chat "gpt-4o, after invalidation" gpt-4o "What does a cache do?"
  chat "gpt-4o-mini, untouched" gpt-4o-mini "What does a cache do?"
else
  echo "  invalidate answered HTTP $status: $(cat "$work/admin")"
fi
echo

echo "== analytics: GET /admin/analytics"
# Usage is recorded off the request path and written about once a second: wait until it has caught up.
summary() {
  python3 - "$work/admin" "$1" <<'PYEOF'
import json, sys
a = json.load(open(sys.argv[1]))
if sys.argv[2] == "count":
    print(a.get("requests", 0)); sys.exit(0)
h, c, l, t = a["hits"], a["cost_saved"], a["latency_saved_ms"], a["tokens_saved"]
print(f"  requests {a['requests']}: {h['total']} hits (memory {h['memory']}, sqlite {h['sqlite']}, s3 {h['s3']}), "
      f"{a['misses']} misses, {a['bypasses']} bypasses, hit rate {a['hit_rate']:.0%}")
print(f"  cost saved ${c['total']:.6f} (${c['per_hit']:.6f} per hit) against ${a['upstream_cost']:.6f} spent upstream")
print(f"  latency saved {l['total']:.0f} ms, tokens saved {t['input']} in / {t['output']} out")
for m in a.get("by_model", []):
    print(f"    {m.get('model')}: {m.get('requests')} requests, {m.get('hits')} hits, cost saved ${m.get('cost_saved', 0):.6f}")
PYEOF
}
for _ in $(seq 1 50); do
  status="$(admin GET /admin/analytics)"
  [[ "$status" == 2* && "$(summary count)" -ge "$requests" ]] && break
  sleep 0.2
done
if [[ "$status" == 2* ]]; then
  summary full || pretty "$work/admin" | head -n 40
else
  echo "  analytics answered HTTP $status: $(cat "$work/admin")"
fi
# One hit rate, the analytics one above; the script's own X-Cache counts are the same requests, counted the same way.
printf '  seen by this script (X-Cache): %d requests, %d hits, %d misses\n' "$requests" "$hits" "$misses"
echo
echo "== stopping (SIGTERM: in-flight requests drain, the SQLite writer flushes)"
