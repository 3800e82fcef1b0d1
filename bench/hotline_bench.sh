#!/usr/bin/env bash
# The hotline at one million contacts: generation speed and request latencies.
#
#   bench/hotline_bench.sh [--bin PATH] [--contacts 1000000] [--duration 15s] [--read-connections 8] [--pg URL]
#                          [--data DIR] [--skip-generate]
#
# --data DIR keeps the generated data directory (the master key, and the SQLite file unless --pg)
# instead of a throw-away one; --skip-generate then reuses it (and the PostgreSQL database) for
# another run of the requests.
# 1. `strada demo --contacts N` into a throw-away data directory (or an empty PostgreSQL database
#    with --pg): three member organisations, realistic coded contacts over three years, audit
#    events, then the statistics rollup rebuilt in bulk. Timed.
# 2. `strada serve`, signed in as the NL demo supervisor, then wrk (p50/p99) against the three
#    reads below, each twice: with ONE connection (the wait of one consultant: service time) and
#    with --read-connections at once (8 by default: several users on a 2-core machine that also
#    runs wrk, where latency is mostly queueing behind the others):
#    a. a filtered list page: GET /api/v1/contacts?category=tip&channel=phone&from=..&to=..&limit=50
#       over the last year,
#    b. a knowledge-base search: GET /api/v1/knowledge?q=Germany (skipped when the route is absent),
#    c. a year of statistics: GET /api/v1/stats/contacts?from=..&to=..&granularity=month,
#    d. POST /api/v1/contacts (a complete final contact) with 64 connections posting at once.
# Prints a summary table with the aims (p99 < 20 ms list and search, < 100 ms statistics).
#
# Needs: wrk, curl, python3 (and psql with --pg).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
lua_dir="${script_dir}/lua"

bin="${repo_root}/build/stats-release/src/strada"
contacts="1000000"
duration="15s"
read_connections="8"
post_connections="64"
threads="2"
pg_url=""
keep_dir=""
skip_generate=0

die() {
  echo "hotline_bench: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --contacts) contacts="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --read-connections) read_connections="$2"; shift 2 ;;
    --pg) pg_url="$2"; shift 2 ;;
    --data) keep_dir="$2"; shift 2 ;;
    --skip-generate) skip_generate=1; shift ;;
    -h | --help) sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /'; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done

[[ -x "${bin}" ]] || die "no strada binary at ${bin} (build the release preset, or pass --bin PATH)"
for tool in wrk curl python3; do
  command -v "${tool}" >/dev/null || die "${tool} is not installed"
done

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/strada-hotline-bench.XXXXXX")"
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

echo "== machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)," \
  "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "== generating ${contacts} contacts${pg_url:+ (PostgreSQL)}"
mkdir -p "${data_dir}"
if [[ "${skip_generate}" == 1 ]]; then
  [[ -n "${keep_dir}" ]] || die "--skip-generate needs --data DIR"
  gen_seconds="(reused)"
  echo "== reusing ${data_dir}: no generation"
else
  gen_start=$(date +%s.%N)
  "${bin}" demo "${db_args[@]}" --contacts "${contacts}"
  gen_end=$(date +%s.%N)
  gen_seconds=$(awk -v a="${gen_start}" -v b="${gen_end}" 'BEGIN { printf "%.1f", b - a }')
  echo "GENERATED contacts=${contacts} seconds=${gen_seconds}"
fi

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
csrf="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' <"${login_body}")"
session="$(awk -F '\t' '$6 == "strada_session" { print $7 }' "${cookie_jar}" | tail -n 1)"
export STRADA_COOKIE="${session}" STRADA_CSRF="${csrf}"
export STRADA_STARTED_AT="$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) - d.timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
read -r year_from year_to day_from day_to < <(python3 -c '
import datetime as d
now = d.datetime.now(d.timezone.utc)
start = now - d.timedelta(days=365)
print(start.strftime("%Y-%m-%dT%H:%M:%SZ"), now.strftime("%Y-%m-%dT%H:%M:%SZ"),
      start.strftime("%Y-%m-%d"), now.strftime("%Y-%m-%d"))')

list_url="${base}/api/v1/contacts?category=tip&channel=phone&from=${year_from}&to=${year_to}&limit=50"
search_url="${base}/api/v1/knowledge?q=Germany"
stats_url="${base}/api/v1/stats/contacts?from=${day_from}&to=${day_to}&granularity=month"

results=()
run_get() {  # name url: once with one connection (what one user waits), once with several
  local conns
  for conns in 1 "${read_connections}"; do
    local out="${work_dir}/wrk_$1_${conns}.txt"
    echo "== wrk GET $1 (${duration}, ${conns} connection(s))"
    BENCH_NAME="$1@${conns}" wrk --latency -t "$((conns < threads ? conns : threads))" -c "${conns}" \
      -d "${duration}" -s "${lua_dir}/get.lua" "$2" | tee "${out}"
    results+=("$(grep -m1 '^RESULT ' "${out}")")
  done
}

for check in "${list_url}" "${stats_url}"; do
  c="$(curl -sS -o /dev/null -w '%{http_code}' -b "${cookie_jar}" "${check}")"
  [[ "${c}" == "200" ]] || die "${check} answered ${c}"
done
run_get list "${list_url}"
search_code="$(curl -sS -o /dev/null -w '%{http_code}' -b "${cookie_jar}" "${search_url}")"
if [[ "${search_code}" == "200" ]]; then
  run_get search "${search_url}"
else
  echo "== knowledge search answered ${search_code}: skipped"
  results+=("RESULT name=search skipped=${search_code}")
fi
run_get stats "${stats_url}"

echo "== wrk POST contacts (${duration}, ${post_connections} connections)"
post_out="${work_dir}/wrk_post.txt"
BENCH_NAME=post wrk --latency -t "${threads}" -c "${post_connections}" -d "${duration}" \
  -s "${lua_dir}/post_hotline_contact.lua" "${base}/api/v1/contacts" | tee "${post_out}"
results+=("$(grep -m1 '^RESULT ' "${post_out}")")

echo
echo "== summary (${contacts} contacts, $([[ -n "${pg_url}" ]] && echo PostgreSQL || echo SQLite); generated in ${gen_seconds} s)"
printf '%-10s %10s %10s %10s %8s %12s\n' name rps p50_ms p99_ms non2xx aim_p99_ms
for r in "${results[@]}"; do
  field() { tr ' ' '\n' <<<"${r}" | sed -n "s/^$1=//p"; }
  name="$(field name)"
  case "${name%@*}" in list | search) aim=20 ;; stats) aim=100 ;; *) aim=- ;; esac
  printf '%-10s %10s %10s %10s %8s %12s\n' "${name}" "$(field rps)" "$(field p50_ms)" \
    "$(field p99_ms)" "$(field non2xx)" "${aim}"
done
