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

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("strada_bench")

local started_at = bench.postJsonAsSession("post_contact.lua")

-- About 200 characters of free text, plain ASCII (no characters that need JSON escaping).
local summary = "Caller reports a relative recruited for farm work abroad; employer holds her "
  .. "passport, wages unpaid for three months, housing overcrowded. Caller asked about "
  .. "options; referred to partner NGO and labour inspectorate."

wrk.body = '{"channel":"phone"'
  .. ',"started_at":"' .. started_at .. '"'
  .. ',"duration_s":420'
  .. ',"category":"tip"'
  .. ',"caller_type":"family_member"'
  .. ',"exploitation":["ForcedLabour"]'
  .. ',"anonymous":true'
  .. ',"language":"en"'
  .. ',"summary":"' .. summary .. '"}'

bench.reportAnswers(os.getenv("BENCH_NAME") or "post_contact", true)
