// A hotline contact: one call, chat, e-mail or visit, as the consultant logged it.
//
// Two kinds (shared/standards/hotline-taxonomy.md): a data contact is about a person or a
// situation and carries the coded fields below; a non-data contact (silent, hang-up, wrong
// number, prank, abusive, test, missed) is counted with its one code and carries no content.
// A contact may be saved as a draft during the call and finalised after it; only a final data
// contact must have its category, caller type and language.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

inline constexpr std::string_view kStatusDraft = "draft";
inline constexpr std::string_view kStatusFinal = "final";
inline constexpr std::string_view kKindData = "data";
inline constexpr std::string_view kKindNonData = "non_data";

// What the consultant submits. Codes come from the lists of domain/codes.h named in comments.
struct ContactInput {
  std::string status = std::string(kStatusFinal);  // draft | final
  std::string kind = std::string(kKindData);       // contact_kind
  std::string non_data_type;                       // non_data_type (non-data contacts only)
  std::string channel;                             // channel
  UnixMillis started_at = 0;
  std::int32_t duration_s = 0;

  // Data contacts only.
  std::string category;             // category
  std::string caller_type;          // caller_type (the caller's role)
  bool anonymous = true;            // the default: no identifying field is ever required
  std::string caller_gender;        // gender (HTCDS prs_Gender)
  std::string caller_age_band;      // age_band
  std::string language;             // language (ISO 639-1)
  std::string caller_country;       // country
  std::string caller_region;        // free text, at most 100 characters (a province, a region)
  std::string destination_country;  // country: where the caller goes or was exploited
  std::vector<std::string> exploitation;  // exploitation (HTCDS TypeOfExploitation)
  std::vector<std::string> industry;      // industry (HTCDS ForcedLabourIndustry, ISIC)
  std::vector<std::string> indicators;    // indicator (ILO/EC dimensions)
  bool imminent_danger = false;
  std::vector<std::string> assistance;           // assistance: what the consultant gave
  std::vector<std::string> referral_agency_ids;  // agencies in the directory
  std::string outcome;                           // outcome
  bool follow_up_needed = false;
  std::optional<UnixMillis> follow_up_due;  // required when follow_up_needed
  std::string summary;                      // free text: sealed at rest, may be empty
  std::string caller_identifier;  // phone number or handle: sealed + blind index, may be empty
};

struct Contact {
  std::string id;
  std::string org_id;
  std::string created_by;  // user id: the consultant
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::optional<UnixMillis> finalised_at;
  std::optional<UnixMillis> follow_up_done_at;
  std::int32_t version = 1;  // optimistic concurrency for updates
  std::string code_version;  // version of the code lists the contact was coded with
  ContactInput data;
};

inline constexpr std::int32_t kMaxContactDurationS = 24 * 60 * 60;
inline constexpr std::size_t kMaxSummaryBytes = 20000;
inline constexpr std::size_t kMaxRegionBytes = 100;
inline constexpr std::size_t kMaxCallerIdentifierBytes = 100;
inline constexpr std::size_t kMaxMultiCodes = 20;

// Checks codes, ranges and the rules of kind and status. `now` bounds started_at (at most 5
// minutes in the future, not before 2000-01-01). Fails with InvalidArgument naming the first
// offending field (JSON name, e.g. "category", "exploitation").
[[nodiscard]] Status validateContact(const ContactInput& input, UnixMillis now);

// The form a caller identifier is matched in. A phone number (only digits, spaces, "+", "-", ".",
// "(" and ")") becomes E.164 ("+31612345678"), read as a number of `default_region` (ISO 3166-1
// alpha-2, the organisation's country) when it has no country code: "0031 6 1234 5678",
// "06-12345678" and "+31 6 12345678" are one caller in the Netherlands. A number libphonenumber
// cannot read keeps a leading "+" and its digits ("+311" -> "+311"). Anything else (a handle, an
// e-mail) is trimmed and lower-cased (ASCII). Empty when nothing is left.
std::string normaliseCallerIdentifier(std::string_view raw, std::string_view default_region);

}  // namespace strada::domain
