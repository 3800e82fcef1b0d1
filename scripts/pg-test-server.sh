#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the store and integration tests.
#
#   scripts/pg-test-server.sh start DIR   creates a cluster in DIR, starts it on a free port of
#                                         127.0.0.1 and prints its admin URL as the last line:
#                                         postgresql://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-test-server.sh stop DIR    stops it and removes DIR
#
# Runs as root (CI) or as the postgres user. Authentication is "trust", so the server listens on
# 127.0.0.1 only and accepts no other host. fsync stays on: the tests check durability.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
cmd=$1
dir=$2
[[ -n "$dir" && "$dir" != "/" ]] || usage

# Runs a command as the postgres OS user (initdb and postgres refuse to run as root).
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_postgres() {
  if [[ -x "$PG_BIN/initdb" ]]; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "PostgreSQL 15 is missing ($PG_BIN/initdb): install postgresql-15 or run as root." >&2
    exit 1
  fi
  echo "Installing postgresql-15 ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 >&2
  # The package starts a cluster of its own on 5432; the tests do not need it.
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster 15 main stop >/dev/null 2>&1 || true
  fi
}

free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

start() {
  ensure_postgres
  if [[ -e "$dir/data/PG_VERSION" ]]; then
    echo "$dir already holds a cluster: stop it first ($0 stop $dir)." >&2
    exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
    chmod 700 "$dir"
    # The postgres user must be able to reach DIR through its parents.
    if ! runuser -u postgres -- test -x "$dir"; then
      echo "The postgres user cannot enter $dir: choose a folder under /tmp." >&2
      exit 1
    fi
  fi

  as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # Only TCP from 127.0.0.1; no other line, so every other client is refused.
  as_postgres tee "$dir/data/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER                    ADDRESS        METHOD
# One role that must give its password (the backup test: a password in the URL reaches pg_dump).
host    all       strada_password_check   127.0.0.1/32   scram-sha-256
host    all       all                     127.0.0.1/32   trust
EOF

  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    as_postgres tee "$dir/data/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
EOF
    if as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      >/dev/null 2>&1; then
      echo "postgresql://postgres@127.0.0.1:$port/postgres"
      return
    fi
    echo "PostgreSQL did not start on port $port (attempt $attempt); retrying." >&2
  done
  echo "PostgreSQL did not start; see $dir/server.log:" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
}

stop() {
  if [[ -e "$dir/data/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
