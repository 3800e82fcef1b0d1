#include "api/cases_json.h"

#include "api/encode.h"
#include "domain/time.h"

namespace strada::api {

namespace json = boost::json;

json::value orNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

json::value userRef(const std::map<std::string, std::string>& names, const std::string& id) {
  if (id.empty()) {
    return nullptr;
  }
  const auto it = names.find(id);
  return json::object{{"id", id}, {"name", colleagueName(it == names.end() ? "" : it->second, id)}};
}

json::value caseRef(const std::optional<std::string>& case_id, const std::string& status) {
  if (!case_id) {
    return nullptr;
  }
  return json::object{{"id", *case_id}, {"status", status}};
}

json::object encodeMerges(const cases::MergeRefs& merges) {
  const auto ref = [](const cases::MergedRef& m) {
    json::value kase = nullptr;
    if (m.case_id) {
      kase =
          json::object{{"id", *m.case_id}, {"case_code", m.case_code}, {"status", m.case_status}};
    }
    return json::object{{"client_id", m.client_id}, {"client_code", m.client_code}, {"case", kase}};
  };
  json::array from;
  for (const auto& m : merges.merged_from) {
    from.push_back(ref(m));
  }
  return {{"merged_from", std::move(from)},
          {"merged_into",
           merges.merged_into ? json::value(ref(*merges.merged_into)) : json::value(nullptr)}};
}

json::object encodePerson(const domain::ClientPerson& p) {
  json::array docs;
  for (const auto& d : p.id_documents) {
    docs.push_back(json::object{{"kind", d.kind}, {"number", d.number}, {"country", d.country}});
  }
  return json::object{{"full_name", p.full_name},
                      {"other_names", json::array(p.other_names.begin(), p.other_names.end())},
                      {"birth_date", orNull(p.birth_date)},
                      {"phones", json::array(p.phones.begin(), p.phones.end())},
                      {"email", p.email},
                      {"address", p.address},
                      {"id_documents", std::move(docs)}};
}

json::object encodeCoded(const domain::ClientCoded& c) {
  json::object out;
  for (const CodedCodes& field : kCodedCodes) {
    if (field.code != nullptr) {
      out[field.key] = orNull(c.*field.code);
    } else {
      const std::vector<std::string>& codes = c.*field.codes;
      out[field.key] = json::array(codes.begin(), codes.end());
    }
  }
  out["birth_year"] = c.birth_year == 0 ? json::value(nullptr) : json::value(c.birth_year);
  out["age_when_trafficked"] =
      c.age_when_trafficked < 0 ? json::value(nullptr) : json::value(c.age_when_trafficked);
  return out;
}

json::object encodeClientView(const cases::ClientView& view) {
  const domain::Client& c = view.client;
  json::object out{
      {"id", c.id},
      {"client_code", c.client_code},
      {"person", view.person_visible ? json::value(encodePerson(c.person)) : json::value(nullptr)},
      {"coded", encodeCoded(c.coded)},
      {"possible_duplicates",
       json::array(view.possible_duplicates.begin(), view.possible_duplicates.end())},
      {"case", caseRef(view.case_id, view.case_status)},
      {"version", c.version},
      {"created_at", domain::formatRfc3339(c.created_at)},
      {"updated_at", domain::formatRfc3339(c.updated_at)},
      {"erased_at",
       c.erased_at != 0 ? json::value(domain::formatRfc3339(c.erased_at)) : json::value(nullptr)}};
  for (auto& [key, value] : encodeMerges(view.merges)) {
    out[key] = std::move(value);
  }
  return out;
}

json::object errorBody(const domain::Error& error) {
  return json::object{{"error", json::object{{"code", domain::errorCodeName(error.code)},
                                             {"message", error.message},
                                             {"field", error.field}}}};
}

}  // namespace strada::api
