#include "api/encode.h"

#include <boost/json/array.hpp>

#include "domain/time.h"

namespace strada::api {

boost::json::object encodeUser(const domain::User& user, const domain::Organisation& org) {
  boost::json::array roles;
  for (auto role : user.roles) {
    roles.emplace_back(domain::roleName(role));
  }
  boost::json::object organisation{
      {"id", org.id}, {"code", org.code}, {"name", org.name}, {"country", org.country}};
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"roles", std::move(roles)},
          {"organisation", std::move(organisation)}};
}

boost::json::object encodeContact(const domain::Contact& contact, bool with_summary) {
  const auto& d = contact.data;
  boost::json::object out{{"id", contact.id},
                          {"channel", d.channel},
                          {"started_at", domain::formatRfc3339(d.started_at)},
                          {"duration_s", d.duration_s},
                          {"caller_type", d.caller_type},
                          {"anonymous", d.anonymous},
                          {"language", d.language},
                          {"created_at", domain::formatRfc3339(contact.created_at)},
                          {"created_by", contact.created_by},
                          {"code_version", contact.code_version}};
  if (with_summary) {
    out["summary"] = d.summary;
  }
  return out;
}

}  // namespace strada::api
