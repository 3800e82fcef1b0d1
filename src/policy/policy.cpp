#include "policy/policy.h"

#include <algorithm>

namespace strada::policy {
namespace {

using domain::Role;

bool hasAny(const Principal& who, std::initializer_list<Role> roles) {
  return std::any_of(who.roles.begin(), who.roles.end(), [&](Role r) {
    return std::find(roles.begin(), roles.end(), r) != roles.end();
  });
}

}  // namespace

std::string_view permissionName(Permission p) {
  switch (p) {
    case Permission::kContactCreate:
      return "contact.create";
    case Permission::kContactList:
      return "contact.list";
    case Permission::kContactRead:
      return "contact.read";
    case Permission::kContactReadSealed:
      return "contact.read_sealed";
    case Permission::kCodesRead:
      return "codes.read";
    case Permission::kSelfRead:
      return "self.read";
    case Permission::kKnowledgeRead:
      return "knowledge.read";
    case Permission::kKnowledgeEdit:
      return "knowledge.edit";
    case Permission::kAgencyRead:
      return "agency.read";
    case Permission::kAgencyReadConfidentialAddress:
      return "agency.read_confidential_address";
    case Permission::kAgencyEdit:
      return "agency.edit";
  }
  return "unknown";
}

bool allows(const Principal& who, Permission what) {
  switch (what) {
    case Permission::kSelfRead:
    case Permission::kCodesRead:
      return !who.roles.empty();
    case Permission::kContactCreate:
      // Those who answer the hotline log its contacts.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor});
    case Permission::kContactList:
    case Permission::kContactRead:
      // Data officers see coded fields for quality review and reporting.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor, Role::kDataOfficer});
    case Permission::kContactReadSealed:
      // Free text about a caller is for the roles that work with callers only.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor});
    case Permission::kKnowledgeRead:
      // Everyone who works with callers or their records looks things up during their work.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker,
                          Role::kDataOfficer, Role::kOrgAdmin});
    case Permission::kKnowledgeEdit:
      // The organisation's content is kept by its administrators and data officers only.
      return hasAny(who, {Role::kOrgAdmin, Role::kDataOfficer});
    case Permission::kAgencyRead:
      // Everyone who refers people, or reviews referrals, needs the directory.
      return hasAny(who, {Role::kConsultant, Role::kCaseWorker, Role::kSupervisor,
                          Role::kDataOfficer, Role::kOrgAdmin});
    case Permission::kAgencyReadConfidentialAddress:
      // A shelter's secret address is for those who accompany a person there, and those who
      // answer for them; a leaked address endangers everyone staying there.
      return hasAny(who, {Role::kCaseWorker, Role::kSupervisor, Role::kOrgAdmin});
    case Permission::kAgencyEdit:
      return hasAny(who, {Role::kSupervisor, Role::kOrgAdmin});
  }
  return false;
}

domain::Status require(const Principal& who, Permission what) {
  if (allows(who, what)) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Your role does not allow this. Ask your organisation's administrator if "
                      "you need it.",
                      {}, std::string(permissionName(what)));
}

domain::Status requireSameOrganisation(const Principal& who, std::string_view record_org_id) {
  if (!who.org_id.empty() && who.org_id == record_org_id) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
}

}  // namespace strada::policy
