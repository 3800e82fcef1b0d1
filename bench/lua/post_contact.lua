-- wrk script: POST /api/v1/contacts with a realistic contact, as a signed-in consultant.
--
-- Environment:
--   STRADA_COOKIE      session token (value of the strada_session cookie)      required
--   STRADA_CSRF        the session's csrf_token                                 required
--   STRADA_STARTED_AT  RFC 3339 instant for started_at, a few minutes ago       required
--   BENCH_NAME         name printed in the RESULT line (default "post_contact")
--
-- done() prints:
--   RESULT name=<name> rps=<requests/sec> p50_ms=<ms> p99_ms=<ms> non2xx=<count>
--   ACKED name=<name> status_201=<count>
-- status_201 is the number of contacts the server acknowledged (201 Created); the bench script
-- compares it with what the database holds after a SIGTERM.

local name = os.getenv("BENCH_NAME") or "post_contact"
local cookie = os.getenv("STRADA_COOKIE") or ""
local csrf = os.getenv("STRADA_CSRF") or ""
local started_at = os.getenv("STRADA_STARTED_AT") or ""

if cookie == "" or csrf == "" or started_at == "" then
  io.stderr:write("post_contact.lua: set STRADA_COOKIE, STRADA_CSRF and STRADA_STARTED_AT\n")
  os.exit(2)
end

-- About 200 characters of free text, plain ASCII (no characters that need JSON escaping).
local summary = "Caller reports a relative recruited for farm work abroad; employer holds her "
  .. "passport, wages unpaid for three months, housing overcrowded. Caller asked about "
  .. "options; referred to partner NGO and labour inspectorate."

local body = '{"channel":"phone"'
  .. ',"started_at":"' .. started_at .. '"'
  .. ',"duration_s":420'
  .. ',"category":"tip"'
  .. ',"caller_type":"family_member"'
  .. ',"exploitation":["ForcedLabour"]'
  .. ',"anonymous":true'
  .. ',"language":"en"'
  .. ',"summary":"' .. summary .. '"}'

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "strada_session=" .. cookie
wrk.headers["X-CSRF-Token"] = csrf

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  created = 0
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  end
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
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
  print(string.format("ACKED name=%s status_201=%d", name, acked))
end
