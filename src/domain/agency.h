// Partner agencies: the directory of places a hotline refers people to and receives them from.
// Pure values and validation; the address is plain text here and sealed above the store.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/codes.h"
#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

// The agency type and service lists are hotline code lists (codes/hotline-codes.tsv, which says
// how the types map onto HTCDS 2.0 org_Type): agencyTypeCodes() and agencyServiceCodes() in
// domain/codes.h.

// What an editor submits.
struct AgencyInput {
  std::string name;
  std::string type;     // agencyTypeCodes()
  std::string country;  // ISO 3166-1 alpha-2
  std::string city;
  std::string phone;                   // ^\+?[0-9 ()-]{3,30}$ or empty
  std::string email;                   // stored lower-case, or empty
  std::string website;                 // http:// or https:// URL, or empty
  std::vector<std::string> languages;  // ISO 639-1
  std::vector<std::string> services;   // agencyServiceCodes()
  std::string notes;
  std::string address;  // sealed at rest; may be empty
  bool address_confidential = false;
};

struct Agency {
  std::string id;
  std::string org_id;
  AgencyInput data;
  bool active = true;
  UnixMillis updated_at = 0;
  std::string updated_by;  // user id
  std::int32_t version = 1;
};

inline constexpr std::size_t kMaxAgencyNameBytes = 200;
inline constexpr std::size_t kMaxAgencyNotesBytes = 4000;
inline constexpr std::size_t kMaxAgencyAddressBytes = 500;

// Checks codes, shapes and lengths, and normalises (trims; lower-cases the e-mail). Fails with
// InvalidArgument naming the first offending field ("languages" / "services" for list entries).
[[nodiscard]] Status normaliseAgency(AgencyInput& input);

}  // namespace strada::domain
