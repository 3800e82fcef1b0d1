// A case's outgoing referrals and the organisation's consent overrides. Each route decodes, calls
// its use case in cases/case_referrals.h, and encodes; a share without consent answers 409
// `consent_required` on the field "consent".
#include "cases/case_referrals.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

json::object encodeReferralTarget(const store::ReferralRow& r) {
  if (r.target_kind == "member") {
    return {{"kind", "member"},
            {"agency_id", nullptr},
            {"agency_name", nullptr},
            {"agency_type", nullptr},
            {"member_name", r.member_name},
            {"member_country", r.member_country}};
  }
  return {{"kind", "agency"},
          {"agency_id", r.agency_id},
          {"agency_name", r.agency_name},
          {"agency_type", r.agency_type},
          {"member_name", nullptr},
          {"member_country", nullptr}};
}

json::object encodeReferral(const cases::Referral& ref, const cases::ReferralList& list) {
  const store::ReferralRow& r = ref.row;
  const auto text = [&ref](const std::string& s) {
    return ref.text_visible ? json::value(s) : json::value(nullptr);
  };
  json::value overridden = nullptr;
  if (!r.overridden_by.empty()) {
    overridden = json::object{{"by", userRef(list.names, r.overridden_by)},
                              {"at", domain::formatRfc3339(r.overridden_at)},
                              {"reason", text(ref.override_reason)}};
  }
  return json::object{{"id", r.id},
                      {"case_id", r.case_id},
                      {"case_code", r.case_code},
                      {"client_code", r.client_code},
                      {"target", encodeReferralTarget(r)},
                      {"share_kind", orNull(r.share_kind)},
                      {"purpose", text(ref.purpose)},
                      {"referred_on", r.referred_on},
                      {"status", r.status},
                      {"consent_id", orNull(r.consent_id)},
                      {"override", std::move(overridden)},
                      {"created_by", userRef(list.names, r.created_by)},
                      {"created_at", domain::formatRfc3339(r.created_at)},
                      {"version", r.version}};
}

// The referral just made (the list holds it alone): 201.
http::Response encodeAddedReferral(const cases::ReferralList& list) {
  return created(encodeReferral(list.items.front(), list));
}

// {"items": [referral...]}
json::object encodeReferrals(const cases::ReferralList& list) {
  json::array items;
  for (const cases::Referral& r : list.items) {
    items.emplace_back(encodeReferral(r, list));
  }
  return {{"items", std::move(items)}};
}

domain::Result<cases::ReferralInput> decodeReferral(std::string_view body) {
  cases::ReferralInput r;
  JsonFields in(body);
  in.required("purpose", r.purpose, 10000);
  for (auto [key, out, limit] :
       {std::tuple{"agency_id", &r.agency_id, 64}, std::tuple{"referred_on", &r.referred_on, 10},
        std::tuple{"override_reason", &r.override_reason, 5000}}) {
    in.optional(key, *out, static_cast<std::size_t>(limit));
  }
  JsonFields member = in.object("member", false);
  member.optional("name", r.member_name, 1000);
  member.optional("country", r.member_country, 8);
  return in.finish(std::move(r));
}

}  // namespace

void registerCaseReferralRoutes(RouteTable& routes) {
  // A supervisor's list first: the overrides of the whole organisation.
  routes.route("GET", "/api/v1/consent-overrides", policy::Permission::kConsentOverride, noParams,
               cases::listConsentOverrides, encodeReferrals);
  const std::string referrals = "/api/v1/cases/{id}/referrals";
  routes.route("POST", referrals, policy::Permission::kCaseUpdate, idAndBody<decodeReferral>,
               cases::addReferral, encodeAddedReferral);
  routes.route("GET", referrals, policy::Permission::kCaseRead, idParam, cases::listReferrals,
               encodeReferrals);
}

}  // namespace strada::api
