// A partner agency's intake form and its own referrals (cases/partner_referrals.h). The answers
// hold codes and stages only: never the name the partner typed, a sealed field or a note.
#include "cases/partner_referrals.h"

#include <boost/json/object.hpp>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/partner_referral_routes.h"

namespace strada::api {
namespace {

boost::json::object encodeReferral(const store::PartnerReferralRow& r) {
  return boost::json::object{
      {"case_code", r.case_code},     {"client_code", r.client_code},
      {"referred_on", r.referred_on}, {"status", r.status},
      {"accepted", r.accepted},       {"submitted_at", domain::formatRfc3339(r.submitted_at)}};
}

http::Response encodeSubmitted(const store::PartnerReferralRow& r) {
  return created(encodeReferral(r));
}

boost::json::object encodeReferrals(const std::vector<store::PartnerReferralRow>& rows) {
  return itemsBody(rows, encodeReferral);
}

// {"person": {full_name, other_names, birth_date, phones}, "coded": {gender, primary_language},
//  "reason", "person_agreed", "referred_on"}: only what the intake form asks.
domain::Result<cases::PartnerReferral> decodeReferral(std::string_view body) {
  JsonFields in(body);
  cases::PartnerReferral r;
  JsonFields person = in.object("person", true);
  person.required("full_name", r.person.full_name, 200);
  person.optional("birth_date", r.person.birth_date, 10);
  person.list("other_names", r.person.other_names, 20, kMaxListEntryChars);
  person.list("phones", r.person.phones, 2, kMaxListEntryChars);
  JsonFields coded = in.object("coded", false);
  coded.optional("gender", r.coded.gender, 64);
  coded.optional("primary_language", r.coded.primary_language, 64);
  in.required("reason", r.reason, cases::kMaxReferralReasonChars);
  in.optional("person_agreed", r.person_agreed);
  in.required("referred_on", r.referred_on, 10);
  return in.finish(std::move(r));
}

}  // namespace

void registerPartnerReferralRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/partner-referrals", Permission::kReferralSubmit,
               bodyOf<decodeReferral>, cases::submitReferral, encodeSubmitted);
  routes.route("GET", "/api/v1/partner-referrals", Permission::kReferralListOwn, noParams,
               cases::listOwnReferrals, encodeReferrals);
}

}  // namespace strada::api
