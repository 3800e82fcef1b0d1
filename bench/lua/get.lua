-- wrk script: plain GET of the URL given to wrk, counting non-2xx answers.
--
-- Environment (all optional):
--   BENCH_NAME      name printed in the RESULT line (default "get")
--   STRADA_COOKIE   session token; sent as "Cookie: strada_session=<token>" when set
--
-- done() prints one machine-readable line:
--   RESULT name=<name> rps=<requests/sec> p50_ms=<ms> p99_ms=<ms> non2xx=<count>

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("strada_bench")

wrk.method = "GET"
local cookie = os.getenv("STRADA_COOKIE")
if cookie ~= nil and cookie ~= "" then
  bench.useSession(cookie)
end

bench.reportAnswers(os.getenv("BENCH_NAME") or "get", false)
