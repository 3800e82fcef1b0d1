// Whether the person consents to a share of their data with another organisation (issue 8,
// section 3): every share (a referral, a transfer to another organisation, an export that
// includes the person) asks checkShareConsent first and is refused without a consent in force.
// Issue 9's member-to-member referrals ask it too.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "store/case_entry_repository.h"

namespace strada::cases {

// Who the data would go to: a directory agency (its id and agency_type) or another member
// organisation of the network (`member` true).
struct ShareTarget {
  std::string agency_id;
  std::string agency_type;
  bool member = false;
};

// The share_with_kind a target falls under: police, border guard and prosecutor "police",
// shelter "shelter", international organisation "io", a member "member"; "" for any other.
[[nodiscard]] std::string shareKindOf(const ShareTarget& target);

// The consent among `consents` in force on `today` (YYYY-MM-DD: given on or before it, not
// withdrawn, not expired) of kind "share" that names the target's agency or the kind it falls
// under; nothing when there is none.
[[nodiscard]] std::optional<store::ConsentRow> shareConsentInForce(
    const std::vector<store::ConsentRow>& consents, const ShareTarget& target,
    const std::string& today);

// The error of a share refused for want of consent: ConsentRequired (409, "consent_required")
// on the field "consent", saying what to do.
[[nodiscard]] domain::Error consentRequired();

// The id of the consent in force on `today` that allows sharing the person of case `case_id`
// with `target` (read from the store; no policy, no audit: the caller's); consentRequired()
// when there is none.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::string>> checkShareConsent(
    Context ctx, std::string case_id, ShareTarget target, std::string today);

}  // namespace strada::cases
