#include "domain/agency.h"

#include <algorithm>
#include <string_view>

#include "domain/user.h"

namespace strada::domain {
namespace {

constexpr std::size_t kMaxCityBytes = 100;
constexpr std::size_t kMaxWebsiteBytes = 300;
constexpr std::size_t kMaxListEntries = 30;

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

bool hasControl(std::string_view s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [allow_newlines](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) {
      return false;
    }
    return c < 0x20 || c == 0x7f;
  });
}

// ^\+?[0-9 ()-]{3,30}$
bool isPhoneShaped(std::string_view p) {
  if (!p.empty() && p.front() == '+') {
    p.remove_prefix(1);
  }
  if (p.size() < 3 || p.size() > 30) {
    return false;
  }
  return std::all_of(p.begin(), p.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '(' || c == ')' || c == '-';
  });
}

// http(s)://host[:port][/...]: a host of letters, digits, dots and hyphens; no spaces, no
// credentials (an "@" before the path), nothing but printable ASCII.
bool isWebsiteShaped(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  if (std::any_of(url.begin(), url.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c <= 0x20 || c >= 0x7f;
      })) {
    return false;
  }
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view host = rest.substr(0, end);
  if (const auto colon = host.find(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    host = host.substr(0, colon);
  }
  if (host.empty() || host.front() == '.' || host.back() == '.' ||
      host.find('.') == std::string_view::npos) {
    return false;
  }
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-';
  });
}

Status checkCodes(std::vector<std::string>& items, const CodeList& list, const char* field,
                  const char* message) {
  if (items.size() > kMaxListEntries) {
    return invalidField(field, "Give at most 30 entries.");
  }
  for (auto& item : items) {
    item = trimmed(item);
    if (!list.contains(item)) {
      return invalidField(field, message);
    }
  }
  std::vector<std::string> sorted = items;
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    return invalidField(field, "Give each entry once.");
  }
  return {};
}

}  // namespace

Status normaliseAgency(AgencyInput& in) {
  in.name = trimmed(in.name);
  if (in.name.empty() || in.name.size() > kMaxAgencyNameBytes || hasControl(in.name, false)) {
    return invalidField("name", "Give the agency's name, at most 200 characters.");
  }
  if (!agencyTypeCodes().contains(in.type)) {
    return invalidField("type", "Choose the type of agency from the list.");
  }
  if (!countryCodes().contains(in.country)) {
    return invalidField("country", "Use an ISO 3166-1 two-letter country code, such as NL.");
  }
  in.city = trimmed(in.city);
  if (in.city.size() > kMaxCityBytes || hasControl(in.city, false)) {
    return invalidField("city", "Give the city in at most 100 characters.");
  }
  in.phone = trimmed(in.phone);
  if (!in.phone.empty() && !isPhoneShaped(in.phone)) {
    return invalidField("phone",
                        "Enter a phone number of digits, spaces, brackets and hyphens, such as "
                        "+31 20 555 0100.");
  }
  in.email = trimmed(in.email);
  if (!in.email.empty()) {
    auto email = normaliseEmail(in.email);
    if (!email) {
      return tl::unexpected(email.error());
    }
    in.email = std::move(*email);
  }
  in.website = trimmed(in.website);
  if (!in.website.empty() &&
      (in.website.size() > kMaxWebsiteBytes || !isWebsiteShaped(in.website))) {
    return invalidField("website", "Enter a web address starting with https:// or http://.");
  }
  if (auto s = checkCodes(in.languages, languageCodes(), "languages",
                          "Use ISO 639-1 two-letter language codes, such as en.");
      !s) {
    return s;
  }
  if (auto s = checkCodes(in.services, agencyServiceCodes(), "services",
                          "Choose the services from the list.");
      !s) {
    return s;
  }
  if (in.notes.size() > kMaxAgencyNotesBytes || hasControl(in.notes, true)) {
    return invalidField("notes", "Keep the notes under 4,000 characters of plain text.");
  }
  in.address = trimmed(in.address);
  if (in.address.size() > kMaxAgencyAddressBytes || hasControl(in.address, true)) {
    return invalidField("address", "Keep the address under 500 characters of plain text.");
  }
  return {};
}

}  // namespace strada::domain
