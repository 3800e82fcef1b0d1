// `strada demo`: the partner account of one demo organisation and its earlier referral.
#include <string>

#include "admin/organisations.h"
#include "app/demo_content.h"
#include "cases/partner_referrals.h"
#include "domain/client.h"

namespace strada::app {

domain::Status addDemoPartner(const hotline::Context& ctx, const std::string& org_code,
                              const std::string& email, const std::string& hash,
                              const std::string& agency_id) {
  auto partner = admin::addUser(ctx.db, org_code,
                                {email, "Demo Police Partner", {"partner"}, {}, hash, agency_id});
  if (!partner) {
    return tl::unexpected(partner.error());
  }
  constexpr domain::UnixMillis kTwoDaysMs = 2LL * 24 * 60 * 60 * 1000;
  cases::PartnerReferral referral;
  referral.person.full_name = "Mira Example (demo)";
  referral.person.birth_date = "1999-04-12";
  referral.coded.gender = "Feminine";
  referral.reason =
      "Found during a workplace check; says her passport is held by the employer (demo).";
  referral.person_agreed = true;
  referral.referred_on = domain::formatCalendarDate((ctx.clock() - kTwoDaysMs) / 86400000);
  const hotline::Actor actor{{partner->id, partner->org_id, partner->roles, ""}, ""};
  auto submitted = hotline::runToCompletion(cases::submitReferral(ctx, actor, referral));
  if (!submitted) {
    return tl::unexpected(submitted.error());
  }
  return {};
}

}  // namespace strada::app
