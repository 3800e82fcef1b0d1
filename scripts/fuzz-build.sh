#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang 14 (libFuzzer, ASan, UBSan), each linked with
# only the sources of the parser it drives (listed below), into build/fuzz/ (or $FUZZ_OUT).
#
#   scripts/fuzz-build.sh               # every target
#   scripts/fuzz-build.sh json_input    # one or more targets by name
#
# The objects are shared between targets and rebuilt when their source is newer. Run the long
# fuzzing with scripts/fuzz-long.sh; the corpora are replayed under g++ by ./test.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_OUT:-$root/build/fuzz}"
cxx="${CXX_FUZZ:-clang++-14}"
flags=(-std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined
       -fno-sanitize-recover=undefined -I"$root/src" -I"$out/gen")

# The sources (relative to src/) of each target besides fuzz/<name>_fuzz.cpp, and its libraries.
declare -A sources libs
sources[request_target]="http/parse.cpp domain/error.cpp"
libs[request_target]="-lboost_url"
sources[json_input]="api/json_input.cpp domain/encoding.cpp domain/error.cpp domain/time.cpp"
libs[json_input]="-lboost_json"
sources[list_query]="api/contact_list_query.cpp api/keyset.cpp api/handler.cpp \
  http/parse.cpp http/message.cpp crypto/crypto.cpp domain/codes.cpp domain/country_names.cpp \
  domain/ids.cpp domain/time.cpp domain/error.cpp domain/embedded_tables.cpp \
  domain/encoding.cpp observe/log.cpp gen/embeddedHotlineCodes.cpp \
  gen/embeddedLanguageCodes.cpp gen/embeddedCountryNames.cpp"
libs[list_query]="-lboost_url -lboost_json -lsodium -lspdlog -lfmt"
sources[cookie]="http/message.cpp http/parse.cpp crypto/crypto.cpp domain/encoding.cpp \
  domain/error.cpp"
libs[cookie]="-lboost_url -lboost_json -lsodium"
sources[envelope]="network/envelope.cpp crypto/crypto.cpp crypto/public_key.cpp crypto/secret.cpp \
  domain/encoding.cpp domain/error.cpp"
libs[envelope]="-lboost_json -lsodium"
sources[telephony_event]="api/telephony_event.cpp api/json_input.cpp crypto/crypto.cpp \
  domain/encoding.cpp domain/time.cpp domain/error.cpp"
libs[telephony_event]="-lboost_json -lsodium"
sources[report_import]="reports/report_import_csv.cpp reports/report_definition.cpp domain/codes.cpp \
  domain/country_names.cpp domain/embedded_tables.cpp domain/encoding.cpp domain/time.cpp \
  domain/error.cpp gen/embeddedHotlineCodes.cpp gen/embeddedLanguageCodes.cpp \
  gen/embeddedCountryNames.cpp"
libs[report_import]=""
sources[contact_body]="api/contact_codec.cpp api/json_input.cpp domain/contact.cpp domain/codes.cpp \
  domain/country_names.cpp domain/embedded_tables.cpp domain/encoding.cpp domain/ids.cpp \
  domain/time.cpp domain/error.cpp gen/embeddedHotlineCodes.cpp gen/embeddedLanguageCodes.cpp \
  gen/embeddedCountryNames.cpp"
libs[contact_body]="-lboost_json -lphonenumber"
sources[client_body]="api/cases_decode.cpp api/json_input.cpp domain/client.cpp domain/codes.cpp \
  domain/country_names.cpp domain/embedded_tables.cpp domain/encoding.cpp domain/time.cpp \
  domain/error.cpp gen/embeddedHotlineCodes.cpp gen/embeddedLanguageCodes.cpp \
  gen/embeddedCountryNames.cpp"
libs[client_body]="-lboost_json"
all_targets=(request_target json_input list_query cookie envelope telephony_event report_import
             contact_body client_body)

mkdir -p "$out/obj" "$out/gen"
# The code lists compiled into the domain library (src/CMakeLists.txt strada_embed_codes).
for pair in hotline-codes.tsv:embeddedHotlineCodes languages.tsv:embeddedLanguageCodes \
            country-names.tsv:embeddedCountryNames; do
  cmake -DINPUT="$root/codes/${pair%%:*}" -DOUTPUT="$out/gen/${pair##*:}.cpp" \
        -DFUNCTION="${pair##*:}" -P "$root/src/domain/embed_text.cmake"
done

object_of() {  # compiles one source (relative to src/, or gen/...) unless its object is current
  local src="$1" path obj
  case "$src" in
    gen/*) path="$out/$src" ;;
    *) path="$root/src/$src" ;;
  esac
  obj="$out/obj/${src//\//_}.o"
  if [[ ! -f "$obj" || "$path" -nt "$obj" ]]; then
    "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$path" -o "$obj" >&2
  fi
  echo "$obj"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ -n "${sources[$t]+x}" ]] || { echo "unknown fuzz target: $t" >&2; exit 2; }
  objs=()
  for s in ${sources[$t]}; do
    objs+=("$(object_of "$s")")
  done
  echo "linking $out/${t}_fuzz" >&2
  # shellcheck disable=SC2086  # libs[] is a list of flags
  "$cxx" "${flags[@]}" -fsanitize=fuzzer "$root/fuzz/${t}_fuzz.cpp" "${objs[@]}" ${libs[$t]} \
    -o "$out/${t}_fuzz"
done
