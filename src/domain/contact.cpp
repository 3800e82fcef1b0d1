#include "domain/contact.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

#include "domain/codes.h"
#include "domain/ids.h"

namespace strada::domain {
namespace {

// 2000-01-01T00:00:00Z: no hotline record in Strada predates it.
constexpr UnixMillis kEarliestStart = 946684800000;
constexpr UnixMillis kFutureSlack = UnixMillis{5} * 60 * 1000;

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

bool hasControlChars(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

const CodeList& list(std::string_view name) { return *findCodeList(name); }

// A single code: empty is allowed unless `required`.
Status checkCode(std::string_view list_name, const std::string& value, const char* field,
                 bool required, const char* message) {
  if (value.empty()) {
    if (required) {
      return invalidField(field, "This field is required.");
    }
    return {};
  }
  if (!list(list_name).contains(value)) {
    return invalidField(field, message);
  }
  return {};
}

Status checkCodes(std::string_view list_name, const std::vector<std::string>& values,
                  const char* field) {
  if (values.size() > kMaxMultiCodes) {
    return invalidField(field, "Choose at most 20.");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!list(list_name).contains(values[i])) {
      return invalidField(field, "Choose each value from the list.");
    }
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      return invalidField(field, "Each value may appear once.");
    }
  }
  return {};
}

// A non-data contact carries no content: naming the first data field that was filled in.
const char* firstDataField(const ContactInput& c) {
  if (!c.category.empty()) return "category";
  if (!c.caller_type.empty()) return "caller_type";
  if (!c.caller_gender.empty()) return "caller_gender";
  if (!c.caller_age_band.empty()) return "caller_age_band";
  if (!c.language.empty()) return "language";
  if (!c.caller_country.empty()) return "caller_country";
  if (!c.caller_region.empty()) return "caller_region";
  if (!c.destination_country.empty()) return "destination_country";
  if (!c.exploitation.empty()) return "exploitation";
  if (!c.industry.empty()) return "industry";
  if (!c.indicators.empty()) return "indicators";
  if (c.imminent_danger) return "imminent_danger";
  if (!c.assistance.empty()) return "assistance";
  if (!c.referral_agency_ids.empty()) return "referral_agency_ids";
  if (!c.outcome.empty()) return "outcome";
  if (c.follow_up_needed || c.follow_up_due) return "follow_up_needed";
  if (!c.summary.empty()) return "summary";
  return nullptr;
}

// A leading "+" and the digits: the form of a number libphonenumber cannot read.
std::string digitsOf(std::string_view raw) {
  std::string out;
  if (raw.front() == '+') {
    out.push_back('+');
  }
  for (char ch : raw) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      out.push_back(ch);
    }
  }
  return out == "+" ? std::string() : out;
}

// E.164 when libphonenumber reads `raw` (non-empty, phone-like) as a number of `region`, or
// written with its country code; digitsOf(raw) otherwise. Only parsing is asked, never whether
// the number is valid: two writings of one number must give one form even when it is short.
std::string normalisePhoneNumber(std::string_view raw, std::string_view region) {
  using i18n::phonenumbers::PhoneNumberUtil;
  std::string fallback = digitsOf(raw);
  if (fallback.empty()) {
    return fallback;
  }
  std::string upper_region(region.size() == 2 ? region : "ZZ");
  std::transform(upper_region.begin(), upper_region.end(), upper_region.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  i18n::phonenumbers::PhoneNumber number;
  if (util.Parse(std::string(raw), upper_region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return fallback;
  }
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164.size() > 1 ? e164 : fallback;
}

}  // namespace

Status validateContact(const ContactInput& c, UnixMillis now) {
  if (c.status != kStatusDraft && c.status != kStatusFinal) {
    return invalidField("status", "Use draft or final.");
  }
  if (auto s = checkCode("contact_kind", c.kind, "kind", true, "Use data or non_data."); !s) {
    return s;
  }
  if (auto s = checkCode("channel", c.channel, "channel", true,
                         "Choose a channel from the list (phone, chat, e-mail, ...).");
      !s) {
    return s;
  }
  if (c.started_at < kEarliestStart) {
    return invalidField("started_at", "The start time must be after 1 January 2000.");
  }
  if (c.started_at > now + kFutureSlack) {
    return invalidField("started_at",
                        "The start time is in the future. Check the date and the time.");
  }
  if (c.duration_s < 0 || c.duration_s > kMaxContactDurationS) {
    return invalidField("duration_s", "The duration must be between 0 seconds and 24 hours.");
  }
  if (c.caller_identifier.size() > kMaxCallerIdentifierBytes ||
      hasControlChars(c.caller_identifier) || !isValidUtf8(c.caller_identifier)) {
    return invalidField("caller_identifier",
                        "Give a phone number or a handle of at most 100 characters.");
  }

  if (c.kind == kKindNonData) {
    if (auto s = checkCode("non_data_type", c.non_data_type, "non_data_type", true,
                           "Choose what kind of non-data contact it was.");
        !s) {
      return s;
    }
    if (const char* field = firstDataField(c); field != nullptr) {
      return invalidField(field,
                          "A non-data contact carries no content: leave this empty, or "
                          "log it as a data contact.");
    }
    return {};
  }

  if (!c.non_data_type.empty()) {
    return invalidField("non_data_type", "Only a non-data contact has a non-data type.");
  }
  const bool final = c.status == kStatusFinal;
  if (auto s =
          checkCode("category", c.category, "category", final, "Choose a category from the list.");
      !s) {
    return s;
  }
  if (auto s = checkCode("caller_type", c.caller_type, "caller_type", final,
                         "Choose who contacted the hotline from the list.");
      !s) {
    return s;
  }
  if (auto s = checkCode("gender", c.caller_gender, "caller_gender", false,
                         "Choose a gender from the list.");
      !s) {
    return s;
  }
  if (auto s = checkCode("age_band", c.caller_age_band, "caller_age_band", false,
                         "Choose an age band from the list.");
      !s) {
    return s;
  }
  if (auto s = checkCode("language", c.language, "language", final,
                         "Use an ISO 639-1 two-letter language code, such as en.");
      !s) {
    return s;
  }
  if (auto s = checkCode("country", c.caller_country, "caller_country", false,
                         "Use an ISO 3166-1 two-letter country code, such as NL.");
      !s) {
    return s;
  }
  if (c.caller_region.size() > kMaxRegionBytes || hasControlChars(c.caller_region) ||
      !isValidUtf8(c.caller_region)) {
    return invalidField("caller_region", "Give the region in at most 100 characters.");
  }
  if (auto s = checkCode("country", c.destination_country, "destination_country", false,
                         "Use an ISO 3166-1 two-letter country code, such as DE.");
      !s) {
    return s;
  }
  if (auto s = checkCodes("exploitation", c.exploitation, "exploitation"); !s) {
    return s;
  }
  if (auto s = checkCodes("industry", c.industry, "industry"); !s) {
    return s;
  }
  if (auto s = checkCodes("indicator", c.indicators, "indicators"); !s) {
    return s;
  }
  if (auto s = checkCodes("assistance", c.assistance, "assistance"); !s) {
    return s;
  }
  if (c.referral_agency_ids.size() > kMaxMultiCodes ||
      !std::all_of(c.referral_agency_ids.begin(), c.referral_agency_ids.end(), isIdShaped)) {
    return invalidField("referral_agency_ids", "Choose the agencies from the directory.");
  }
  if (auto s =
          checkCode("outcome", c.outcome, "outcome", false, "Choose an outcome from the list.");
      !s) {
    return s;
  }
  if (c.follow_up_needed && !c.follow_up_due) {
    return invalidField("follow_up_due", "Give the date by which to follow up.");
  }
  if (!c.follow_up_needed && c.follow_up_due) {
    return invalidField("follow_up_due", "A due date needs follow_up_needed set to true.");
  }
  if (c.follow_up_due && *c.follow_up_due < c.started_at) {
    return invalidField("follow_up_due", "The follow-up cannot be due before the contact.");
  }
  if (c.summary.size() > kMaxSummaryBytes) {
    return invalidField("summary", "The summary is too long: keep it under 20,000 characters.");
  }
  if (!isValidUtf8(c.summary)) {
    return invalidField("summary", "The summary contains characters that are not valid text.");
  }
  return {};
}

std::string normaliseCallerIdentifier(std::string_view raw, std::string_view default_region) {
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) {
    raw.remove_prefix(1);
  }
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) {
    raw.remove_suffix(1);
  }
  const bool phone_like = !raw.empty() && std::all_of(raw.begin(), raw.end(), [](char ch) {
    return std::isdigit(static_cast<unsigned char>(ch)) || ch == ' ' || ch == '+' || ch == '-' ||
           ch == '.' || ch == '(' || ch == ')';
  });
  if (phone_like) {
    return normalisePhoneNumber(raw, default_region);
  }
  std::string out;
  out.reserve(raw.size());
  for (char ch : raw) {
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  }
  return out;
}

}  // namespace strada::domain
