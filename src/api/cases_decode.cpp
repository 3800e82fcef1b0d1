// Decoding a client's person and coded fields (cases_json.h).
#include "api/cases_json.h"

namespace strada::api {
namespace {

namespace json = boost::json;

domain::Status documentsInto(NestedJsonFields& f, std::vector<domain::IdDocument>& out) {
  auto docs = f.array("id_documents", 10);
  if (!docs) {
    return tl::unexpected(docs.error());
  }
  if (*docs == nullptr) {
    return {};
  }
  for (std::size_t i = 0; i < (*docs)->size(); ++i) {
    const std::string path = f.pathOf("id_documents") + "[" + std::to_string(i) + "]";
    const json::value& v = (**docs)[i];
    if (!v.is_object()) {
      return domain::invalidField(path, "Each document must be an object.");
    }
    NestedJsonFields doc(v.as_object(), path);
    domain::IdDocument d;
    auto kind = doc.text("kind", 40, true);
    auto number = doc.text("number", 100, true);
    auto country = doc.text("country", 2);
    for (const auto* r : {&kind, &number, &country}) {
      if (!*r) {
        return tl::unexpected(r->error());
      }
    }
    if (auto unknown = doc.rejectUnknown(); !unknown) {
      return unknown;
    }
    out.push_back({std::move(*kind), std::move(*number), std::move(*country)});
  }
  return {};
}

}  // namespace

domain::Result<domain::ClientPerson> decodePerson(const json::object& o) {
  NestedJsonFields f(o, "person");
  domain::ClientPerson p;
  struct Text {
    const char* key;
    std::size_t max;
    bool required;
    std::string* out;
  };
  for (const Text& t :
       {Text{"full_name", 200, true, &p.full_name}, Text{"birth_date", 10, false, &p.birth_date},
        Text{"email", 254, false, &p.email}, Text{"address", 1000, false, &p.address}}) {
    auto value = f.text(t.key, t.max, t.required);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *t.out = std::move(*value);
  }
  auto other = f.texts("other_names", 20);
  if (!other) {
    return tl::unexpected(other.error());
  }
  p.other_names = std::move(*other);
  auto phones = f.texts("phones", 10);
  if (!phones) {
    return tl::unexpected(phones.error());
  }
  p.phones = std::move(*phones);
  if (auto docs = documentsInto(f, p.id_documents); !docs) {
    return tl::unexpected(docs.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return p;
}

domain::Result<domain::ClientCoded> decodeCoded(const json::object& o) {
  NestedJsonFields f(o, "coded");
  domain::ClientCoded c;
  for (auto [key, out] :
       {std::pair{"gender", &c.gender}, std::pair{"age_band", &c.age_band},
        std::pair{"primary_language", &c.primary_language}, std::pair{"education", &c.education},
        std::pair{"trafficking_status", &c.trafficking_status},
        std::pair{"status_decided_by", &c.status_decided_by},
        std::pair{"relationship_to_trafficker", &c.relationship_to_trafficker}}) {
    auto value = f.text(key, 64);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  for (auto [key, out] :
       {std::pair{"citizenships", &c.citizenships},
        std::pair{"recruitment_methods", &c.recruitment_methods},
        std::pair{"control_methods", &c.control_methods},
        std::pair{"exploitation_types", &c.exploitation_types},
        std::pair{"industries", &c.industries}, std::pair{"countries_origin", &c.countries_origin},
        std::pair{"countries_transit", &c.countries_transit},
        std::pair{"countries_exploitation", &c.countries_exploitation}}) {
    auto value = f.texts(key, 20);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  auto year = f.integer("birth_year", 1900, 3000);
  auto age = f.integer("age_when_trafficked", 0, 120);
  if (!year || !age) {
    return tl::unexpected(!year ? year.error() : age.error());
  }
  c.birth_year = static_cast<std::int32_t>(year->value_or(0));
  c.age_when_trafficked = static_cast<std::int32_t>(age->value_or(-1));
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return c;
}

}  // namespace strada::api
