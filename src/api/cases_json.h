// Strict decoding of the nested JSON bodies of clients and cases: every failure is
// InvalidArgument naming the field by its path ("person.phones[1]", "referral.referred_on"); a
// member a route does not know is refused. Also the shared encoders of clients and cases.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/handler.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "domain/client.h"
#include "domain/error.h"

namespace strada::api {

class RouteTable;

// One JSON object being decoded, at `path` ("" for the body, "person" for a member). Its own name:
// api/json_input.h's JsonFields reads a flat body (two classes of one name in one namespace are
// one class to the linker, which then keeps either's inline members for both).
class NestedJsonFields {
 public:
  NestedJsonFields(const boost::json::object& object, std::string path)
      : object_(object), path_(std::move(path)) {}

  // Absent or null gives "" (or nullopt / an empty list); a wrong type is refused.
  [[nodiscard]] domain::Result<std::string> text(std::string_view key, std::size_t max_chars,
                                                 bool required = false);
  [[nodiscard]] domain::Result<std::vector<std::string>> texts(std::string_view key,
                                                               std::size_t max_items);
  [[nodiscard]] domain::Result<std::optional<std::int64_t>> integer(std::string_view key,
                                                                    std::int64_t min,
                                                                    std::int64_t max);
  // A member that must be an object (nullptr when absent or null and not required).
  [[nodiscard]] domain::Result<const boost::json::object*> object(std::string_view key,
                                                                  bool required);
  [[nodiscard]] domain::Result<const boost::json::array*> array(std::string_view key,
                                                                std::size_t max_items);
  [[nodiscard]] domain::Status rejectUnknown() const;
  [[nodiscard]] std::string pathOf(std::string_view key) const;

 private:
  const boost::json::value* find(std::string_view key);
  const boost::json::object& object_;
  std::string path_;
  std::set<std::string, std::less<>> seen_;
};

// Parses a body that must be a JSON object (InvalidArgument, field "", otherwise).
[[nodiscard]] domain::Result<boost::json::object> parseObject(std::string_view body);

[[nodiscard]] domain::Result<domain::ClientPerson> decodePerson(const boost::json::object& o);
[[nodiscard]] domain::Result<domain::ClientCoded> decodeCoded(const boost::json::object& o);

boost::json::object encodePerson(const domain::ClientPerson& person);
boost::json::object encodeCoded(const domain::ClientCoded& coded);
// The Client schema of docs/openapi.yaml.
boost::json::object encodeClientView(const cases::ClientView& view);
// The Case schema of docs/openapi.yaml.
boost::json::object encodeCaseView(const cases::CaseView& view);
// The routes of consents, notes and the timeline (case_entries.cpp).
void registerCaseEntryRoutes(RouteTable& routes);
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
