#!/usr/bin/env bash
# Direct assistance at 150,000 cases: generation time and request latencies (issue 8, "Speed").
#
#   bench/cases_bench.sh [--bin PATH] [--cases 150000] [--duration 10s] [--read-connections 8] [--pg URL]
#                        [--data DIR] [--skip-generate]
#
# --data DIR keeps the generated data directory (the master key, and the SQLite file unless --pg)
# instead of a throw-away one; --skip-generate then reuses it (and the PostgreSQL database) for
# another run of the requests.
# 1. `strada demo --cases N` into a throw-away data directory (or an empty PostgreSQL database
#    with --pg): three member organisations, N clients with a case each (NL 40 %, RO 35 %,
#    UA 25 %), their status history, consents, services and sealed notes (about 13 a case:
#    two million at 150,000). Timed.
# 2. `strada serve`, signed in as the NL demo supervisor, then wrk (p50/p99) against the reads
#    below, each twice: with ONE connection (what one user waits) and with --read-connections at
#    once (8 by default, on the same machine as wrk):
#    a. opening a case: GET /api/v1/cases/{id}, then its timeline GET /api/v1/cases/{id}/timeline,
#       rotating over the 8 NL cases with the most services and notes,
#    b. the case list of the NL case worker's long-term cases:
#       GET /api/v1/cases?assigned_to=<id>&status=long_term_assistance&limit=50,
#    c. a year of case statistics: GET /api/v1/stats/cases?from=..&to=..&granularity=month.
# Prints a summary table with the aim (p99 < 50 ms) and the load average before each run.
#
# Needs: wrk, curl, python3, sqlite3 (psql with --pg).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
lua_dir="${script_dir}/lua"

bin="${repo_root}/build/release/src/strada"
cases="150000"
duration="10s"
read_connections="8"
threads="2"
pg_url=""
keep_dir=""
skip_generate=0

die() {
  echo "cases_bench: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --cases) cases="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --read-connections) read_connections="$2"; shift 2 ;;
    --pg) pg_url="$2"; shift 2 ;;
    --data) keep_dir="$2"; shift 2 ;;
    --skip-generate) skip_generate=1; shift ;;
    -h | --help) sed -n '4,5p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done

[[ -x "${bin}" ]] || die "no strada binary at ${bin} (build the release preset, or pass --bin PATH)"
for tool in wrk curl python3; do
  command -v "${tool}" >/dev/null || die "${tool} is not installed"
done
if [[ -n "${pg_url}" ]]; then
  command -v psql >/dev/null || die "psql is not installed"
else
  command -v sqlite3 >/dev/null || die "sqlite3 is not installed"
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/strada-cases-bench.XXXXXX")"
data_dir="${keep_dir:-${work_dir}/data}"
server_log="${work_dir}/server.log"
cookie_jar="${work_dir}/cookies.txt"
server_pid=""

cleanup() {
  local status=$?
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -TERM "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  rm -rf "${work_dir}"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db_args=(--data "${data_dir}")
[[ -n "${pg_url}" ]] && db_args+=(--db "${pg_url}")

query() {  # SQL -> the first column of each row
  if [[ -n "${pg_url}" ]]; then
    psql -X -q -A -t -v ON_ERROR_STOP=1 "${pg_url}" -c "$1"
  else
    sqlite3 -readonly "${data_dir}/strada.db" "$1"
  fi
}

echo "== machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "${data_dir}"
if [[ "${skip_generate}" == 1 ]]; then
  [[ -n "${keep_dir}" ]] || die "--skip-generate needs --data DIR"
  gen_seconds="(reused)"
  echo "== reusing ${data_dir}: no generation"
else
  echo "== generating ${cases} cases${pg_url:+ (PostgreSQL)}"
  gen_start=$(date +%s.%N)
  "${bin}" demo "${db_args[@]}" --cases "${cases}"
  gen_end=$(date +%s.%N)
  gen_seconds=$(awk -v a="${gen_start}" -v b="${gen_end}" 'BEGIN { printf "%.1f", b - a }')
  echo "GENERATED cases=${cases} seconds=${gen_seconds}"
fi
echo "== rows: $(query "SELECT (SELECT count(*) FROM clients) || ' clients, ' || (SELECT count(*) FROM cases) || ' cases, ' || (SELECT count(*) FROM case_services) || ' services, ' || (SELECT count(*) FROM case_notes) || ' notes'")"

# The NL cases with the most services and notes, and the NL case worker.
mapfile -t case_ids < <(query "SELECT k.id FROM cases k JOIN organisations o ON o.id = k.org_id
  WHERE o.code = 'NL' ORDER BY (SELECT count(*) FROM case_services s WHERE s.case_id = k.id)
  + (SELECT count(*) FROM case_notes n WHERE n.case_id = k.id) DESC, k.id LIMIT 8")
[[ ${#case_ids[@]} -gt 0 ]] || die "no NL case in the database"
worker="$(query "SELECT id FROM users WHERE email = 'caseworker@nl.demo.example'")"
[[ -n "${worker}" ]] || die "no NL demo case worker"

echo "== starting the server"
"${bin}" serve "${db_args[@]}" --listen 127.0.0.1:0 --second-factor optional --rate-limits off 2>"${server_log}" >/dev/null &
server_pid=$!
port=""
for _ in $(seq 1 600); do
  kill -0 "${server_pid}" 2>/dev/null || { tail -n 20 "${server_log}" >&2; die "the server exited"; }
  line="$(grep -m1 -E '"msg" *: *"listening"' "${server_log}" 2>/dev/null || true)"
  if [[ -n "${line}" ]]; then
    port="$(sed -n 's/.*"port" *: *\([0-9][0-9]*\).*/\1/p' <<<"${line}")"
    break
  fi
  sleep 0.1
done
[[ -n "${port}" ]] || die "no \"listening\" log line"
base="http://127.0.0.1:${port}"

login_body="${work_dir}/login.json"
code="$(curl -sS -o "${login_body}" -w '%{http_code}' -c "${cookie_jar}" \
  -H 'Content-Type: application/json' \
  --data '{"email":"supervisor@nl.demo.example","password":"strada-demo-2026"}' \
  "${base}/api/v1/session")"
[[ "${code}" == "200" ]] || die "sign-in answered ${code}"
session="$(awk -F '\t' '$6 == "strada_session" { print $7 }' "${cookie_jar}" | tail -n 1)"
export STRADA_COOKIE="${session}"
read -r day_from day_to < <(python3 -c '
import datetime as d
now = d.datetime.now(d.timezone.utc)
print((now - d.timedelta(days=365)).strftime("%Y-%m-%d"), now.strftime("%Y-%m-%d"))')

case_paths=""
timeline_paths=""
for id in "${case_ids[@]}"; do
  case_paths+="/api/v1/cases/${id} "
  timeline_paths+="/api/v1/cases/${id}/timeline "
done
list_path="/api/v1/cases?assigned_to=${worker}&status=long_term_assistance&limit=50"
stats_path="/api/v1/stats/cases?from=${day_from}&to=${day_to}&granularity=month"
for check in "/api/v1/cases/${case_ids[0]}" "/api/v1/cases/${case_ids[0]}/timeline" \
  "${list_path}" "${stats_path}"; do
  c="$(curl -sS -o /dev/null -w '%{http_code}' -b "${cookie_jar}" "${base}${check}")"
  [[ "${c}" == "200" ]] || die "${check%%\?*} answered ${c}"
done
entries="$(curl -sS -b "${cookie_jar}" "${base}/api/v1/cases/${case_ids[0]}/timeline" |
  python3 -c 'import json,sys; b=json.load(sys.stdin); print(len(b["entries"] if isinstance(b, dict) else b))')"
echo "== the busiest case's timeline has ${entries} entries"

results=()
run_get() {  # name paths...: once with one connection, once with several
  local conns
  for conns in 1 "${read_connections}"; do
    local out="${work_dir}/wrk_$1_${conns}.txt"
    local load
    load="$(cut -d' ' -f1 /proc/loadavg)"
    echo "== wrk GET $1 (${duration}, ${conns} connection(s), load ${load})"
    BENCH_NAME="$1@${conns}" BENCH_PATHS="$2" wrk --latency -t "$((conns < threads ? conns : threads))" \
      -c "${conns}" -d "${duration}" -s "${lua_dir}/get_rotate.lua" "${base}" | tee "${out}"
    results+=("$(grep -m1 '^RESULT ' "${out}") load=${load}")
  done
}

run_get case "${case_paths}"
run_get timeline "${timeline_paths}"
run_get list "${list_path}"
run_get stats "${stats_path}"

echo
echo "== summary (${cases} cases, $([[ -n "${pg_url}" ]] && echo PostgreSQL || echo SQLite); generated in ${gen_seconds} s)"
printf '%-12s %10s %10s %10s %8s %8s %12s\n' name rps p50_ms p99_ms non2xx load aim_p99_ms
for r in "${results[@]}"; do
  field() { tr ' ' '\n' <<<"${r}" | sed -n "s/^$1=//p"; }
  printf '%-12s %10s %10s %10s %8s %8s %12s\n' "$(field name)" "$(field rps)" "$(field p50_ms)" \
    "$(field p99_ms)" "$(field non2xx)" "$(field load)" 50
done
