-- wrk script: GET of several paths in turn (each request the next one), counting non-2xx answers.
-- For reads whose cost depends on the record read (a case, its timeline): rotating over several
-- real records keeps one record's cached pages from flattering the figures.
--
-- Environment:
--   BENCH_PATHS     the paths (with their query), separated by spaces; required
--   BENCH_NAME      name printed in the RESULT line (default "get_rotate")
--   STRADA_COOKIE   session token; sent as "Cookie: strada_session=<token>" when set
--
-- done() prints the RESULT line of strada_bench.lua.

package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local bench = require("strada_bench")

local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
  table.insert(paths, p)
end
if #paths == 0 then
  io.stderr:write("get_rotate.lua: set BENCH_PATHS\n")
  os.exit(2)
end

wrk.method = "GET"
local cookie = os.getenv("STRADA_COOKIE")
if cookie ~= nil and cookie ~= "" then
  bench.useSession(cookie)
end

local next_path = 0
function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end

bench.reportAnswers(os.getenv("BENCH_NAME") or "get_rotate", false)
