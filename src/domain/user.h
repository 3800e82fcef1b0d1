// Organisations and users: who works in Strada, and for which member.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

enum class Role {
  kConsultant,
  kCaseWorker,
  kSupervisor,
  kDataOfficer,
  kOrgAdmin,
  kNetworkCoordinator,
  // An outside agency (police, an NGO...) that refers people through the intake form: it sees
  // only its own referrals (issue 8, section 2). Tied to one agency of the directory.
  kPartner,
};

std::string_view roleName(Role role);  // "consultant", "case_worker", ...
std::optional<Role> parseRole(std::string_view name);
const std::vector<Role>& allRoles();

struct Organisation {
  std::string id;
  std::string code;  // short unique code, e.g. "NL" or "LS-NL"; [A-Z0-9-]{2,16}
  std::string name;
  std::string country;                 // ISO 3166-1 alpha-2
  std::vector<std::string> languages;  // ISO 639-1
  UnixMillis created_at = 0;
};

struct User {
  std::string id;
  std::string org_id;
  std::string email;  // stored lower-case
  std::string name;
  std::vector<Role> roles;
  bool active = true;
  UnixMillis created_at = 0;
  std::string agency_id;              // a partner's directory agency; "" for every other account
  bool must_change_password = false;  // an administrator set the password (issue 10)
};

// Validation shared by the command line and the API. Fail with InvalidArgument naming the field.
// A partner account holds the partner role alone and names its agency ("agency_id"); no other
// account names one. Whether the agency exists is the caller's check (admin::addUser).
[[nodiscard]] Status validateOrganisation(const Organisation& org);
[[nodiscard]] Status validateUser(const User& user);
// Lower-cases and trims; returns InvalidArgument("email") when it is not an address.
[[nodiscard]] Result<std::string> normaliseEmail(std::string_view email);

}  // namespace strada::domain
