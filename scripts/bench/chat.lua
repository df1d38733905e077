-- wrk script for scripts/bench.sh: POSTs a ~1 KB chat completion body with an Authorization header.
-- BENCH_MODE (env): hit = the same body every time; miss = a unique body per request (thread id + counter +
-- run nonce in the user message); stream = the same body with "stream": true.
local mode = os.getenv("BENCH_MODE") or "hit"
local nonce = os.getenv("BENCH_NONCE") or tostring(os.time())
local filler = string.rep("lorem ipsum dolor sit amet ", 34)
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer sk-bench-0123456789abcdef"
end

local function body(text, stream)
  return '{"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a benchmark. ' .. filler ..
    '"},{"role":"user","content":"' .. text .. '"}],"temperature":0' ..
    (stream and ',"stream":true' or '') .. '}'
end

local fixed = body("What is the capital of France?", mode == "stream")

function request()
  if mode == "miss" then
    counter = counter + 1
    return wrk.format(nil, nil, nil, body("miss " .. nonce .. " " .. tostring(tid or 0) .. " " .. tostring(counter), false))
  end
  return wrk.format(nil, nil, nil, fixed)
end
