#!/usr/bin/env bash
# scripts/clang-tidy.sh — clang-tidy 14 (.clang-tidy: bugprone, performance, naming) over our code.
#
#   scripts/clang-tidy.sh [-j N] [--tests] [--log FILE] [REGEX...]
#
#   -j N      clang-tidy processes in parallel (default 2). On a shared 2-core machine run it as
#             `nice -n 19 scripts/clang-tidy.sh -j1`.
#   --tests   also check tests/ (default: src/ only).
#   --log F   keep clang-tidy's full output in F (default build/tidy/clang-tidy.log).
#   CLANG_TIDY=path  another clang-tidy binary (e.g. a wrapper that times each unit).
#   REGEX     only the translation units whose absolute path matches one of these (Python
#             regexes), e.g. 'src/http/'. Default: every file of src/ (and tests/).
#
# Prints the findings, then a summary per check and per file (a finding in a header seen from
# several translation units counts once). Exits 1 on any finding or on a translation unit that
# clang cannot parse, 0 when clean, 2 when the tools are missing.
#
# How it builds its compilation database:
# - build/tidy is its own build dir (CMake, Ninja, Debug); nothing is compiled there.
# - The generated sources (build/tidy/src/domain/embedded*.cpp from codes/*.tsv,
#   build/tidy/src/store/migrations_embedded.cpp) are data tables written by cmake -P scripts, and
#   no file includes them: they are left out of the run (only paths under src/ and tests/ of this
#   checkout are checked), so they need not be generated. bench/ and fuzz/ are not checked.
#
# clang 14 and our g++ 12 build (checked on every translation unit):
# - clang 14 parses all of src/ with libstdc++ 12, C++20 coroutines and Asio's awaitables
#   included (-std=c++20 comes from the compilation database). The only trouble is the command
#   line: our targets pass g++-only warning flags (-Wno-error=restrict,
#   -Wno-error=maybe-uninitialized, see CMakeLists.txt) that clang rejects as "unknown warning
#   option", an error under -Werror. -extra-arg=-Wno-unknown-warning-option silences exactly that;
#   no other argument is needed and no file of src/ is left out.
# - tests/: clang 14 does not implement capturing structured bindings in lambdas (C++20,
#   P1091R3/P1381R1; clang 16 does, g++ 12 does), so `auto [id, marker] = ...;` then
#   `[&] { use(id); }` is a compile error for clang 14 (tests/integration/agency_test.cpp and
#   tests/store/contact_queries_test.cpp when this was written). Those files are still checked
#   (clang recovers, the rest of the file is analysed) and the errors are reported as "clang 14
#   cannot compile", so --tests fails until the lambdas capture a copy by name
#   (`[&, id = id]`), which both compilers take. Leaving the files out instead would hide them.
# - With our -Werror, clang's own warnings are errors here too (clang-diagnostic-*; the fuzzers
#   are built with clang 14, so they are worth fixing).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

jobs=2
with_tests=0
log=build/tidy/clang-tidy.log
patterns=()
while (($#)); do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    --tests) with_tests=1; shift ;;
    --log) log=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "clang-tidy.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) patterns+=("$1"); shift ;;
  esac
done

for tool in clang-tidy-14 run-clang-tidy-14 cmake ninja python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "clang-tidy.sh: $tool is missing (Debian 12: apt-get install clang-tidy-14 cmake ninja-build)" >&2
    exit 2
  fi
done

mkdir -p build
if ! cmake -S . -B build/tidy -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
    -DCMAKE_BUILD_TYPE=Debug >build/tidy.configure.log 2>&1; then
  cat build/tidy.configure.log >&2
  echo "clang-tidy.sh: cmake could not configure build/tidy; see above." >&2
  exit 2
fi

# Paths are matched as regexes: escape the checkout's path.
root_re=$(printf '%s' "$root" | sed 's/[][\.*^$+?(){}|]/\\&/g')
dirs='src'
((with_tests)) && dirs='(src|tests)'
if ((${#patterns[@]})); then
  files=("${patterns[@]}")
else
  files=("^$root_re/$dirs/")
fi
# A pattern picks translation units; restrict them to our sources whatever the pattern says.
mapfile -t units < <(python3 - "$root" "$with_tests" "${files[@]}" <<'EOF'
import json, re, sys
root, with_tests, pats = sys.argv[1], sys.argv[2] == "1", [re.compile(p) for p in sys.argv[3:]]
ours = [root + "/src/"] + ([root + "/tests/"] if with_tests else [])
for entry in json.load(open("build/tidy/compile_commands.json")):
    f = entry["file"]
    if any(f.startswith(o) for o in ours) and any(p.search(f) for p in pats):
        print(f)
EOF
)
if ((${#units[@]} == 0)); then
  echo "clang-tidy.sh: no translation unit matches ${files[*]}" >&2
  exit 2
fi
# run-clang-tidy takes regexes: anchor each chosen file exactly.
unit_res=()
for u in "${units[@]}"; do
  unit_res+=("^$(printf '%s' "$u" | sed 's/[][\.*^$+?(){}|]/\\&/g')\$")
done

echo "clang-tidy 14 over ${#units[@]} translation units, -j$jobs (log: $log)"
start=$(date +%s)
mkdir -p "$(dirname "$log")"
run-clang-tidy-14 -clang-tidy-binary "${CLANG_TIDY:-$(command -v clang-tidy-14)}" -p build/tidy -quiet \
  -j "$jobs" -header-filter="^$root_re/$dirs/" -extra-arg=-Wno-unknown-warning-option \
  "${unit_res[@]}" >"$log" 2>&1
tidy_rc=$?
elapsed=$(($(date +%s) - start))

python3 - "$log" "$root" "$tidy_rc" "$elapsed" <<'EOF'
import collections, re, sys
log, root, tidy_rc, elapsed = sys.argv[1], sys.argv[2] + "/", int(sys.argv[3]), int(sys.argv[4])
diag = re.compile(r"^(?:(/[^:]+):(\d+):(\d+): )?(warning|error): (.*) \[([^\]]+)\]$")
ansi = re.compile(r"\x1b\[[0-9;]*m")  # run-clang-tidy 14 always passes --use-color
seen, lines = set(), []
for line in open(log, errors="replace"):
    m = diag.match(ansi.sub("", line).rstrip("\n"))
    if not m:
        continue
    path, row, col, _, text, checks = m.groups()
    path, row, col = path or "<command line>", row or 0, col or 0
    check = checks.split(",")[0]
    key = (path, int(row), int(col), check)
    if key in seen:
        continue
    seen.add(key)
    lines.append((path, int(row), int(col), check, text))
lines.sort()
per_check = collections.Counter(c for _, _, _, c, _ in lines)
per_file = collections.Counter(p for p, _, _, _, _ in lines)
for path, row, col, check, text in lines:
    print(f"{path.removeprefix(root)}:{row}:{col}: {text} [{check}]")
print(f"\n{len(lines)} findings in {len(per_file)} files ({elapsed} s)")
if lines:
    print("\nper check:")
    for check, n in sorted(per_check.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:5}  {check}")
    print("\nper file:")
    for path, n in sorted(per_file.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:5}  {path.removeprefix(root)}")
broken = sorted({p for p, _, _, c, _ in lines if c == "clang-diagnostic-error"})
if broken:
    print("\nclang 14 cannot compile part of (see clang-diagnostic-error above):")
    for path in broken:
        print(f"  {path.removeprefix(root)}")
if tidy_rc != 0 and not lines:
    print(f"clang-tidy failed without a finding (exit {tidy_rc}); see {log}", file=sys.stderr)
sys.exit(1 if lines or tidy_rc != 0 else 0)
EOF
