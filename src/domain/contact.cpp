#include "domain/contact.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/codes.h"
#include "domain/encoding.h"
#include "domain/ids.h"

namespace strada::domain {
namespace {

// 2000-01-01T00:00:00Z: no hotline record in Strada predates it.
constexpr UnixMillis kEarliestStart = 946684800000;
constexpr UnixMillis kFutureSlack = UnixMillis{5} * 60 * 1000;

bool hasControlChars(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

const CodeList& list(std::string_view name) { return *findCodeList(name); }

// When a coded field may not be left empty.
enum class Needed { kNever, kWhenFinal, kAlways };

// A coded field that holds one code: the list it comes from, when it is needed, and what to tell
// the user when the code is not on the list.
struct SingleCode {
  std::string_view list;
  std::string ContactInput::*value;
  const char* field;
  Needed needed;
  const char* message;
};

// A coded field that holds several codes from one list, each at most once.
struct MultiCode {
  std::string_view list;
  std::vector<std::string> ContactInput::*values;
  const char* field;
};

// The coded fields of a data contact, in the order they are checked (the caller's region, free
// text, is checked between the caller's country and the destination).
constexpr std::array<SingleCode, 6> kCallerCodes = {{
    {"category", &ContactInput::category, "category", Needed::kWhenFinal,
     "Choose a category from the list."},
    {"caller_type", &ContactInput::caller_type, "caller_type", Needed::kWhenFinal,
     "Choose who contacted the hotline from the list."},
    {"gender", &ContactInput::caller_gender, "caller_gender", Needed::kNever,
     "Choose a gender from the list."},
    {"age_band", &ContactInput::caller_age_band, "caller_age_band", Needed::kNever,
     "Choose an age band from the list."},
    {"language", &ContactInput::language, "language", Needed::kWhenFinal,
     "Use an ISO 639-1 two-letter language code, such as en."},
    {"country", &ContactInput::caller_country, "caller_country", Needed::kNever,
     "Use an ISO 3166-1 two-letter country code, such as NL."},
}};
constexpr SingleCode kDestinationCode = {"country", &ContactInput::destination_country,
                                         "destination_country", Needed::kNever,
                                         "Use an ISO 3166-1 two-letter country code, such as DE."};
constexpr std::array<MultiCode, 4> kSituationCodes = {{
    {"exploitation", &ContactInput::exploitation, "exploitation"},
    {"industry", &ContactInput::industry, "industry"},
    {"indicator", &ContactInput::indicators, "indicators"},
    {"assistance", &ContactInput::assistance, "assistance"},
}};
constexpr SingleCode kOutcomeCode = {"outcome", &ContactInput::outcome, "outcome", Needed::kNever,
                                     "Choose an outcome from the list."};

// One code of `c`: empty is allowed unless `code` is needed.
Status checkCode(const ContactInput& c, const SingleCode& code) {
  const std::string& value = c.*code.value;
  if (value.empty()) {
    if (code.needed == Needed::kAlways ||
        (code.needed == Needed::kWhenFinal && c.status == kStatusFinal)) {
      return invalidField(code.field, "This field is required.");
    }
    return {};
  }
  if (!list(code.list).contains(value)) {
    return invalidField(code.field, code.message);
  }
  return {};
}

Status checkCodes(const ContactInput& c, const MultiCode& code) {
  const std::vector<std::string>& values = c.*code.values;
  if (values.size() > kMaxMultiCodes) {
    return invalidField(code.field, "Choose at most 20.");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!list(code.list).contains(values[i])) {
      return invalidField(code.field, "Choose each value from the list.");
    }
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      return invalidField(code.field, "Each value may appear once.");
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

// What every contact has: its status, kind, channel, time, duration and caller identifier.
Status checkEveryContact(const ContactInput& c, UnixMillis now) {
  if (c.status != kStatusDraft && c.status != kStatusFinal) {
    return invalidField("status", "Use draft or final.");
  }
  if (auto s = checkCode(c, {"contact_kind", &ContactInput::kind, "kind", Needed::kAlways,
                             "Use data or non_data."});
      !s) {
    return s;
  }
  if (auto s = checkCode(c, {"channel", &ContactInput::channel, "channel", Needed::kAlways,
                             "Choose a channel from the list (phone, chat, e-mail, ...)."});
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
  return {};
}

// A non-data contact: its type, and no content at all.
Status checkNonDataContact(const ContactInput& c) {
  if (auto s = checkCode(c, {"non_data_type", &ContactInput::non_data_type, "non_data_type",
                             Needed::kAlways, "Choose what kind of non-data contact it was."});
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

// Who called a data contact in, and from where.
Status checkCallerFields(const ContactInput& c) {
  if (!c.non_data_type.empty()) {
    return invalidField("non_data_type", "Only a non-data contact has a non-data type.");
  }
  for (const SingleCode& code : kCallerCodes) {
    if (auto s = checkCode(c, code); !s) {
      return s;
    }
  }
  if (c.caller_region.size() > kMaxRegionBytes || hasControlChars(c.caller_region) ||
      !isValidUtf8(c.caller_region)) {
    return invalidField("caller_region", "Give the region in at most 100 characters.");
  }
  return checkCode(c, kDestinationCode);
}

// What the caller went through and what the hotline did: the situation's codes, the referral
// agencies and the outcome.
Status checkSituation(const ContactInput& c) {
  for (const MultiCode& code : kSituationCodes) {
    if (auto s = checkCodes(c, code); !s) {
      return s;
    }
  }
  if (c.referral_agency_ids.size() > kMaxMultiCodes ||
      !std::all_of(c.referral_agency_ids.begin(), c.referral_agency_ids.end(), isIdShaped)) {
    return invalidField("referral_agency_ids", "Choose the agencies from the directory.");
  }
  return checkCode(c, kOutcomeCode);
}

Status checkFollowUpAndSummary(const ContactInput& c) {
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

}  // namespace

Status validateContact(const ContactInput& c, UnixMillis now) {
  if (auto s = checkEveryContact(c, now); !s) {
    return s;
  }
  if (c.kind == kKindNonData) {
    return checkNonDataContact(c);
  }
  if (auto s = checkCallerFields(c); !s) {
    return s;
  }
  if (auto s = checkSituation(c); !s) {
    return s;
  }
  return checkFollowUpAndSummary(c);
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
