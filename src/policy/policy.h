// Who may do what. Authorisation lives here and only here: every API route names the
// Permission it needs, and anything not granted below is denied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/user.h"

namespace strada::policy {

enum class Permission {
  kContactCreate,      // log a hotline contact
  kContactList,        // see the organisation's contact list (coded fields only)
  kContactRead,        // open one contact (coded fields)
  kContactReadSealed,  // read a contact's sealed free text
  kCodesRead,          // read the code lists
  kSelfRead,           // read one's own profile
  kKnowledgeRead,      // search and read the knowledge base
  kKnowledgeEdit,      // write, change and delete knowledge base articles
  kAgencyRead,                     // search and open the partner-agency directory
  kAgencyReadConfidentialAddress,  // see a confidential agency address (one agency, audited)
  kAgencyEdit,                     // add, change and deactivate partner agencies
};

std::string_view permissionName(Permission p);

// The authenticated user behind a request.
struct Principal {
  std::string user_id;
  std::string org_id;
  std::vector<domain::Role> roles;
  std::string session_id;  // hash of the session token, never the token itself
};

[[nodiscard]] bool allows(const Principal& who, Permission what);

// PermissionDenied when the roles do not grant `what`.
[[nodiscard]] domain::Status require(const Principal& who, Permission what);

// Record-level rule: a user reaches only their own organisation's records. Another
// organisation's record answers NotFound, exactly as a missing one, so that ids cannot be probed.
[[nodiscard]] domain::Status requireSameOrganisation(const Principal& who,
                                                     std::string_view record_org_id);

}  // namespace strada::policy
