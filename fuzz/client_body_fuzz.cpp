// libFuzzer target for a client's body (POST/PUT /api/v1/clients, and the client part of a new
// case): the decoders of its person and coded fields (api/cases_json.h: readPerson, readCoded),
// read as the route reads them (both the create and the update form), then the client rules
// (domain/client.h: validateClientPerson, validateClientCoded, normaliseName). Build and run:
// see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>

#include "api/cases_json.h"
#include "domain/client.h"
#include "domain/encoding.h"

namespace {

// 2026-01-01T00:00:00Z: the clock the rules check against, so that a seed stays valid.
constexpr strada::domain::UnixMillis kNow = 1767225600000;

void checkError(const strada::domain::Error& error) {
  if (error.message.empty() || error.field.size() > 128 ||
      !strada::domain::isValidUtf8(error.field)) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  std::int32_t version = 0;
  for (std::int32_t* v : {static_cast<std::int32_t*>(nullptr), &version}) {
    // As api/clients.cpp decodeClient reads it.
    strada::api::JsonFields in(body);
    std::tuple<strada::domain::ClientPerson, strada::domain::ClientCoded> client;
    strada::api::readPerson(in.object("person", true), std::get<0>(client));
    strada::api::readCoded(in.object("coded", true), std::get<1>(client));
    if (v != nullptr) {
      in.version(*v);
    }
    auto decoded = in.finish(std::move(client));
    if (!decoded) {
      if (decoded.error().code != strada::domain::ErrorCode::kInvalidArgument) {
        __builtin_trap();
      }
      checkError(decoded.error());
      continue;
    }
    const auto& [person, coded] = *decoded;
    if (person.full_name.size() > std::size_t{4} * 200 || person.phones.size() > 10 ||
        person.id_documents.size() > 10 || (v != nullptr && *v < 1)) {
      __builtin_trap();
    }
    if (auto valid = strada::domain::validateClientPerson(person, kNow); !valid) {
      checkError(valid.error());
    }
    if (auto valid = strada::domain::validateClientCoded(coded, kNow); !valid) {
      checkError(valid.error());
    }
    (void)strada::domain::normaliseName(person.full_name);
  }
  return 0;
}
