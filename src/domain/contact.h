// A hotline contact: one call, chat, e-mail or visit, as the consultant logged it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

// What the consultant submits. Codes come from domain/codes.h.
struct ContactInput {
  std::string channel;
  UnixMillis started_at = 0;
  std::int32_t duration_s = 0;
  std::string caller_type;
  bool anonymous = true;
  std::string language;  // ISO 639-1
  std::string summary;   // free text: sealed at rest, may be empty
};

struct Contact {
  std::string id;
  std::string org_id;
  std::string created_by;  // user id
  UnixMillis created_at = 0;
  std::string code_version;  // version of the code lists the contact was coded with
  ContactInput data;
};

inline constexpr std::int32_t kMaxContactDurationS = 24 * 60 * 60;
inline constexpr std::size_t kMaxSummaryBytes = 20000;

// Checks codes and ranges. `now` bounds started_at (at most 5 minutes in the future, not before
// 2000-01-01). Fails with InvalidArgument naming the first offending field.
[[nodiscard]] Status validateContact(const ContactInput& input, UnixMillis now);

}  // namespace strada::domain
