// A partner agency's referrals (issue 8, section 2). An account of the partner role is tied to one
// agency of its organisation's directory; through the intake form it refers a person, which
// registers the client and opens a case in intake, unassigned, with the agency as referral source:
// the organisation's supervisors see it as a new intake. The partner then follows its agency's
// referrals by case code and stage only: never a name, a sealed field or a note.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cases/context.h"
#include "domain/client.h"
#include "domain/error.h"
#include "store/partner_referral_repository.h"

namespace strada::cases {

// What the intake form gives.
struct PartnerReferral {
  domain::ClientPerson person;  // name, other names, birth date, phone
  domain::ClientCoded coded;    // gender, primary language
  std::string reason;           // why the person is referred: sealed as the case's first note
  bool person_agreed = false;   // the person agreed to be referred: required
  std::string referred_on;      // YYYY-MM-DD, not in the future
};

inline constexpr std::size_t kMaxReferralReasonChars = 2000;
inline constexpr int kMaxListedReferrals = 200;

// The referral_source code of a referral from an agency of type `agency_type` (agency_type code):
// the same code where both lists have one, social_service -> social_worker, anything else other.
[[nodiscard]] std::string_view referralSourceOf(std::string_view agency_type);

// kReferralSubmit. InvalidArgument naming "person_agreed", "reason", "referred_on", "person.*",
// "coded.*"; PermissionDenied ("agency_id") when the account's agency is not an active agency of
// the directory. Recorded as client.create, case.create and case_note.create, like any other.
[[nodiscard]] boost::asio::awaitable<domain::Result<store::PartnerReferralRow>> submitReferral(
    Context ctx, Actor actor, PartnerReferral referral);

// kReferralListOwn: the referrals the accounts of the partner's agency submitted, newest first
// (at most kMaxListedReferrals); recorded as referral.list.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<store::PartnerReferralRow>>>
listOwnReferrals(Context ctx, Actor actor);

}  // namespace strada::cases
