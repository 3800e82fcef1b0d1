// libFuzzer target for the contact body decoder (api/contact_codec.h) and the contact rules
// (domain/contact.h): the JSON a consultant's browser, or anyone holding a session, sends to
// POST/PUT /api/v1/contacts. Build and run: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/contact_codec.h"
#include "domain/contact.h"
#include "domain/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  std::int32_t version = 0;
  // Both forms: the create body, and the update body that must carry "version".
  for (std::int32_t* v : {static_cast<std::int32_t*>(nullptr), &version}) {
    auto decoded = strada::api::decodeContactInput(body, v);
    if (!decoded) {
      // Every refusal names a field or is about the whole body; it never echoes a long input.
      if (decoded.error().field.size() > 128 ||
          !strada::domain::isValidUtf8(decoded.error().field) || decoded.error().message.empty()) {
        __builtin_trap();
      }
      continue;
    }
    (void)strada::domain::validateContact(*decoded, strada::domain::nowMillis());
    (void)strada::domain::normaliseCallerIdentifier(decoded->caller_identifier, "NL");
  }
  return 0;
}
