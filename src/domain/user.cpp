#include "domain/user.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/codes.h"
#include "domain/encoding.h"
#include "domain/enum_names.h"

namespace strada::domain {
namespace {

constexpr std::array<EnumName<Role>, 7> kRoleNames = {{
    {Role::kConsultant, "consultant"},
    {Role::kCaseWorker, "case_worker"},
    {Role::kSupervisor, "supervisor"},
    {Role::kDataOfficer, "data_officer"},
    {Role::kOrgAdmin, "org_admin"},
    {Role::kNetworkCoordinator, "network_coordinator"},
    {Role::kPartner, "partner"},
}};
static_assert(listsEveryValue(kRoleNames, Role::kPartner));

bool hasControlChars(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A partner account is the partner role alone, tied to an agency; no other account has one.
Status validatePartnerAgency(const User& user) {
  const bool partner =
      std::find(user.roles.begin(), user.roles.end(), Role::kPartner) != user.roles.end();
  if (partner && user.roles.size() > 1) {
    return invalidField("roles", "A partner account holds the partner role only.");
  }
  if (partner && user.agency_id.empty()) {
    return invalidField("agency_id",
                        "Choose the directory agency this partner account refers for.");
  }
  if (!partner && !user.agency_id.empty()) {
    return invalidField("agency_id", "Only a partner account is tied to an agency.");
  }
  return {};
}

}  // namespace

std::string_view roleName(Role role) { return nameOf(kRoleNames, role, "unknown"); }

std::optional<Role> parseRole(std::string_view name) { return valueNamed(kRoleNames, name); }

const std::vector<Role>& allRoles() {
  static const std::vector<Role> kRoles = [] {
    constexpr auto kValues = valuesOf(kRoleNames);
    return std::vector<Role>(kValues.begin(), kValues.end());
  }();
  return kRoles;
}

Status validateOrganisation(const Organisation& org) {
  if (org.code.size() < 2 || org.code.size() > 16 ||
      !std::all_of(org.code.begin(), org.code.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      })) {
    return invalidField("code", "Use 2 to 16 capital letters, digits or dashes, such as NL.");
  }
  if (org.name.empty() || org.name.size() > 200 || hasControlChars(org.name)) {
    return invalidField("name", "Give the organisation a name of at most 200 characters.");
  }
  if (!countryCodes().contains(org.country)) {
    return invalidField("country", "Use an ISO 3166-1 two-letter country code, such as NL.");
  }
  for (const auto& lang : org.languages) {
    if (!languageCodes().contains(lang)) {
      return invalidField("languages", "Use ISO 639-1 two-letter language codes, such as nl.");
    }
  }
  return {};
}

Result<std::string> normaliseEmail(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) {
    email.remove_prefix(1);
  }
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) {
    email.remove_suffix(1);
  }
  std::string out = lowerAscii(email);
  const auto at = out.find('@');
  if (out.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= out.size() ||
      out.find('@', at + 1) != std::string::npos || out.find('.', at) == std::string::npos ||
      hasControlChars(out) || out.find(' ') != std::string::npos) {
    return invalidField("email", "Enter an e-mail address such as name@example.org.");
  }
  return out;
}

Status validateUser(const User& user) {
  auto email = normaliseEmail(user.email);
  if (!email) {
    return tl::unexpected(email.error());
  }
  if (user.name.empty() || user.name.size() > 200 || hasControlChars(user.name)) {
    return invalidField("name", "Give the user's name, at most 200 characters.");
  }
  if (user.roles.empty()) {
    return invalidField("roles", "Give the user at least one role.");
  }
  if (user.org_id.empty()) {
    return invalidField("org", "Name the user's organisation.");
  }
  return validatePartnerAgency(user);
}

}  // namespace strada::domain
