#!/usr/bin/env bash
# HTTP load benchmark of the Strada server, end to end, with a durability check.
#
#   bench/http_bench.sh [--bin PATH] [--duration 20s] [--connections 64] [--threads 2] [--pg URL]
#
# Sets up a throw-away data directory (one organisation, one consultant), starts
# `strada serve` on a free port, signs in with curl, then runs wrk against
#   1. GET  /api/v1/health     (bench/lua/get.lua)
#   2. POST /api/v1/contacts   (bench/lua/post_contact.lua)
# and prints a summary table and the ratio post_rps / health_rps. Finally it stops the server
# with SIGTERM and checks that every contact the server acknowledged with 201 is in the
# database: "durable: N of M acknowledged contacts present".
#
# --pg URL passes `--db URL` to every strada command and counts with psql; the database should
# be empty (the organisation code BE must not exist yet).
#
# Needs: wrk, curl, python3, and sqlite3 (or psql with --pg).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
lua_dir="${script_dir}/lua"

bin="${repo_root}/build/release/src/strada"
duration="20s"
connections="64"
threads="2"
pg_url=""

usage() {
  sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^#   /usage: /'
}

die() {
  echo "http_bench: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) [[ $# -ge 2 ]] || die "--bin needs a path"; bin="$2"; shift 2 ;;
    --duration) [[ $# -ge 2 ]] || die "--duration needs a value"; duration="$2"; shift 2 ;;
    --connections) [[ $# -ge 2 ]] || die "--connections needs a value"; connections="$2"; shift 2 ;;
    --threads) [[ $# -ge 2 ]] || die "--threads needs a value"; threads="$2"; shift 2 ;;
    --pg) [[ $# -ge 2 ]] || die "--pg needs a URL"; pg_url="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

[[ -x "${bin}" ]] || die "no strada binary at ${bin} (build it, or pass --bin PATH)"
[[ "${connections}" =~ ^[0-9]+$ ]] || die "--connections must be a number"
[[ "${threads}" =~ ^[0-9]+$ ]] || die "--threads must be a number"
(( connections >= threads )) || die "--connections must be at least --threads"
for tool in wrk curl python3; do
  command -v "${tool}" >/dev/null || die "${tool} is not installed"
done
if [[ -n "${pg_url}" ]]; then
  command -v psql >/dev/null || die "psql is not installed (needed with --pg)"
else
  command -v sqlite3 >/dev/null || die "sqlite3 is not installed"
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/strada-bench.XXXXXX")"
data_dir="${work_dir}/data"
server_log="${work_dir}/server.log"
cookie_jar="${work_dir}/cookies.txt"
server_pid=""

cleanup() {
  local status=$?
  if [[ -n "${server_pid}" ]] && kill -0 "${server_pid}" 2>/dev/null; then
    kill -TERM "${server_pid}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "${server_pid}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${server_pid}" 2>/dev/null || true
    wait "${server_pid}" 2>/dev/null || true
  fi
  rm -rf "${work_dir}"
  exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Arguments that pick the database: the SQLite file in the data directory, or PostgreSQL.
db_args=(--data "${data_dir}")
if [[ -n "${pg_url}" ]]; then
  db_args+=(--db "${pg_url}")
fi

count_contacts() {
  if [[ -n "${pg_url}" ]]; then
    psql "${pg_url}" -X -q -t -A -v ON_ERROR_STOP=1 -c "select count(*) from contacts"
  else
    sqlite3 "${data_dir}/strada.db" "select count(*) from contacts"
  fi
}

# Prints the tail of the server log; called when something went wrong.
show_server_log() {
  echo "--- last lines of the server log (${server_log}) ---" >&2
  tail -n 20 "${server_log}" >&2 || true
}

echo "== setting up ${data_dir}${pg_url:+ (PostgreSQL)}"
mkdir -p "${data_dir}"
"${bin}" init "${db_args[@]}"
"${bin}" org add "${db_args[@]}" --code BE --name "Bench Org" --country BE
STRADA_PASSWORD='load-test passphrase 42' "${bin}" user add "${db_args[@]}" \
  --org BE --email bench@example.org --name "Bench User" --role consultant

baseline="$(count_contacts)" || die "cannot count contacts before the run"
baseline="${baseline//[[:space:]]/}"

echo "== starting the server"
"${bin}" serve "${db_args[@]}" --listen 127.0.0.1:0 --second-factor optional --rate-limits off 2>"${server_log}" >/dev/null &
server_pid=$!

port=""
for _ in $(seq 1 300); do
  if ! kill -0 "${server_pid}" 2>/dev/null; then
    show_server_log
    die "the server exited before listening"
  fi
  line="$(grep -m1 -E '"msg" *: *"listening"' "${server_log}" 2>/dev/null || true)"
  if [[ -n "${line}" ]]; then
    port="$(sed -n 's/.*"port" *: *\([0-9][0-9]*\).*/\1/p' <<<"${line}")"
    break
  fi
  sleep 0.1
done
[[ -n "${port}" ]] || { show_server_log; die "no \"listening\" log line with a port after 30 s"; }
base="http://127.0.0.1:${port}"
echo "   listening on ${base} (pid ${server_pid})"

echo "== signing in"
login_body="${work_dir}/login.json"
http_code="$(curl -sS -o "${login_body}" -w '%{http_code}' -c "${cookie_jar}" \
  -H 'Content-Type: application/json' \
  --data '{"email":"bench@example.org","password":"load-test passphrase 42"}' \
  "${base}/api/v1/session")" || die "sign-in request failed"
[[ "${http_code}" == "200" ]] || { cat "${login_body}" >&2; echo >&2; die "sign-in answered ${http_code}"; }
csrf="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])' <"${login_body}")" \
  || die "no csrf_token in the sign-in answer"
# Netscape cookie jar: tab separated, name in field 6, value in field 7. HttpOnly cookies are
# written with a "#HttpOnly_" prefix on the domain, so do not skip lines starting with '#'.
session="$(awk -F '\t' '$6 == "strada_session" { print $7 }' "${cookie_jar}" | tail -n 1)"
[[ -n "${session}" ]] || die "no strada_session cookie in the sign-in answer"

# started_at a few minutes ago, RFC 3339 in UTC.
started_at="$(python3 -c 'import datetime as d; print((d.datetime.now(d.timezone.utc) - d.timedelta(minutes=3)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"

export STRADA_COOKIE="${session}"
export STRADA_CSRF="${csrf}"
export STRADA_STARTED_AT="${started_at}"

wrk_args=(--latency -t "${threads}" -c "${connections}" -d "${duration}")

echo "== wrk GET /api/v1/health (${duration}, ${connections} connections, ${threads} threads)"
health_out="${work_dir}/wrk_health.txt"
BENCH_NAME=health wrk "${wrk_args[@]}" -s "${lua_dir}/get.lua" "${base}/api/v1/health" \
  | tee "${health_out}"

echo "== wrk POST /api/v1/contacts (${duration}, ${connections} connections, ${threads} threads)"
post_out="${work_dir}/wrk_post.txt"
BENCH_NAME=post_contact wrk "${wrk_args[@]}" -s "${lua_dir}/post_contact.lua" \
  "${base}/api/v1/contacts" | tee "${post_out}"

# "RESULT name=x rps=1 ..." -> value of one key.
result_field() {  # file key
  grep -m1 '^RESULT ' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

health_result="$(grep -m1 '^RESULT ' "${health_out}" || true)"
post_result="$(grep -m1 '^RESULT ' "${post_out}" || true)"
[[ -n "${health_result}" ]] || die "no RESULT line from the health run"
[[ -n "${post_result}" ]] || die "no RESULT line from the contacts run"
acked="$(sed -n 's/^ACKED .*status_201=\([0-9][0-9]*\).*/\1/p' "${post_out}" | head -n 1)"
[[ -n "${acked}" ]] || die "no ACKED line from the contacts run"

echo
echo "== summary"
printf '%-14s %12s %10s %10s %8s\n' name rps p50_ms p99_ms non2xx
for out in "${health_out}" "${post_out}"; do
  printf '%-14s %12s %10s %10s %8s\n' \
    "$(result_field "${out}" name)" "$(result_field "${out}" rps)" \
    "$(result_field "${out}" p50_ms)" "$(result_field "${out}" p99_ms)" \
    "$(result_field "${out}" non2xx)"
done
health_rps="$(result_field "${health_out}" rps)"
post_rps="$(result_field "${post_out}" rps)"
ratio="$(awk -v p="${post_rps}" -v h="${health_rps}" 'BEGIN { if (h > 0) printf "%.4f", p / h; else print "n/a" }')"
echo "post_rps/health_rps = ${ratio}"
echo "RATIO post_rps/health_rps=${ratio}"

echo
echo "== durability: stopping the server with SIGTERM"
kill -TERM "${server_pid}"
stopped=""
for _ in $(seq 1 300); do
  if ! kill -0 "${server_pid}" 2>/dev/null; then
    stopped=yes
    break
  fi
  sleep 0.1
done
if [[ -z "${stopped}" ]]; then
  show_server_log
  die "the server did not stop within 30 s of SIGTERM"
fi
server_status=0
wait "${server_pid}" || server_status=$?
server_pid=""
if [[ "${server_status}" -ne 0 ]]; then
  show_server_log
  echo "http_bench: warning: the server exited with status ${server_status}" >&2
fi

after="$(count_contacts)" || die "cannot count contacts after the run"
after="${after//[[:space:]]/}"
present=$(( after - baseline ))
echo "durable: ${present} of ${acked} acknowledged contacts present"
# More rows than acknowledgements is fine: wrk stops with requests in flight whose answers it
# never read. Fewer means an acknowledged contact was lost.
if (( present < acked )); then
  echo "http_bench: LOST $(( acked - present )) acknowledged contacts" >&2
  exit 1
fi
