// Use cases of a case's outgoing referrals (issue 8, section 3): the person referred to a
// directory agency of the organisation or to another member organisation of the network. A
// referral is a share of the person's data: it is made only under the person's consent to share
// in force (share_consent.h) or, without one, under an override by a role that may
// (consent.override: a supervisor), with a stated reason. The purpose and the override's reason
// are sealed under the key of the case's client. Every referral is audited and on the case's
// timeline ("referral", or "referral_override" by the supervisor who overrode); an override is
// audited as consent.override and listed for the organisation's supervisors.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "store/case_referral_repository.h"

namespace strada::cases {

struct ReferralInput {
  std::string agency_id;        // an active agency of the organisation's directory, or ""
  std::string member_name;      // or another member organisation: its name (1 to 200 characters)
  std::string member_country;   // and its ISO 3166-1 alpha-2 country
  std::string purpose;          // 1 to 2000 characters, sealed
  std::string referred_on;      // YYYY-MM-DD, not in the future; "" for today
  std::string override_reason;  // "" unless overriding: 10 to 1000 characters, sealed
};

// One referral, its sealed text opened where the reader may read it (`text_visible`).
struct Referral {
  bool text_visible = false;
  store::ReferralRow row;  // sealed columns cleared
  std::string purpose;
  std::string override_reason;
};
// Referrals with the names of the users they name, by id.
struct ReferralList {
  std::map<std::string, std::string> names;
  std::vector<Referral> items;
};
// What each use case below answers.
using ReferralsAnswer = boost::asio::awaitable<domain::Result<ReferralList>>;

// kCaseRead on a visible case (a data officer gets the coded fields, never the sealed text);
// case_referral.list.
[[nodiscard]] ReferralsAnswer listReferrals(Context ctx, Actor actor, std::string case_id);

// kCaseUpdate on a workable case; InvalidArgument naming the field; PermissionDenied for an
// override_reason from a role without consent.override; ConsentRequired on "consent" when no
// consent to share with the target is in force and no override is given. case_referral.create,
// and consent.override when overridden. Returns the new referral alone.
[[nodiscard]] ReferralsAnswer addReferral(Context ctx, Actor actor, std::string case_id,
                                          ReferralInput input);

// kConsentOverride: the organisation's referrals made without consent, the newest first (at most
// 200; coded fields only); consent_override.list.
[[nodiscard]] ReferralsAnswer listConsentOverrides(Context ctx, Actor actor);

}  // namespace strada::cases
