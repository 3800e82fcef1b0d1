#!/usr/bin/env bash
# Installs what Strada needs from Debian 12 and the npm registry, and nothing that is already there.
# Usage: scripts/install-deps.sh [--test]   (--test adds what ./test needs: PostgreSQL, Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev libexpected-dev libspdlog-dev
  libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev libxlsxwriter-dev
  liboath-dev libqrencode-dev libcmark-dev lld
  tzdata libphonenumber8 libprotobuf-dev libabsl-dev)  # tzdata: the CSV export's local times
# Node.js: the machine's own (20.19 or newer, with npm) is used when present; Debian's nodejs and
# npm are the fallback (a Node.js with npm bundled conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql-15 postgresql-client-15 chromium clang-format clang-tidy wrk)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "strada: installing packages needs root. Run as root, or install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# libphonenumber-dev: Debian 12's package depends on libboost-thread-dev, which pulls Boost 1.74 and
# conflicts with the Boost 1.81 above. Its headers and libphonenumber.so link need no Boost (the
# library is built without it), so they are unpacked into /usr/local from the same Debian package;
# the library itself (libphonenumber8) and the headers it includes (protobuf, abseil) come from apt.
if [[ ! -f /usr/local/include/phonenumbers/phonenumberutil.h ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "strada: unpacking libphonenumber-dev needs root. Run as root." >&2
    exit 1
  fi
  echo "Unpacking libphonenumber-dev's headers into /usr/local"
  tmp=$(mktemp -d)
  # apt-get download needs the package lists: refresh them once when the first try finds nothing.
  if ! (cd "$tmp" && apt-get download -q libphonenumber-dev >/dev/null 2>&1); then
    apt-get update -q >/dev/null
    (cd "$tmp" && apt-get download -q libphonenumber-dev >/dev/null) || {
      echo "strada: could not download libphonenumber-dev from Debian's archive." >&2
      exit 1
    }
  fi
  (cd "$tmp" && dpkg-deb -x libphonenumber-dev_*.deb root)
  mkdir -p /usr/local/include /usr/local/lib
  cp -r "$tmp/root/usr/include/phonenumbers" /usr/local/include/
  ln -sf "$(ls /usr/lib/*/libphonenumber.so.8 | head -n1)" /usr/local/lib/libphonenumber.so
  rm -rf "$tmp"
fi

# npm packages: install when node_modules is missing or older than the lock file.
npm_install() {
  local dir=$1
  [[ -f "$dir/package-lock.json" ]] || return 0
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    echo "Installing npm packages in $dir"
    # npm ci refuses a lock without an optional dependency the registry does not serve (Vite 8
    # names napi-windows-process-start-time); npm install then takes the same locked versions.
    (cd "$dir" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
      npm install --no-audit --no-fund --loglevel=error; })
  fi
}
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 20)); then
  echo "strada: the web UI needs Node.js 20.19 or newer (found $(node --version))." >&2
  exit 1
fi
npm_install web
if [[ "${1:-}" == "--test" ]]; then
  npm_install tests/browser
fi
