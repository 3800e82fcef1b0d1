// The JSON of clients and cases shared by their routes (clients.cpp, cases.cpp, case_entries.cpp):
// reading a client's person and coded fields (api/json_input.h: an error names the field by its
// path, "person.phones[1]"), and the encoders of clients, cases and the users they name.
#pragma once

#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/handler.h"
#include "api/json_input.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "domain/client.h"
#include "domain/error.h"

namespace strada::api {

class RouteTable;

// The longest entry of a list of codes or names a client or a case is given.
inline constexpr std::size_t kMaxListEntryChars = 500;

// The members of the "person" and "coded" objects of a client's body, read into `p` and `c`.
void readPerson(JsonFields person, domain::ClientPerson& p);
void readCoded(JsonFields coded, domain::ClientCoded& c);

// A body of one member, the string `Key` (at most `MaxChars` characters): a break-glass's reason,
// a note's text. `Key` names a constexpr char array.
template <const char* Key, std::size_t MaxChars>
domain::Result<std::string> decodeOneText(std::string_view body) {
  JsonFields in(body);
  std::string text;
  in.required(Key, text, MaxChars);
  return in.finish(std::move(text));
}

// A client's coded fields that are codes, by their JSON names: one code (`code`) or a list of
// codes (`codes`). Read and written alike, in this order.
struct CodedCodes {
  std::string_view key;
  std::string domain::ClientCoded::*code = nullptr;
  std::vector<std::string> domain::ClientCoded::*codes = nullptr;
};
inline constexpr std::array kCodedCodes{
    CodedCodes{"gender", &domain::ClientCoded::gender},
    CodedCodes{"age_band", &domain::ClientCoded::age_band},
    CodedCodes{"citizenships", nullptr, &domain::ClientCoded::citizenships},
    CodedCodes{"primary_language", &domain::ClientCoded::primary_language},
    CodedCodes{"education", &domain::ClientCoded::education},
    CodedCodes{"trafficking_status", &domain::ClientCoded::trafficking_status},
    CodedCodes{"status_decided_by", &domain::ClientCoded::status_decided_by},
    CodedCodes{"relationship_to_trafficker", &domain::ClientCoded::relationship_to_trafficker},
    CodedCodes{"recruitment_methods", nullptr, &domain::ClientCoded::recruitment_methods},
    CodedCodes{"control_methods", nullptr, &domain::ClientCoded::control_methods},
    CodedCodes{"exploitation_types", nullptr, &domain::ClientCoded::exploitation_types},
    CodedCodes{"industries", nullptr, &domain::ClientCoded::industries},
    CodedCodes{"countries_origin", nullptr, &domain::ClientCoded::countries_origin},
    CodedCodes{"countries_transit", nullptr, &domain::ClientCoded::countries_transit},
    CodedCodes{"countries_exploitation", nullptr, &domain::ClientCoded::countries_exploitation}};

// null for "", else the string.
boost::json::value orNull(const std::string& s);
// {"id", "name"} of the user `id`, named as colleagueName() does from `names`; null for "".
boost::json::value userRef(const std::map<std::string, std::string>& names, const std::string& id);
// {"id", "status"} of a client's case, null when it has none.
boost::json::value caseRef(const std::optional<std::string>& case_id, const std::string& status);

// {"merged_from": [...], "merged_into": ...} of a client (the MergedClient schema).
boost::json::object encodeMerges(const cases::MergeRefs& merges);
boost::json::object encodePerson(const domain::ClientPerson& person);
boost::json::object encodeCoded(const domain::ClientCoded& coded);
// The Client schema of docs/openapi.yaml.
boost::json::object encodeClientView(const cases::ClientView& view);
// The Case schema of docs/openapi.yaml.
boost::json::object encodeCaseView(const cases::CaseView& view);
// The routes of consents, notes and the timeline (case_entries.cpp).
void registerCaseEntryRoutes(RouteTable& routes);
// The routes of a case's tasks and the caller's open tasks (case_tasks.cpp).
void registerCaseTaskRoutes(RouteTable& routes);
// The Transfer schema of docs/openapi.yaml: a pending transfer of a case (case_transfers.cpp).
boost::json::object encodeTransfer(const store::CaseTransferRow& transfer,
                                   const std::map<std::string, std::string>& names);
// The routes of a case's transfer, the transfers waiting for the caller and the users a case can
// be given to (case_transfers.cpp).
void registerCaseTransferRoutes(RouteTable& routes);
// The routes of a case's documents (case_attachments.cpp).
void registerCaseAttachmentRoutes(RouteTable& routes);
// The routes of a case's court proceedings and follow-ups (case_proceedings.cpp).
void registerCaseProceedingRoutes(RouteTable& routes);
// The routes of a case's referrals and the consent overrides (case_referrals.cpp).
void registerCaseReferralRoutes(RouteTable& routes);
// Reads the list `key` of {domain, status} social-inclusion outcomes of `in` into `out`.
void readInclusionOutcomes(JsonFields& in, std::string_view key,
                           std::vector<store::InclusionOutcomeRow>& out);
// The routes of a case's identification, needs, plan and the pending approvals
// (case_assessments.cpp).
void registerCaseAssessmentRoutes(RouteTable& routes);
// {"error":{...}} with extra members (such as "current").
boost::json::object errorBody(const domain::Error& error);

// The handler of a change to one record (a client, a case) whose refusal for a stale version (a
// conflict on "version") answers 409 with the stored record as "current", when the user may still
// read it, so the screen can offer to reload. `Decode` gives the use case's arguments, the
// record's id first; `Run` is the change, `ReadBack` reads the record by id, and `Encode` encodes
// either (answered with 200). Registered as &versionedRecordChange<...> (a ContextHandler).
template <auto Decode, auto Run, auto ReadBack, auto Encode>
boost::asio::awaitable<http::Response> versionedRecordChange(ApiContext& ctx, http::Request& req,
                                                             const policy::Principal& who) {
  auto args = Decode(std::as_const(req));
  if (!args) {
    co_return errorResponse(req, args.error());
  }
  const std::string id = std::get<0>(*args);
  auto done = co_await detail::startUseCase(Run, ctx.hotline(), actorOf(who, req.request_id),
                                            std::move(*args));
  if (done || done.error().code != domain::ErrorCode::kConflict ||
      done.error().field != "version") {
    co_return respond(req, done, Encode);
  }
  boost::json::object body = errorBody(done.error());
  auto current = co_await ReadBack(ctx.hotline(), actorOf(who, req.request_id), id);
  if (current) {
    body["current"] = Encode(*current);
  }
  co_return http::Response::json(409, body);
}

}  // namespace strada::api
