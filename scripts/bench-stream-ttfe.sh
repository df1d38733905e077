#!/usr/bin/env bash
# Time to first event (TTFE) of streamed answers through the proxy (Release build) in front of the fake
# upstream: a streamed miss (new prompt each time), a streamed hit (same prompt), and the fake upstream
# called directly as the baseline a miss cannot beat. Prints median and p95 in ms.
# Usage: scripts/bench-stream-ttfe.sh [iterations]   (needs curl and python3; ports via BENCH_PROXY_PORT,
# BENCH_UPSTREAM_PORT). The answer has 200 words (~200 events) and no pause between chunks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-50}"
proxy_port="${BENCH_PROXY_PORT:-18480}"
upstream_port="${BENCH_UPSTREAM_PORT:-19480}"
source "$root/scripts/lib/harness.sh"
build_release
harness_init llmcache-ttfe

dotnet "$fake_dll" --port "$upstream_port" >"$work/upstream.log" 2>&1 &
pids+=($!)
Urls="http://127.0.0.1:$proxy_port" Proxy__Upstream="http://127.0.0.1:$upstream_port/" \
  Cache__Sqlite__Path="$work/cache.db" Logging__LogLevel__Default=Warning \
  dotnet "$proxy_dll" >"$work/proxy.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$upstream_port/v1/models"
wait_http "http://127.0.0.1:$proxy_port/healthz"

python3 - "$n" "$proxy_port" "$upstream_port" <<'PY'
import http.client, json, statistics, sys, time, uuid

n, proxy, upstream = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def body(text):
    return json.dumps({"model": "gpt-4o-mini", "stream": True, "stream_options": {"include_usage": True},
                       "messages": [{"role": "user", "content": text + " [[words=200]]"}]})

def stream(port, text):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    start = time.perf_counter()
    conn.request("POST", "/v1/chat/completions", body(text),
                 {"Content-Type": "application/json", "Authorization": "Bearer sk-bench"})
    resp = conn.getresponse()
    first = done = None
    events = 0
    while True:
        line = resp.readline()
        if not line:
            break
        if line.startswith(b"data: "):
            events += 1
            if first is None:
                first = time.perf_counter() - start
            if line.strip() == b"data: [DONE]":
                done = time.perf_counter() - start
                break
    cache = resp.getheader("X-Cache", "-")
    conn.close()
    if first is None or done is None:
        raise SystemExit(f"stream on port {port} ended without [DONE] ({events} events)")
    return first * 1000, done * 1000, cache

def run(label, port, texts, expect):
    ttfe, total = [], []
    for t in texts:
        f, d, cache = stream(port, t)
        if expect and cache != expect:
            raise SystemExit(f"{label}: expected X-Cache {expect}, got {cache}")
        ttfe.append(f); total.append(d)
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(p * len(xs)))]
    print(f"{label:<28} n={len(texts):<4} TTFE median {statistics.median(ttfe):6.2f} ms  p95 {q(ttfe, .95):6.2f} ms"
          f"   | [DONE] median {statistics.median(total):6.2f} ms")

# Warm up JIT, connection paths and the SQLite writer on both kinds of request.
for i in range(20):
    stream(proxy, f"warm {i}"); stream(proxy, "warm hit"); stream(upstream, f"warm {i}")

run("upstream direct (baseline)", upstream, [f"base {uuid.uuid4()}" for _ in range(n)], None)
run("proxy streamed miss", proxy, [f"miss {uuid.uuid4()}" for _ in range(n)], "MISS")
stream(proxy, "the hit prompt")
run("proxy streamed hit", proxy, ["the hit prompt"] * n, "HIT")
PY
