// Decoding a client's person and coded fields (cases_json.h).
#include "api/cases_json.h"

namespace strada::api {

void readPerson(JsonFields person, domain::ClientPerson& p) {
  person.required("full_name", p.full_name, 200);
  person.optional("birth_date", p.birth_date, 10);
  person.optional("email", p.email, 254);
  person.optional("address", p.address, 1000);
  person.list("other_names", p.other_names, 20, kMaxListEntryChars);
  person.list("phones", p.phones, 10, kMaxListEntryChars);
  for (JsonFields& document : person.objects("id_documents", 10)) {
    domain::IdDocument d;
    document.required("kind", d.kind, 40);
    document.required("number", d.number, 100);
    document.optional("country", d.country, 2);
    p.id_documents.push_back(std::move(d));
  }
}

void readCoded(JsonFields coded, domain::ClientCoded& c) {
  for (const CodedCodes& field : kCodedCodes) {
    if (field.code != nullptr) {
      coded.optional(field.key, c.*field.code, 64);
    } else {
      coded.list(field.key, c.*field.codes, 20, kMaxListEntryChars);
    }
  }
  coded.integer("birth_year", c.birth_year, 1900, 3000, false);
  coded.integer("age_when_trafficked", c.age_when_trafficked, 0, 120, false);
}

}  // namespace strada::api
