// A case's outgoing referrals (cases/case_referrals.h): coded columns in the clear, the purpose
// and an override's reason sealed under the key of the case's client (opaque bytes here).
//
// Errors: Internal for anything the database refuses (its text in `detail` only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct ReferralRow {
  std::string id;
  std::string case_id;
  std::string org_id;
  std::string target_kind;  // "agency" or "member"
  std::string agency_id;    // a directory agency, "" for a member
  std::string member_name;  // a member organisation's name, "" for an agency
  std::string member_country;
  std::string share_kind;      // share_with_kind the target falls under, "" for none
  std::string purpose_sealed;  // opaque bytes, "" for none
  std::string referred_on;     // YYYY-MM-DD
  std::string status;          // referral_status
  std::string consent_id;      // the consent it was made under, "" when overridden
  std::string override_reason_sealed;
  std::string overridden_by;
  std::int64_t overridden_at = 0;
  std::string created_by;
  std::int64_t created_at = 0;
  std::int64_t version = 1;
  // Read only: the agency's name and type from the directory ("" for a member).
  std::string agency_name;
  std::string agency_type;
  // Read only, in the list of overrides: the case's and its client's codes.
  std::string case_code;
  std::string client_code;
};

// The case's referrals, the newest first.
[[nodiscard]] domain::Result<std::vector<ReferralRow>> listReferrals(soci::session& sql,
                                                                     const std::string& case_id);
[[nodiscard]] domain::Status insertReferral(WriteContext& w, const ReferralRow& row);
// The organisation's referrals made under an override, the newest first, at most `limit`; their
// sealed columns left empty.
[[nodiscard]] domain::Result<std::vector<ReferralRow>> listConsentOverrides(
    soci::session& sql, const std::string& org_id, std::int32_t limit);

}  // namespace strada::store
