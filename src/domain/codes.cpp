#include "domain/codes.h"

#include <algorithm>
#include <deque>
#include <string>

#include "domain/country_names.h"
#include "domain/embedded_tables.h"

namespace strada::domain {

namespace {

struct OwnedList {
  std::string_view name;
  std::vector<std::string_view> codes;
  std::vector<CodeLabels> labels;
};

struct Registry {
  std::string_view version;
  std::deque<OwnedList> owned;  // deque: stable addresses for the spans below
  std::deque<OwnedList> iso_codes;
  std::deque<CodeList> lists;
  std::vector<const CodeList*> all;
};

// The ISO lists: language codes from their file, country codes from the country-name table.
std::vector<std::string_view> languageList() {
  std::vector<std::string_view> codes;
  for (const auto& fields : tableRows(embeddedLanguageCodes())) {
    if (fields.size() != 1 || fields[0].size() != 2) {
      malformedTable("languages.tsv", fields[0]);
    }
    codes.push_back(fields[0]);
  }
  return codes;
}

std::vector<std::string_view> countryList() {
  std::vector<std::string_view> codes;
  for (const CountryNames& country : countryNameTable()) {
    codes.push_back(country.code);
  }
  return codes;
}

Registry buildRegistry() {
  Registry r;
  for (const auto& fields : tableRows(embeddedHotlineCodes())) {
    if (fields.size() == 2 && fields[0] == "version") {
      r.version = fields[1];
      continue;
    }
    if (fields.size() != 2 + kLabelLanguages.size() || fields[0].empty() || fields[1].empty()) {
      malformedTable("hotline-codes.tsv", fields[0]);
    }
    if (r.owned.empty() || r.owned.back().name != fields[0]) {
      r.owned.push_back(OwnedList{fields[0], {}, {}});
    }
    r.owned.back().codes.push_back(fields[1]);
    CodeLabels labels;
    std::copy(fields.begin() + 2, fields.end(), labels.begin());
    r.owned.back().labels.push_back(labels);
  }
  if (r.version.empty()) {
    malformedTable("hotline-codes.tsv", "(no version line)");
  }
  for (const auto& o : r.owned) {
    r.lists.push_back(CodeList{o.name, r.version, o.codes, o.labels});
  }
  r.iso_codes.push_back({"language", languageList(), {}});
  r.iso_codes.push_back({"country", countryList(), {}});
  for (const auto& iso : r.iso_codes) {
    r.lists.push_back(CodeList{iso.name, r.version, iso.codes, {}});
  }
  for (const auto& l : r.lists) {
    r.all.push_back(&l);
  }
  return r;
}

const Registry& registry() {
  static const Registry kRegistry = buildRegistry();
  return kRegistry;
}

const CodeList& required(std::string_view name) {
  const CodeList* list = findCodeList(name);
  if (list == nullptr) {
    malformedTable("hotline-codes.tsv", name);
  }
  return *list;
}

}  // namespace

bool CodeList::contains(std::string_view code) const {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string_view codesVersion() { return registry().version; }

const CodeList* findCodeList(std::string_view name) {
  for (const CodeList* list : registry().all) {
    if (list->name == name) {
      return list;
    }
  }
  return nullptr;
}

const std::vector<const CodeList*>& allCodeLists() { return registry().all; }

const CodeList& channelCodes() { return required("channel"); }
const CodeList& callerTypeCodes() { return required("caller_type"); }
const CodeList& agencyTypeCodes() { return required("agency_type"); }
const CodeList& agencyServiceCodes() { return required("agency_service"); }
const CodeList& languageCodes() { return required("language"); }
const CodeList& countryCodes() { return required("country"); }

}  // namespace strada::domain
