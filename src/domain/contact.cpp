#include "domain/contact.h"

#include "domain/codes.h"

namespace strada::domain {
namespace {

// 2000-01-01T00:00:00Z: no hotline record in Strada predates it.
constexpr UnixMillis kEarliestStart = 946684800000;
constexpr UnixMillis kFutureSlack = 5 * 60 * 1000;

bool isValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80) {
      n = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      n = 1;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      n = 3;
    } else {
      return false;
    }
    if (n > 0 && i + n >= s.size()) {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    i += n + 1;
  }
  return true;
}

}  // namespace

Status validateContact(const ContactInput& input, UnixMillis now) {
  if (!channelCodes().contains(input.channel)) {
    return invalidField("channel", "Choose a channel from the list (phone, chat, e-mail, ...).");
  }
  if (input.started_at < kEarliestStart) {
    return invalidField("started_at", "The start time must be after 1 January 2000.");
  }
  if (input.started_at > now + kFutureSlack) {
    return invalidField("started_at",
                        "The start time is in the future. Check the date and the time.");
  }
  if (input.duration_s < 0 || input.duration_s > kMaxContactDurationS) {
    return invalidField("duration_s", "The duration must be between 0 seconds and 24 hours.");
  }
  if (!callerTypeCodes().contains(input.caller_type)) {
    return invalidField("caller_type", "Choose who contacted the hotline from the list.");
  }
  if (!languageCodes().contains(input.language)) {
    return invalidField("language", "Use an ISO 639-1 two-letter language code, such as en.");
  }
  if (input.summary.size() > kMaxSummaryBytes) {
    return invalidField("summary", "The summary is too long: keep it under 20,000 characters.");
  }
  if (!isValidUtf8(input.summary)) {
    return invalidField("summary", "The summary contains characters that are not valid text.");
  }
  return {};
}

}  // namespace strada::domain
