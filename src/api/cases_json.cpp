#include "api/cases_json.h"

#include <boost/json/parse.hpp>

#include "domain/time.h"

namespace strada::api {
namespace {

namespace json = boost::json;

std::size_t utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

json::value orNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::array stringArray(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) {
    out.emplace_back(s);
  }
  return out;
}

}  // namespace

std::string NestedJsonFields::pathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const json::value* NestedJsonFields::find(std::string_view key) {
  seen_.emplace(key);
  const json::value* v = object_.if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

domain::Result<std::string> NestedJsonFields::text(std::string_view key, std::size_t max_chars,
                                                   bool required) {
  const json::value* v = find(key);
  if (v == nullptr) {
    if (required) {
      return domain::invalidField(pathOf(key), "This field is required.");
    }
    return std::string();
  }
  if (!v->is_string()) {
    return domain::invalidField(pathOf(key), "This field must be text.");
  }
  std::string out(v->as_string());
  if (utf8Length(out) > max_chars) {
    return domain::invalidField(pathOf(key), "This text is too long (at most " +
                                                 std::to_string(max_chars) + " characters).");
  }
  return out;
}

domain::Result<std::vector<std::string>> NestedJsonFields::texts(std::string_view key,
                                                                 std::size_t max_items) {
  auto items = array(key, max_items);
  if (!items) {
    return tl::unexpected(items.error());
  }
  std::vector<std::string> out;
  if (*items == nullptr) {
    return out;
  }
  for (std::size_t i = 0; i < (*items)->size(); ++i) {
    const json::value& item = (**items)[i];
    if (!item.is_string() || utf8Length(item.as_string()) > 500) {
      return domain::invalidField(pathOf(key) + "[" + std::to_string(i) + "]",
                                  "Each entry must be text of at most 500 characters.");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

domain::Result<std::optional<std::int64_t>> NestedJsonFields::integer(std::string_view key,
                                                                      std::int64_t min,
                                                                      std::int64_t max) {
  const json::value* v = find(key);
  if (v == nullptr) {
    return std::optional<std::int64_t>();
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(max)) {
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    return domain::invalidField(pathOf(key), "This field must be a whole number.");
  }
  if (n < min || n > max) {
    return domain::invalidField(pathOf(key), "Give a number from " + std::to_string(min) + " to " +
                                                 std::to_string(max) + ".");
  }
  return std::optional<std::int64_t>(n);
}

domain::Result<const json::object*> NestedJsonFields::object(std::string_view key, bool required) {
  const json::value* v = find(key);
  if (v == nullptr) {
    if (required) {
      return domain::invalidField(pathOf(key), "This field is required.");
    }
    return nullptr;
  }
  if (!v->is_object()) {
    return domain::invalidField(pathOf(key), "This field must be an object.");
  }
  return &v->as_object();
}

domain::Result<const json::array*> NestedJsonFields::array(std::string_view key,
                                                           std::size_t max_items) {
  const json::value* v = find(key);
  if (v == nullptr) {
    return nullptr;
  }
  if (!v->is_array()) {
    return domain::invalidField(pathOf(key), "This field must be a list.");
  }
  if (v->as_array().size() > max_items) {
    return domain::invalidField(pathOf(key),
                                "Give at most " + std::to_string(max_items) + " entries.");
  }
  return &v->as_array();
}

domain::Status NestedJsonFields::rejectUnknown() const {
  for (const auto& member : object_) {
    if (!seen_.contains(std::string_view(member.key()))) {
      return domain::invalidField(pathOf(std::string(member.key()).substr(0, 64)),
                                  "This field is not known here. Remove it.");
    }
  }
  return {};
}

domain::Result<json::object> parseObject(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  json::value v = json::parse(body, ec, {}, options);
  if (ec) {
    return domain::invalidField("", "The request body is not valid JSON.");
  }
  if (!v.is_object()) {
    return domain::invalidField("", "The request body must be a JSON object.");
  }
  return std::move(v.as_object());
}

json::object encodePerson(const domain::ClientPerson& p) {
  json::array docs;
  for (const auto& d : p.id_documents) {
    docs.push_back(json::object{{"kind", d.kind}, {"number", d.number}, {"country", d.country}});
  }
  return json::object{{"full_name", p.full_name},
                      {"other_names", stringArray(p.other_names)},
                      {"birth_date", orNull(p.birth_date)},
                      {"phones", stringArray(p.phones)},
                      {"email", p.email},
                      {"address", p.address},
                      {"id_documents", std::move(docs)}};
}

json::object encodeCoded(const domain::ClientCoded& c) {
  return json::object{
      {"gender", orNull(c.gender)},
      {"birth_year", c.birth_year == 0 ? json::value(nullptr) : json::value(c.birth_year)},
      {"age_band", orNull(c.age_band)},
      {"citizenships", stringArray(c.citizenships)},
      {"primary_language", orNull(c.primary_language)},
      {"education", orNull(c.education)},
      {"trafficking_status", orNull(c.trafficking_status)},
      {"status_decided_by", orNull(c.status_decided_by)},
      {"relationship_to_trafficker", orNull(c.relationship_to_trafficker)},
      {"age_when_trafficked",
       c.age_when_trafficked < 0 ? json::value(nullptr) : json::value(c.age_when_trafficked)},
      {"recruitment_methods", stringArray(c.recruitment_methods)},
      {"control_methods", stringArray(c.control_methods)},
      {"exploitation_types", stringArray(c.exploitation_types)},
      {"industries", stringArray(c.industries)},
      {"countries_origin", stringArray(c.countries_origin)},
      {"countries_transit", stringArray(c.countries_transit)},
      {"countries_exploitation", stringArray(c.countries_exploitation)}};
}

json::object encodeClientView(const cases::ClientView& view) {
  const domain::Client& c = view.client;
  json::value kase = nullptr;
  if (view.case_id) {
    kase = json::object{{"id", *view.case_id}, {"status", view.case_status}};
  }
  return json::object{
      {"id", c.id},
      {"client_code", c.client_code},
      {"person", view.person_visible ? json::value(encodePerson(c.person)) : json::value(nullptr)},
      {"coded", encodeCoded(c.coded)},
      {"possible_duplicates", stringArray(view.possible_duplicates)},
      {"case", std::move(kase)},
      {"version", c.version},
      {"created_at", domain::formatRfc3339(c.created_at)},
      {"updated_at", domain::formatRfc3339(c.updated_at)}};
}

json::object errorBody(const domain::Error& error) {
  return json::object{{"error", json::object{{"code", domain::errorCodeName(error.code)},
                                             {"message", error.message},
                                             {"field", error.field}}}};
}

}  // namespace strada::api
