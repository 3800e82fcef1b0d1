// Encoding a case (cases_json.h).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/cases_json.h"

namespace strada::api {
namespace {

namespace json = boost::json;

json::array encodeHistory(const cases::CaseView& v) {
  json::array out;
  for (const auto& h : v.history) {
    if (h.kind != "status_change" && h.kind != "closure_approve") {
      continue;
    }
    out.push_back(json::object{{"from", orNull(h.from_status)},
                               {"to", h.to_status},
                               {"at", domain::formatRfc3339(h.at)},
                               {"by", userRef(v.names, h.by_user)},
                               {"reason", orNull(h.reason)}});
  }
  return out;
}

}  // namespace

json::object encodeCaseView(const cases::CaseView& v) {
  const domain::Case& k = v.kase;
  json::array team;
  for (const auto& member : k.team) {
    team.push_back(userRef(v.names, member));
  }
  json::value closure = nullptr;
  json::value pending = nullptr;
  if (k.closure) {
    const auto& c = *k.closure;
    closure = json::object{
        {"reason", c.reason},
        {"outcome", c.outcome},
        {"requested_by", userRef(v.names, c.requested_by)},
        {"requested_at", domain::formatRfc3339(c.requested_at)},
        {"approved_by", userRef(v.names, c.approved_by)},
        {"approved_at", c.approved_by.empty() ? json::value(nullptr)
                                              : json::value(domain::formatRfc3339(c.approved_at))}};
    if (c.approved_by.empty()) {
      pending = json::object{{"kind", "closure"},
                             {"requested_by", userRef(v.names, c.requested_by)},
                             {"requested_at", domain::formatRfc3339(c.requested_at)}};
    }
  }
  json::value reflection = nullptr;
  if (!k.reflection_start.empty()) {
    reflection = json::object{{"start", k.reflection_start}, {"end", orNull(k.reflection_end)}};
  }
  json::object client{
      {"id", v.client.id},
      {"client_code", v.client.client_code},
      {"person",
       v.person_visible ? json::value(encodePerson(v.client.person)) : json::value(nullptr)},
      {"coded", encodeCoded(v.client.coded)},
      {"erased_at", v.client.erased_at != 0 ? json::value(domain::formatRfc3339(v.client.erased_at))
                                            : json::value(nullptr)}};
  for (auto& [key, value] : encodeMerges(v.merges)) {
    client[key] = std::move(value);
  }
  return json::object{
      {"id", k.id},
      {"case_code", k.case_code},
      {"client", std::move(client)},
      {"status", k.status},
      {"status_history", encodeHistory(v)},
      {"reflection_period", std::move(reflection)},
      {"assigned_to", userRef(v.names, k.assigned_to)},
      {"team", std::move(team)},
      {"transfer",
       v.transfer ? json::value(encodeTransfer(*v.transfer, v.names)) : json::value(nullptr)},
      {"referral", json::object{{"source_type", k.referral.source_type},
                                {"agency_id", orNull(k.referral.agency_id)},
                                {"referred_on", k.referral.referred_on}}},
      {"linked_contacts", json::array(v.linked_contacts.begin(), v.linked_contacts.end())},
      {"plan_status", k.plan_status},
      {"closure", std::move(closure)},
      {"pending_approval", std::move(pending)},
      {"opened_on", k.opened_on},
      {"updated_at", domain::formatRfc3339(k.updated_at)},
      {"version", k.version}};
}

}  // namespace strada::api
