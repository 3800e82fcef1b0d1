-- What the wrk scripts of bench/lua share: the signed-in session's headers, and counting the
-- answers into the machine-readable line that bench/http_bench.sh and bench/hotline_bench.sh read:
--   RESULT name=<name> rps=<requests/sec> p50_ms=<ms> p99_ms=<ms> non2xx=<count>
--
-- A script loads it from its own folder, wherever wrk is started from:
--   package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;"
--     .. package.path
--   local bench = require("strada_bench")

local M = {}

-- Sends the session cookie on every request, and the CSRF token when `csrf` is given.
function M.useSession(cookie, csrf)
  wrk.headers["Cookie"] = "strada_session=" .. cookie
  if csrf ~= nil then
    wrk.headers["X-CSRF-Token"] = csrf
  end
end

-- For the scripts that POST a contact as the signed-in user: needs STRADA_COOKIE, STRADA_CSRF
-- and STRADA_STARTED_AT (else exits 2, naming `script`), makes every request a JSON POST with the
-- session's headers, and returns STRADA_STARTED_AT for the body.
function M.postJsonAsSession(script)
  local cookie = os.getenv("STRADA_COOKIE") or ""
  local csrf = os.getenv("STRADA_CSRF") or ""
  local started_at = os.getenv("STRADA_STARTED_AT") or ""
  if cookie == "" or csrf == "" or started_at == "" then
    io.stderr:write(script .. ": set STRADA_COOKIE, STRADA_CSRF and STRADA_STARTED_AT\n")
    os.exit(2)
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  M.useSession(cookie, csrf)
  return started_at
end

-- Defines wrk's setup(), init(), response() and done(). Each thread counts its non-2xx answers
-- and its 201 Created answers; done() adds them up and prints the RESULT line named `name`, then,
-- when `count_created`, "ACKED name=<name> status_201=<count>".
function M.reportAnswers(name, count_created)
  -- setup() and done() run in the main Lua state; init() and response() in one state per
  -- thread. Keep the thread handles so done() can read each thread's counters.
  local threads = {}

  function setup(thread)
    table.insert(threads, thread)
  end

  function init(args)
    non2xx = 0
    created = 0
  end

  function response(status, headers, body)
    if status < 200 or status > 299 then
      non2xx = non2xx + 1
    elseif status == 201 then
      created = created + 1
    end
  end

  function done(summary, latency, requests)
    local bad, acked = 0, 0
    for _, thread in ipairs(threads) do
      bad = bad + (thread:get("non2xx") or 0)
      acked = acked + (thread:get("created") or 0)
    end
    local seconds = summary.duration / 1e6
    local rps = 0
    if seconds > 0 then
      rps = summary.requests / seconds
    end
    print(string.format("RESULT name=%s rps=%.2f p50_ms=%.3f p99_ms=%.3f non2xx=%d",
                        name, rps, latency:percentile(50) / 1000.0,
                        latency:percentile(99) / 1000.0, bad))
    if count_created then
      print(string.format("ACKED name=%s status_201=%d", name, acked))
    end
  end
end

return M
