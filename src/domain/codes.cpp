#include "domain/codes.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace strada::domain {

// Defined in the generated codes_embedded.cpp (see embed_codes.cmake).
std::string_view embeddedHotlineCodes();

namespace {

// ISO 639-1 (from Debian's iso-codes, the alpha_2 codes of ISO 639-2).
constexpr std::array<std::string_view, 184> kLanguages = {
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk",
    "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti",
    "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo",
    "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
};

// ISO 3166-1 alpha-2 (from Debian's iso-codes).
constexpr std::array<std::string_view, 249> kCountries = {
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
};

struct OwnedList {
  std::string_view name;
  std::vector<std::string_view> codes;
  std::vector<std::array<std::string_view, 3>> labels;
};

struct Registry {
  std::string_view version;
  std::deque<OwnedList> owned;  // deque: stable addresses for the spans below
  std::deque<CodeList> lists;
  std::vector<const CodeList*> all;
};

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const auto tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) {
      return out;
    }
    start = tab + 1;
  }
}

// The file is part of the binary: a malformed line is a build mistake, caught by the first test.
[[noreturn]] void malformed(std::string_view line) {
  std::fprintf(stderr, "strada: codes/hotline-codes.tsv is malformed near: %.*s\n",
               static_cast<int>(line.size()), line.data());
  std::abort();
}

Registry buildRegistry() {
  Registry r;
  std::string_view text = embeddedHotlineCodes();
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
      continue;
    }
    const auto fields = splitTabs(line);
    if (fields.size() == 2 && fields[0] == "version") {
      r.version = fields[1];
      continue;
    }
    if (fields.size() != 2 + kLabelLanguages.size() || fields[0].empty() || fields[1].empty()) {
      malformed(line);
    }
    if (r.owned.empty() || r.owned.back().name != fields[0]) {
      r.owned.push_back(OwnedList{fields[0], {}, {}});
    }
    r.owned.back().codes.push_back(fields[1]);
    r.owned.back().labels.push_back({fields[2], fields[3], fields[4]});
  }
  if (r.version.empty()) {
    malformed("(no version line)");
  }
  for (const auto& o : r.owned) {
    r.lists.push_back(CodeList{o.name, r.version, o.codes, o.labels});
  }
  r.lists.push_back(CodeList{"language", r.version, kLanguages, {}});
  r.lists.push_back(CodeList{"country", r.version, kCountries, {}});
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
    malformed(name);
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
