#include "api/encode.h"

#include <boost/json/array.hpp>

#include "domain/time.h"

namespace strada::api {

boost::json::value timeOrNull(domain::UnixMillis at) {
  return at > 0 ? boost::json::value(domain::formatRfc3339(at)) : boost::json::value(nullptr);
}

boost::json::array encodeRoles(const std::vector<domain::Role>& roles) {
  boost::json::array out;
  out.reserve(roles.size());
  for (const domain::Role role : roles) {
    out.emplace_back(domain::roleName(role));
  }
  return out;
}

std::string colleagueName(std::string_view name, std::string_view user_id) {
  constexpr std::size_t kIdPrefixChars = 8;
  if (!name.empty()) {
    return std::string(name);
  }
  return "User " + std::string(user_id.substr(0, kIdPrefixChars));
}

boost::json::object encodeUser(const domain::User& user, const domain::Organisation& org) {
  boost::json::array roles = encodeRoles(user.roles);
  boost::json::object organisation{
      {"id", org.id}, {"code", org.code}, {"name", org.name}, {"country", org.country}};
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"roles", std::move(roles)},
          {"organisation", std::move(organisation)}};
}

namespace {

boost::json::array toArray(const std::vector<std::string>& values) {
  boost::json::array out;
  out.reserve(values.size());
  for (const auto& v : values) {
    out.emplace_back(v);
  }
  return out;
}

}  // namespace

boost::json::object encodeContact(const domain::Contact& contact, bool with_sealed) {
  const auto& d = contact.data;
  boost::json::object out{{"id", contact.id},
                          {"status", d.status},
                          {"kind", d.kind},
                          {"channel", d.channel},
                          {"started_at", domain::formatRfc3339(d.started_at)},
                          {"duration_s", d.duration_s},
                          {"created_at", domain::formatRfc3339(contact.created_at)},
                          {"created_by", contact.created_by},
                          {"code_version", contact.code_version},
                          {"version", contact.version}};
  if (d.kind == domain::kKindNonData) {
    out["non_data_type"] = d.non_data_type;
  } else {
    out["category"] = d.category;
    out["caller_type"] = d.caller_type;
    out["anonymous"] = d.anonymous;
    out["caller_gender"] = d.caller_gender;
    out["caller_age_band"] = d.caller_age_band;
    out["language"] = d.language;
    out["caller_country"] = d.caller_country;
    out["destination_country"] = d.destination_country;
    out["exploitation"] = toArray(d.exploitation);
    out["industry"] = toArray(d.industry);
    out["indicators"] = toArray(d.indicators);
    out["imminent_danger"] = d.imminent_danger;
    out["assistance"] = toArray(d.assistance);
    out["referral_agency_ids"] = toArray(d.referral_agency_ids);
    out["outcome"] = d.outcome;
    out["follow_up_needed"] = d.follow_up_needed;
    out["follow_up_due"] =
        d.follow_up_due ? boost::json::value(domain::formatRfc3339(*d.follow_up_due)) : nullptr;
    out["follow_up_done_at"] =
        contact.follow_up_done_at
            ? boost::json::value(domain::formatRfc3339(*contact.follow_up_done_at))
            : nullptr;
  }
  out["finalised_at"] = contact.finalised_at
                            ? boost::json::value(domain::formatRfc3339(*contact.finalised_at))
                            : nullptr;
  if (with_sealed) {
    out["summary"] = d.summary;
    out["caller_identifier"] = d.caller_identifier;
    if (d.kind != domain::kKindNonData) {
      out["caller_region"] = d.caller_region;  // free text about the caller: sealed at rest
    }
  }
  return out;
}

}  // namespace strada::api
