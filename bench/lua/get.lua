-- wrk script: plain GET of the URL given to wrk, counting non-2xx answers.
--
-- Environment (all optional):
--   BENCH_NAME      name printed in the RESULT line (default "get")
--   STRADA_COOKIE   session token; sent as "Cookie: strada_session=<token>" when set
--
-- done() prints one machine-readable line:
--   RESULT name=<name> rps=<requests/sec> p50_ms=<ms> p99_ms=<ms> non2xx=<count>

local name = os.getenv("BENCH_NAME") or "get"

wrk.method = "GET"
local cookie = os.getenv("STRADA_COOKIE")
if cookie ~= nil and cookie ~= "" then
  wrk.headers["Cookie"] = "strada_session=" .. cookie
end

-- setup() and done() run in the main Lua state; request()/response() run in one state per
-- thread. Keep the thread handles so done() can read each thread's counters.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  responses = 0
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  local seconds = summary.duration / 1e6
  local rps = 0
  if seconds > 0 then
    rps = summary.requests / seconds
  end
  print(string.format("RESULT name=%s rps=%.2f p50_ms=%.3f p99_ms=%.3f non2xx=%d",
                      name, rps, latency:percentile(50) / 1000.0,
                      latency:percentile(99) / 1000.0, bad))
end
