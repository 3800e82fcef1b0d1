// A case's transfer with acceptance, the transfers waiting for the caller, and who a case can be
// given to. Each route decodes, calls its use case in cases/case_transfers.h, and encodes; a stale
// request answers 409 with the case as `current`.
#include "cases/case_transfers.h"

#include <boost/json/object.hpp>
#include <tuple>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {

namespace json = boost::json;

namespace {

json::object encodeOutcome(const cases::TransferOutcome& o) {
  return {{"case_id", o.case_id}, {"accepted", o.accepted}, {"assigned_to_id", o.assigned_to}};
}

domain::Result<cases::TransferRequest> decodeTransferRequest(std::string_view body) {
  JsonFields in(body);
  cases::TransferRequest r;
  in.required("to", r.to, 64);
  in.required("reason", r.reason, 500);
  in.version(r.version);
  return in.finish(std::move(r));
}

domain::Result<cases::TransferDecision> decodeTransferDecision(std::string_view body) {
  auto parsed = JsonInput::parse(body);
  if (parsed && !parsed->has("accept")) {
    return domain::invalidField("accept", "Say whether you accept the case (true or false).");
  }
  JsonFields in(body);
  cases::TransferDecision d;
  in.optional("accept", d.accept);
  in.optional("reason", d.reason, 500);
  return in.finish(std::move(d));
}

// GET /transfers?to=me: the transfers waiting for the caller (the only list there is).
Arguments<> decodeMyTransfersQuery(const http::Request& req) {
  for (const auto& [name, value] : req.query) {
    if (name != "to") {
      return unknownParam(name);
    }
    if (value != "me") {
      return domain::invalidField("to", "Only the transfers offered to you are listed: to=me.");
    }
  }
  return std::tuple<>();
}

json::object encodeMyTransfers(const cases::TransferList& list) {
  return itemsBody(list.items, [&list](const store::CaseTransferRow& t) {
    json::object out = encodeTransfer(t, list.names);
    out["case_code"] = t.case_code;
    out["client_code"] = t.client_code;
    out["case_status"] = t.case_status;
    return out;
  });
}

json::object encodeAssignable(const std::vector<cases::AssignableUser>& users) {
  return itemsBody(users, [](const cases::AssignableUser& u) {
    return json::object{{"id", u.id}, {"name", colleagueName(u.name, u.id)}};
  });
}

}  // namespace

json::object encodeTransfer(const store::CaseTransferRow& t,
                            const std::map<std::string, std::string>& names) {
  return json::object{{"id", t.id},
                      {"case_id", t.case_id},
                      {"from", userRef(names, t.from_user)},
                      {"to", userRef(names, t.to_user)},
                      {"reason", t.reason},
                      {"requested_by", userRef(names, t.requested_by)},
                      {"requested_at", domain::formatRfc3339(t.requested_at)}};
}

void registerCaseTransferRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/cases/{id}/transfer", Permission::kCaseUpdate,
               &versionedRecordChange<idAndBody<decodeTransferRequest>, cases::requestTransfer,
                                      cases::readCase, encodeCaseView>);
  routes.route("POST", "/api/v1/cases/{id}/transfer/acceptance", Permission::kCaseUpdate,
               idAndBody<decodeTransferDecision>, cases::decideTransfer, encodeOutcome);
  routes.route("GET", "/api/v1/transfers", Permission::kTaskListMine, decodeMyTransfersQuery,
               cases::myTransfers, encodeMyTransfers);
  routes.route("GET", "/api/v1/case-workers", Permission::kCaseUpdate, noParams,
               cases::assignableUsers, encodeAssignable);
}

}  // namespace strada::api
