// The referrals a partner agency follows (issue 8, section 2): the cases its partner accounts
// submitted, as codes and stages only. Never a sealed field, a note or a name.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace soci {
class session;
}

namespace strada::store {

struct PartnerReferralRow {
  std::string case_code;
  std::string client_code;
  std::string referred_on;  // YYYY-MM-DD
  std::string status;       // case_status code
  bool accepted = false;    // someone of the organisation has taken the case on (assigned)
  domain::UnixMillis submitted_at = 0;
};

// The cases of organisation `org_id` that accounts tied to agency `agency_id` created with that
// agency as their referral source, newest first, at most `limit`. Another agency's referrals, and
// the organisation's own record of a referral the agency made by phone, are not among them.
[[nodiscard]] domain::Result<std::vector<PartnerReferralRow>> listPartnerReferrals(
    soci::session& sql, const std::string& org_id, const std::string& agency_id, int limit);

}  // namespace strada::store
