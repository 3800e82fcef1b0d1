// What is recorded on a case: consents and their withdrawal, notes, the timeline. Each route
// decodes, calls its use case in cases/case_entries.h, and encodes.
#include "cases/case_entries.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

json::object encodeConsent(const store::ConsentRow& c, const cases::ConsentList& list) {
  json::value share = nullptr;
  if (c.kind == "share") {
    share = json::object{{"agency_id", orNull(c.share_agency_id)}, {"kind", orNull(c.share_kind)}};
  }
  return json::object{{"id", c.id},
                      {"kind", c.kind},
                      {"share_with", std::move(share)},
                      {"given_as", c.given_as},
                      {"given_on", c.given_on},
                      {"scope", c.scope},
                      {"expires_on", orNull(c.expires_on)},
                      {"recorded_by", userRef(list.names, c.recorded_by)},
                      {"withdrawn_on", orNull(c.withdrawn_on)},
                      {"state", cases::consentState(c, list.today)}};
}

domain::Result<cases::ConsentInput> decodeConsent(std::string_view body) {
  JsonFields in(body);
  cases::ConsentInput c;
  for (auto [key, out] : {std::pair{"kind", &c.kind}, std::pair{"given_as", &c.given_as},
                          std::pair{"given_on", &c.given_on}}) {
    in.required(key, *out, 500);
  }
  in.optional("scope", c.scope, 500);
  in.optional("expires_on", c.expires_on, 500);
  JsonFields share = in.object("share_with", false);
  share.optional("agency_id", c.share_agency_id, 64);
  share.optional("kind", c.share_kind, 64);
  return in.finish(std::move(c));
}

// {"items": [consent...]}
json::object encodeConsents(const cases::ConsentList& list) {
  return itemsBody(list.rows,
                   [&list](const store::ConsentRow& c) { return encodeConsent(c, list); });
}

// The consent just recorded (the list holds it alone): 201.
http::Response encodeRecordedConsent(const cases::ConsentList& list) {
  return created(encodeConsent(list.rows.front(), list));
}

// The consent just withdrawn (the list holds it alone).
json::object encodeWithdrawnConsent(const cases::ConsentList& list) {
  return encodeConsent(list.rows.front(), list);
}

// A withdrawal: the case, the consent, and "withdrawn_on" from a body that may be empty.
Arguments<std::string, std::string, std::string> decodeWithdrawal(const http::Request& req) {
  JsonFields in(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
  std::string on;
  in.optional("withdrawn_on", on, 10);
  return in.finish(
      std::tuple(std::string(req.param("id")), std::string(req.param("consent_id")), on));
}

json::object encodeNote(const cases::Note& n) {
  return json::object{
      {"id", n.id},
      {"text", n.text ? json::value(*n.text) : json::value(nullptr)},
      {"author", json::object{{"id", n.author}, {"name", colleagueName(n.author_name, n.author)}}},
      {"created_at", domain::formatRfc3339(n.created_at)}};
}

json::object encodeNotes(const std::vector<cases::Note>& notes) {
  return itemsBody(notes, encodeNote);
}

http::Response encodeAddedNote(const cases::Note& note) { return created(encodeNote(note)); }

constexpr char kText[] = "text";

// {"entries": [...]}, oldest first.
json::object encodeTimeline(const std::vector<cases::TimelineEntry>& entries) {
  return {{"entries", encodeEach(entries, [](const cases::TimelineEntry& e) {
             return json::object{
                 {"at", domain::formatRfc3339(e.at)},
                 {"kind", e.kind},
                 {"by", json::object{{"id", e.by}, {"name", colleagueName(e.by_name, e.by)}}},
                 {"ref", e.ref},
                 {"summary", e.summary}};
           })}};
}

json::object encodeService(const store::ServiceRow& s,
                           const std::map<std::string, std::string>& names) {
  const auto number = [](std::int32_t n) { return n < 0 ? json::value(nullptr) : json::value(n); };
  return json::object{{"id", s.id},
                      {"type", s.type},
                      {"provider", json::object{{"own", s.provider_agency_id.empty()},
                                                {"agency_id", orNull(s.provider_agency_id)}}},
                      {"started_on", s.started_on},
                      {"ended_on", orNull(s.ended_on)},
                      {"duration_minutes", number(s.duration_minutes)},
                      {"amount", number(s.amount)},
                      {"outcome", orNull(s.outcome)},
                      {"recorded_by", userRef(names, s.recorded_by)}};
}

domain::Result<cases::ServiceInput> decodeService(std::string_view body) {
  JsonFields in(body);
  cases::ServiceInput s;
  in.required("type", s.type, 64);
  in.required("started_on", s.started_on, 64);
  in.optional("ended_on", s.ended_on, 64);
  in.optional("outcome", s.outcome, 64);
  in.integer("duration_minutes", s.duration_minutes, 0, 100'000, false);
  in.integer("amount", s.amount, 0, 1'000'000'000, false);
  JsonFields provider = in.object("provider", true);
  provider.optional("agency_id", s.provider_agency_id, 64);
  bool own = false;
  provider.optional("own", own);
  if (own == !s.provider_agency_id.empty()) {
    provider.refuse(domain::invalidField("provider",
                                         "Say whether your organisation delivered the service "
                                         "(own: true) or name the agency (agency_id), not both.")
                        .value());
  }
  return in.finish(std::move(s));
}

json::object encodeServices(const cases::ServiceList& list) {
  return itemsBody(list.rows,
                   [&list](const store::ServiceRow& s) { return encodeService(s, list.names); });
}

// The service just recorded (the list holds it alone): 201.
http::Response encodeRecordedService(const cases::ServiceList& list) {
  return created(encodeService(list.rows.front(), list.names));
}

}  // namespace

void registerCaseEntryRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/cases/{id}/consents", Permission::kCaseRead, idParam,
               cases::listConsents, encodeConsents);
  routes.route("POST", "/api/v1/cases/{id}/consents", Permission::kCaseUpdate,
               idAndBody<decodeConsent>, cases::recordConsent, encodeRecordedConsent);
  routes.route("POST", "/api/v1/cases/{id}/consents/{consent_id}/withdrawal",
               Permission::kCaseUpdate, decodeWithdrawal, cases::withdrawConsent,
               encodeWithdrawnConsent);
  routes.route("GET", "/api/v1/cases/{id}/notes", Permission::kCaseRead, idParam, cases::listNotes,
               encodeNotes);
  routes.route("POST", "/api/v1/cases/{id}/notes", Permission::kCaseUpdate,
               idAndBody<decodeOneText<kText, 20000>>, cases::addNote, encodeAddedNote);
  routes.route("GET", "/api/v1/cases/{id}/timeline", Permission::kCaseRead, idParam,
               cases::caseTimeline, encodeTimeline);
  routes.route("GET", "/api/v1/cases/{id}/services", Permission::kCaseRead, idParam,
               cases::listServices, encodeServices);
  routes.route("POST", "/api/v1/cases/{id}/services", Permission::kCaseUpdate,
               idAndBody<decodeService>, cases::recordService, encodeRecordedService);
}

json::object sections::consents(const cases::ConsentList& list) { return encodeConsents(list); }
json::object sections::services(const cases::ServiceList& list) { return encodeServices(list); }
json::object sections::notes(const std::vector<cases::Note>& notes) { return encodeNotes(notes); }
json::object sections::timeline(const std::vector<cases::TimelineEntry>& entries) {
  return encodeTimeline(entries);
}

}  // namespace strada::api
