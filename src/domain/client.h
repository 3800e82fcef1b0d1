// A client: a person assisted by an organisation (issue 8, section 1). `person` is who they are
// (sealed under a key of this person alone, never in lists, logs or URLs); `coded` holds the
// reportable fields with HTCDS 2.0 codes (codes/hotline-codes.tsv lists them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

struct IdDocument {
  std::string kind;     // id_document_kind code
  std::string number;   // as printed on the document
  std::string country;  // ISO 3166-1 alpha-2 of the issuer, or ""
};

// Who the person is: sealed as one JSON text under the person's key.
struct ClientPerson {
  std::string full_name;  // 1..200 characters
  std::vector<std::string> other_names;
  std::string birth_date;  // YYYY-MM-DD or ""
  std::vector<std::string> phones;
  std::string email;
  std::string address;
  std::vector<IdDocument> id_documents;
};

// The reportable fields. A single code "" is unknown; birth_year 0 and age_when_trafficked -1 too.
struct ClientCoded {
  std::string gender;  // gender
  std::int32_t birth_year = 0;
  std::string age_band;                   // age_band
  std::vector<std::string> citizenships;  // country
  std::string primary_language;           // language
  std::string education;                  // education
  std::string trafficking_status;         // trafficking_status
  std::string status_decided_by;          // status_decided_by
  std::string relationship_to_trafficker;
  std::int32_t age_when_trafficked = -1;
  std::vector<std::string> recruitment_methods;  // recruitment_method
  std::vector<std::string> control_methods;      // control_method
  std::vector<std::string> exploitation_types;   // exploitation
  std::vector<std::string> industries;           // industry
  std::vector<std::string> countries_origin;     // country
  std::vector<std::string> countries_transit;
  std::vector<std::string> countries_exploitation;
};

struct Client {
  std::string id;
  std::string org_id;
  std::string client_code;  // pseudonymous, in the clear: "CL-" + 8 characters
  ClientPerson person;      // empty when not opened (or erased)
  ClientCoded coded;
  std::string created_by;
  UnixMillis created_at = 0;
  std::string updated_by;
  UnixMillis updated_at = 0;
  std::int32_t version = 1;
  UnixMillis erased_at = 0;  // 0 while the person is not erased
  std::string erased_by;     // who erased the person
};

// InvalidArgument naming the field ("person.full_name", "person.phones[1]",
// "coded.exploitation_types[0]", ...). `now` bounds dates and years (not in the future).
[[nodiscard]] Status validateClientPerson(const ClientPerson& person, UnixMillis now);
[[nodiscard]] Status validateClientCoded(const ClientCoded& coded, UnixMillis now);

// A YYYY-MM-DD calendar date; InvalidArgument naming `field` otherwise. Returns the day number
// since 1970-01-01.
[[nodiscard]] Result<std::int64_t> parseCalendarDate(std::string_view text, std::string_view field);
// YYYY-MM-DD of a day number.
std::string formatCalendarDate(std::int64_t day);

// The form a name is matched in: ASCII letters lower-cased, runs of whitespace made one space,
// trimmed. Letters outside ASCII are kept as written (UTF-8).
std::string normaliseName(std::string_view name);

}  // namespace strada::domain
