#include "domain/client.h"

#include <cctype>
#include <cstdio>
#include <string>

#include "domain/codes.h"

namespace strada::domain {
namespace {

constexpr std::size_t kMaxItems = 20;

bool validUtf8Text(std::string_view s, std::size_t max_chars) {
  // Counts code points; control characters other than newline and tab are refused.
  std::size_t chars = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) {
      ++chars;
    }
    if (c < 0x20 && c != '\n' && c != '\t') {
      return false;
    }
  }
  return chars <= max_chars;
}

std::string indexed(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

Status checkCode(std::string_view list, std::string_view code, std::string_view field) {
  if (code.empty()) {
    return {};
  }
  const CodeList* codes = findCodeList(list);
  if (codes == nullptr || !codes->contains(code)) {
    return invalidField(std::string(field),
                        "This is not a known code. Pick one from the list offered.");
  }
  return {};
}

Status checkCodes(std::string_view list, const std::vector<std::string>& codes,
                  std::string_view field) {
  if (codes.size() > kMaxItems) {
    return invalidField(std::string(field), "Choose at most 20 entries.");
  }
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].empty()) {
      return invalidField(indexed(field, i), "Remove the empty entry.");
    }
    if (auto ok = checkCode(list, codes[i], indexed(field, i)); !ok) {
      return ok;
    }
  }
  return {};
}

std::int64_t yearOf(UnixMillis now) { return civilFromDays(now / 86'400'000).y; }

Status checkPhones(const std::vector<std::string>& phones) {
  if (phones.size() > 10) {
    return invalidField("person.phones", "Give at most 10 phone numbers.");
  }
  for (std::size_t i = 0; i < phones.size(); ++i) {
    const std::string& p = phones[i];
    const bool shape = !p.empty() && p.size() <= 30 &&
                       p.find_first_not_of("+0123456789 ()-.") == std::string::npos &&
                       p.find_first_of("0123456789") != std::string::npos;
    if (!shape) {
      return invalidField(indexed("person.phones", i),
                          "Write a phone number with digits, spaces, +, -, ( and ) only.");
    }
  }
  return {};
}

Status checkDocuments(const std::vector<IdDocument>& docs) {
  if (docs.size() > 10) {
    return invalidField("person.id_documents", "Give at most 10 documents.");
  }
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const std::string base = indexed("person.id_documents", i);
    if (docs[i].kind.empty()) {
      return invalidField(base + ".kind", "Choose the kind of document.");
    }
    if (auto ok = checkCode("id_document_kind", docs[i].kind, base + ".kind"); !ok) {
      return ok;
    }
    if (docs[i].number.empty() || !validUtf8Text(docs[i].number, 100)) {
      return invalidField(base + ".number", "Write the document's number (up to 100 characters).");
    }
    if (auto ok = checkCode("country", docs[i].country, base + ".country"); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace

Result<std::int64_t> parseCalendarDate(std::string_view text, std::string_view field) {
  const auto bad = [&] {
    return invalidField(std::string(field), "Write the date as YYYY-MM-DD, e.g. 2024-05-31.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad();
  }
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = 0; i < lengths[p]; ++i) {
      const char c = text[starts[p] + i];
      if (c < '0' || c > '9') {
        return bad();
      }
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  if (parts[0] < 1900 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1) {
    return bad();
  }
  const auto m = static_cast<unsigned>(parts[1]);
  const auto d = static_cast<unsigned>(parts[2]);
  const std::int64_t day = daysFromCivil(parts[0], m, d);
  const CivilDate back = civilFromDays(day);
  if (back.m != m || back.d != d) {
    return bad();
  }
  return day;
}

std::string formatCalendarDate(std::int64_t day) {
  const CivilDate c = civilFromDays(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return buf;
}

std::string normaliseName(std::string_view name) {
  std::string out;
  bool space = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isspace(c) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : ch);
  }
  return out;
}

Status validateClientPerson(const ClientPerson& person, UnixMillis now) {
  if (normaliseName(person.full_name).empty() || !validUtf8Text(person.full_name, 200)) {
    return invalidField("person.full_name", "Write the person's full name (up to 200 characters).");
  }
  if (person.other_names.size() > kMaxItems) {
    return invalidField("person.other_names", "Give at most 20 other names.");
  }
  for (std::size_t i = 0; i < person.other_names.size(); ++i) {
    const std::string& n = person.other_names[i];
    if (normaliseName(n).empty() || !validUtf8Text(n, 200)) {
      return invalidField(indexed("person.other_names", i),
                          "Write the name (up to 200 characters) or remove the entry.");
    }
  }
  if (!person.birth_date.empty()) {
    auto day = parseCalendarDate(person.birth_date, "person.birth_date");
    if (!day) {
      return tl::unexpected(day.error());
    }
    if (*day > now / 86'400'000) {
      return invalidField("person.birth_date", "The birth date cannot be in the future.");
    }
  }
  if (auto ok = checkPhones(person.phones); !ok) {
    return ok;
  }
  if (!person.email.empty() &&
      (person.email.size() > 254 || person.email.find('@') == std::string::npos ||
       !validUtf8Text(person.email, 254))) {
    return invalidField("person.email", "Write an e-mail address such as name@example.org.");
  }
  if (!validUtf8Text(person.address, 1000)) {
    return invalidField("person.address", "Write the address in up to 1000 characters.");
  }
  return checkDocuments(person.id_documents);
}

Status validateClientCoded(const ClientCoded& c, UnixMillis now) {
  const struct {
    std::string_view list, field;
    const std::string* code;
  } singles[] = {
      {"gender", "coded.gender", &c.gender},
      {"age_band", "coded.age_band", &c.age_band},
      {"language", "coded.primary_language", &c.primary_language},
      {"education", "coded.education", &c.education},
      {"trafficking_status", "coded.trafficking_status", &c.trafficking_status},
      {"status_decided_by", "coded.status_decided_by", &c.status_decided_by},
      {"relationship_to_trafficker", "coded.relationship_to_trafficker",
       &c.relationship_to_trafficker},
  };
  for (const auto& s : singles) {
    if (auto ok = checkCode(s.list, *s.code, s.field); !ok) {
      return ok;
    }
  }
  if (c.birth_year != 0 && (c.birth_year < 1900 || c.birth_year > yearOf(now))) {
    return invalidField("coded.birth_year", "Give a birth year from 1900 to this year.");
  }
  if (c.age_when_trafficked < -1 || c.age_when_trafficked > 120) {
    return invalidField("coded.age_when_trafficked", "Give an age from 0 to 120 years.");
  }
  const struct {
    std::string_view list, field;
    const std::vector<std::string>* codes;
  } lists[] = {
      {"country", "coded.citizenships", &c.citizenships},
      {"recruitment_method", "coded.recruitment_methods", &c.recruitment_methods},
      {"control_method", "coded.control_methods", &c.control_methods},
      {"exploitation", "coded.exploitation_types", &c.exploitation_types},
      {"industry", "coded.industries", &c.industries},
      {"country", "coded.countries_origin", &c.countries_origin},
      {"country", "coded.countries_transit", &c.countries_transit},
      {"country", "coded.countries_exploitation", &c.countries_exploitation},
  };
  for (const auto& l : lists) {
    if (auto ok = checkCodes(l.list, *l.codes, l.field); !ok) {
      return ok;
    }
  }
  return {};
}

}  // namespace strada::domain
