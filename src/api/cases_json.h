// Strict decoding of the nested JSON bodies of clients and cases: every failure is
// InvalidArgument naming the field by its path ("person.phones[1]", "referral.referred_on"); a
// member a route does not know is refused. Also the shared encoders of clients and cases.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.h"
#include "cases/clients.h"
#include "domain/client.h"
#include "domain/error.h"

namespace strada::api {

class RouteTable;

// One JSON object being decoded, at `path` ("" for the body, "person" for a member).
class JsonFields {
 public:
  JsonFields(const boost::json::object& object, std::string path)
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
// {"error":{...}} with extra members (such as "current").
boost::json::object errorBody(const domain::Error& error);

}  // namespace strada::api
