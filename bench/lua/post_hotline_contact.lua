-- wrk script: POST /api/v1/contacts with a complete, final hotline contact (issue 3 model).
--
-- Environment:
--   STRADA_COOKIE      session token (value of the strada_session cookie)      required
--   STRADA_CSRF        the session's csrf_token                                 required
--   STRADA_STARTED_AT  RFC 3339 instant for started_at, a few minutes ago       required
--   BENCH_NAME         name printed in the RESULT line (default "post_hotline_contact")
--
-- done() prints:
--   RESULT name=<name> rps=<requests/sec> p50_ms=<ms> p99_ms=<ms> non2xx=<count>

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("strada_bench")

local started_at = bench.postJsonAsSession("post_hotline_contact.lua")

local summary = "Caller reports a relative recruited for farm work abroad; employer holds her "
  .. "passport, wages unpaid for three months. Referred to a partner NGO."

wrk.body = '{"status":"final","kind":"data","channel":"phone"'
  .. ',"started_at":"' .. started_at .. '"'
  .. ',"duration_s":420,"category":"tip","caller_type":"family_member","anonymous":true'
  .. ',"language":"en","caller_country":"RO","destination_country":"DE"'
  .. ',"exploitation":["ForcedLabour"],"industry":["A_AgricultureForestryAndFishing"]'
  .. ',"assistance":["safety_tips","agency_referral"],"outcome":"referred"'
  .. ',"summary":"' .. summary .. '"}'

bench.reportAnswers(os.getenv("BENCH_NAME") or "post_hotline_contact", false)
