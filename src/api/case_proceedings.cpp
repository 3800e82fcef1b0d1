// A case's court proceedings and its follow-ups (social-inclusion outcomes). Each route decodes,
// calls its use case in cases/case_proceedings.h or case_follow_ups.h, and encodes; a stale change
// of a proceeding answers 409 with the proceeding as `current`.
#include "cases/case_proceedings.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"
#include "cases/case_follow_ups.h"

namespace strada::api {
namespace {

namespace json = boost::json;

// Sealed text as its reader may have it: null where it is not shown or there is none.
json::value sealedText(bool visible, const std::string& text) {
  return visible && !text.empty() ? json::value(text) : json::value(nullptr);
}

json::value money(std::int64_t amount, const std::string& currency) {
  if (amount < 0) {
    return nullptr;
  }
  return json::object{{"amount", amount}, {"currency", currency}};
}

json::object encodeProceeding(const cases::Proceeding& p, const cases::ProceedingList& list) {
  const store::ProceedingRow& r = p.row;
  json::array hearings;
  for (std::size_t i = 0; i < r.hearings.size(); ++i) {
    const store::HearingRow& h = r.hearings[i];
    json::array support(h.support.begin(), h.support.end());
    hearings.push_back(json::object{{"date", h.held_on},
                                    {"kind", h.kind},
                                    {"support", std::move(support)},
                                    {"note", sealedText(p.text_visible, p.hearing_notes[i])}});
  }
  return json::object{{"id", r.id},
                      {"case_id", r.case_id},
                      {"kind", r.kind},
                      {"role", r.role},
                      {"status", r.status},
                      {"court", json::object{{"agency_id", orNull(r.court_agency_id)},
                                             {"name", sealedText(p.text_visible, p.court_name)}}},
                      {"reference", sealedText(p.text_visible, p.reference)},
                      {"hearings", std::move(hearings)},
                      {"compensation_claimed", money(r.claimed_amount, r.claimed_currency)},
                      {"compensation_awarded", money(r.awarded_amount, r.awarded_currency)},
                      {"outcome", orNull(r.outcome)},
                      {"text_visible", p.text_visible},
                      {"created_by", userRef(list.names, r.created_by)},
                      {"created_at", domain::formatRfc3339(r.created_at)},
                      {"updated_by", userRef(list.names, r.updated_by)},
                      {"updated_at", domain::formatRfc3339(r.updated_at)},
                      {"version", r.version}};
}

// {"items": [proceeding...]}
json::object encodeProceedings(const cases::ProceedingList& list) {
  json::array items;
  for (const cases::Proceeding& p : list.items) {
    items.push_back(encodeProceeding(p, list));
  }
  return json::object{{"items", std::move(items)}};
}

// The proceeding written (the list holds it alone), or as stored after a stale change.
json::object encodeOneProceeding(const cases::ProceedingList& list) {
  return encodeProceeding(list.items.front(), list);
}

http::Response encodeAddedProceeding(const cases::ProceedingList& list) {
  return created(encodeOneProceeding(list));
}

void readMoney(JsonFields& in, std::string_view key, cases::MoneyInput& out) {
  JsonFields m = in.object(key, false);
  m.integer("amount", out.amount, 0, 2'000'000'000, false);
  m.optional("currency", out.currency, 3);
}

// A proceeding's body; with a non-null `version`, its "version" too.
domain::Result<cases::ProceedingInput> decodeProceeding(std::string_view body,
                                                        std::int32_t* version) {
  JsonFields in(body);
  cases::ProceedingInput p;
  for (std::string_view key : {"kind", "role", "status"}) {
    in.required(key, key == "kind" ? p.kind : key == "role" ? p.role : p.status, 64);
  }
  JsonFields court = in.object("court", false);
  court.optional("agency_id", p.court_agency_id, 64);
  court.optional("name", p.court_name, 300);
  in.optional("reference", p.reference, 100);
  for (JsonFields& each : in.objects("hearings", 100)) {
    cases::HearingInput& h = p.hearings.emplace_back();
    each.required("date", h.held_on, 10);
    each.required("kind", h.kind, 64);
    each.list("support", h.support, 10, 64);
    each.optional("note", h.note, 2000);
  }
  readMoney(in, "compensation_claimed", p.claimed);
  readMoney(in, "compensation_awarded", p.awarded);
  in.optional("outcome", p.outcome, 64);
  if (version != nullptr) {
    in.version(*version);
  }
  return in.finish(std::move(p));
}

domain::Result<cases::ProceedingInput> decodeNewProceeding(std::string_view body) {
  return decodeProceeding(body, nullptr);
}

// PUT /cases/{id}/proceedings/{proceeding_id}: the proceeding's reference, its body, the version.
Arguments<std::string, cases::ProceedingInput, std::int32_t> decodeProceedingChange(
    const http::Request& req) {
  std::int32_t version = 0;
  auto input = decodeProceeding(req.body, &version);
  if (!input) {
    return tl::unexpected(input.error());
  }
  return std::tuple(
      cases::proceedingRef(std::string(req.param("id")), std::string(req.param("proceeding_id"))),
      std::move(*input), version);
}

json::object encodeFollowUp(const cases::FollowUp& f, const cases::FollowUpList& list) {
  json::array outcomes;
  for (const auto& o : f.row.outcomes) {
    outcomes.push_back(json::object{{"domain", o.domain}, {"status", o.status}});
  }
  return json::object{{"id", f.row.id},
                      {"kind", f.row.kind},
                      {"date", f.row.followed_on},
                      {"outcomes", std::move(outcomes)},
                      {"note", sealedText(f.note_visible, f.note)},
                      {"recorded_by", userRef(list.names, f.row.recorded_by)},
                      {"recorded_at", domain::formatRfc3339(f.row.recorded_at)}};
}

json::object encodeFollowUps(const cases::FollowUpList& list) {
  return itemsBody(list.items,
                   [&list](const cases::FollowUp& f) { return encodeFollowUp(f, list); });
}

http::Response encodeAddedFollowUp(const cases::FollowUpList& list) {
  return created(encodeFollowUp(list.items.front(), list));
}

domain::Result<cases::FollowUpInput> decodeFollowUp(std::string_view body) {
  JsonFields in(body);
  cases::FollowUpInput f;
  in.required("date", f.followed_on, 10);
  readInclusionOutcomes(in, "outcomes", f.outcomes);
  in.optional("note", f.note, 5000);
  return in.finish(std::move(f));
}

}  // namespace

void readInclusionOutcomes(JsonFields& in, std::string_view key,
                           std::vector<store::InclusionOutcomeRow>& out) {
  for (JsonFields& each : in.objects(key, 10)) {
    store::InclusionOutcomeRow outcome;
    each.required("domain", outcome.domain, 64);
    each.required("status", outcome.status, 64);
    out.push_back(std::move(outcome));
  }
}

void registerCaseProceedingRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("PUT", "/api/v1/cases/{id}/proceedings/{proceeding_id}", Permission::kCaseUpdate,
               &versionedRecordChange<decodeProceedingChange, cases::changeProceeding,
                                      cases::readProceeding, encodeOneProceeding>);
  routes.route("POST", "/api/v1/cases/{id}/proceedings", Permission::kCaseUpdate,
               idAndBody<decodeNewProceeding>, cases::addProceeding, encodeAddedProceeding);
  routes.route("GET", "/api/v1/cases/{id}/proceedings", Permission::kCaseRead, idParam,
               cases::listProceedings, encodeProceedings);
  routes.route("POST", "/api/v1/cases/{id}/follow-ups", Permission::kCaseUpdate,
               idAndBody<decodeFollowUp>, cases::addFollowUp, encodeAddedFollowUp);
  routes.route("GET", "/api/v1/cases/{id}/follow-ups", Permission::kCaseRead, idParam,
               cases::listFollowUps, encodeFollowUps);
}

json::object sections::proceedings(const cases::ProceedingList& list) {
  return encodeProceedings(list);
}
json::object sections::followUps(const cases::FollowUpList& list) { return encodeFollowUps(list); }

}  // namespace strada::api
