// Possible duplicate clients: flag a pair, list the flags, dismiss one or merge its pair. Each
// route decodes, calls its use case in cases/client_merge.h, and encodes.
#include "cases/client_merge.h"

#include <boost/json/object.hpp>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

domain::Result<cases::DuplicateFlagInput> decodeFlag(std::string_view body) {
  JsonFields in(body);
  cases::DuplicateFlagInput flag;
  in.required("other_client_id", flag.other_client_id, 64);
  in.required("reason", flag.reason, 64);
  return in.finish(std::move(flag));
}

domain::Result<std::string> decodeMerge(std::string_view body) {
  JsonFields in(body);
  std::string survivor_id;
  in.required("survivor_id", survivor_id, 64);
  return in.finish(std::move(survivor_id));
}

domain::Result<std::string> decodeFlagQuery(const http::Request& req) {
  std::string status = "open";
  for (const auto& [name, value] : req.query) {
    if (name != "status") {
      return unknownParam(name);
    }
    status = value;
  }
  return status;
}

// The DuplicateFlag schema of docs/openapi.yaml.
json::object encodeFlag(const cases::DuplicateFlagView& v) {
  const store::DuplicateFlagRow& f = v.flag;
  const auto client = [](const std::string& id, const std::string& code) {
    return json::object{{"id", id}, {"client_code", code}};
  };
  return json::object{
      {"id", f.id},
      {"client_a", client(f.client_a, f.client_a_code)},
      {"client_b", client(f.client_b, f.client_b_code)},
      {"reason", f.reason},
      {"flagged_by", userRef(v.names, f.flagged_by)},
      {"flagged_at", domain::formatRfc3339(f.flagged_at)},
      {"status", f.status},
      {"resolved_by", userRef(v.names, f.resolved_by)},
      {"resolved_at", f.resolved_at != 0 ? json::value(domain::formatRfc3339(f.resolved_at))
                                         : json::value(nullptr)},
      {"survivor_id", orNull(f.survivor_id)}};
}

json::object encodeFlags(const std::vector<cases::DuplicateFlagView>& flags) {
  return itemsBody(flags, encodeFlag);
}

http::Response encodeCreatedFlag(const cases::DuplicateFlagView& view) {
  return created(encodeFlag(view), "/api/v1/duplicate-flags/" + view.flag.id);
}

}  // namespace

void registerClientMergeRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/clients/{id}/duplicate-flags", Permission::kClientCreate,
               idAndBody<decodeFlag>, cases::flagDuplicate, encodeCreatedFlag);
  routes.route("GET", "/api/v1/duplicate-flags", Permission::kClientMerge, decodeFlagQuery,
               cases::listDuplicateFlags, encodeFlags);
  routes.route("POST", "/api/v1/duplicate-flags/{id}/dismiss", Permission::kClientMerge, idParam,
               cases::dismissDuplicateFlag, encodeFlag);
  routes.route("POST", "/api/v1/duplicate-flags/{id}/merge", Permission::kClientMerge,
               idAndBody<decodeMerge>, cases::mergeDuplicateFlag, encodeFlag);
}

}  // namespace strada::api
