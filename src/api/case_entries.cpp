// What is recorded on a case: consents and their withdrawal, notes, the timeline. Each route
// decodes, calls its use case in cases/case_entries.h, and encodes.
#include "cases/case_entries.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

json::value orNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object userRef(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto it = names.find(id);
  return json::object{{"id", id}, {"name", colleagueName(it == names.end() ? "" : it->second, id)}};
}

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

domain::Result<cases::ConsentInput> decodeConsent(std::string_view body,
                                                  std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  cases::ConsentInput in;
  for (auto [key, out, required] :
       {std::tuple{"kind", &in.kind, true}, std::tuple{"given_as", &in.given_as, true},
        std::tuple{"given_on", &in.given_on, true}, std::tuple{"scope", &in.scope, false},
        std::tuple{"expires_on", &in.expires_on, false}}) {
    auto value = f.text(key, 500, required);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  auto share = f.object("share_with", false);
  if (!share) {
    return tl::unexpected(share.error());
  }
  if (*share != nullptr) {
    NestedJsonFields s(**share, "share_with");
    auto agency = s.text("agency_id", 64);
    auto kind = s.text("kind", 64);
    if (!agency || !kind) {
      return tl::unexpected(!agency ? agency.error() : kind.error());
    }
    if (auto unknown = s.rejectUnknown(); !unknown) {
      return tl::unexpected(unknown.error());
    }
    in.share_agency_id = std::move(*agency);
    in.share_kind = std::move(*kind);
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return in;
}

// {"items": [consent...]}
json::object encodeConsents(const cases::ConsentList& list) {
  return itemsBody(list.consents,
                   [&list](const store::ConsentRow& c) { return encodeConsent(c, list); });
}

// The consent just recorded (the list holds it alone): 201.
http::Response encodeRecordedConsent(const cases::ConsentList& list) {
  return created(encodeConsent(list.consents.front(), list));
}

// The consent just withdrawn (the list holds it alone).
json::object encodeWithdrawnConsent(const cases::ConsentList& list) {
  return encodeConsent(list.consents.front(), list);
}

// A withdrawal: the case, the consent, and "withdrawn_on" from a body that may be empty.
Arguments<std::string, std::string, std::string> decodeWithdrawal(const http::Request& req) {
  auto o = parseObject(req.body.empty() ? std::string_view("{}") : std::string_view(req.body));
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto on = f.text("withdrawn_on", 10);
  if (!on) {
    return tl::unexpected(on.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return std::tuple(std::string(req.param("id")), std::string(req.param("consent_id")),
                    std::move(*on));
}

json::object encodeNote(const cases::Note& n) {
  return json::object{
      {"id", n.id},
      {"text", n.text},
      {"author", json::object{{"id", n.author}, {"name", colleagueName(n.author_name, n.author)}}},
      {"created_at", domain::formatRfc3339(n.created_at)}};
}

json::object encodeNotes(const std::vector<cases::Note>& notes) {
  return itemsBody(notes, encodeNote);
}

http::Response encodeAddedNote(const cases::Note& note) { return created(encodeNote(note)); }

domain::Result<std::string> decodeNoteText(std::string_view body, std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto text = f.text("text", 20000, true);
  if (!text) {
    return tl::unexpected(text.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return text;
}

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

domain::Result<cases::ServiceInput> decodeService(std::string_view body,
                                                  std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  cases::ServiceInput in;
  for (auto [key, out, required] :
       {std::tuple{"type", &in.type, true}, std::tuple{"started_on", &in.started_on, true},
        std::tuple{"ended_on", &in.ended_on, false}, std::tuple{"outcome", &in.outcome, false}}) {
    auto value = f.text(key, 64, required);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  auto minutes = f.integer("duration_minutes", 0, 100'000);
  auto amount = f.integer("amount", 0, 1'000'000'000);
  auto provider = f.object("provider", true);
  if (!minutes || !amount || !provider) {
    return tl::unexpected(!minutes ? minutes.error() : !amount ? amount.error() : provider.error());
  }
  in.duration_minutes = static_cast<std::int32_t>(minutes->value_or(-1));
  in.amount = static_cast<std::int32_t>(amount->value_or(-1));
  NestedJsonFields p(**provider, "provider");
  auto agency = p.text("agency_id", 64);
  const json::value* own = (*provider)->if_contains("own");
  (void)p.text("own", 0);  // marks "own" as known; its type is checked below
  if (!agency) {
    return tl::unexpected(agency.error());
  }
  if (auto unknown = p.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  const bool is_own = own != nullptr && own->is_bool() && own->as_bool();
  if (is_own == !agency->empty()) {
    return domain::invalidField("provider",
                                "Say whether your organisation delivered the service (own: true) "
                                "or name the agency (agency_id), not both.");
  }
  in.provider_agency_id = std::move(*agency);
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return in;
}

json::object encodeServices(const cases::ServiceList& list) {
  return itemsBody(list.services,
                   [&list](const store::ServiceRow& s) { return encodeService(s, list.names); });
}

// The service just recorded (the list holds it alone): 201.
http::Response encodeRecordedService(const cases::ServiceList& list) {
  return created(encodeService(list.services.front(), list.names));
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
               idAndBody<decodeNoteText>, cases::addNote, encodeAddedNote);
  routes.route("GET", "/api/v1/cases/{id}/timeline", Permission::kCaseRead, idParam,
               cases::caseTimeline, encodeTimeline);
  routes.route("GET", "/api/v1/cases/{id}/services", Permission::kCaseRead, idParam,
               cases::listServices, encodeServices);
  routes.route("POST", "/api/v1/cases/{id}/services", Permission::kCaseUpdate,
               idAndBody<decodeService>, cases::recordService, encodeRecordedService);
}

}  // namespace strada::api
