#include "policy/policy.h"

#include <algorithm>
#include <array>

namespace strada::policy {
namespace {

using domain::Role;

bool hasAny(const Principal& who, std::initializer_list<Role> roles) {
  return std::any_of(who.roles.begin(), who.roles.end(), [&](Role r) {
    return std::find(roles.begin(), roles.end(), r) != roles.end();
  });
}

constexpr std::array kAllPermissions{
    Permission::kContactCreate,     Permission::kContactList,
    Permission::kContactRead,       Permission::kContactReadSealed,
    Permission::kCodesRead,         Permission::kSelfRead,
    Permission::kKnowledgeRead,     Permission::kKnowledgeEdit,
    Permission::kAgencyRead,        Permission::kAgencyReadConfidentialAddress,
    Permission::kAgencyEdit,        Permission::kContactExport,
    Permission::kSupervisionRead,   Permission::kSupervise,
    Permission::kStatsRead,         Permission::kContactUpdate,
    Permission::kContactDraftsRead, Permission::kCallerLookup,
    Permission::kCallerFlagWrite,   Permission::kSafetyPlanRead,
    Permission::kSafetyPlanWrite,   Permission::kClientSearch,
    Permission::kClientCreate,      Permission::kClientRead,
    Permission::kClientUpdate,      Permission::kClientAccessHistory,
    Permission::kCaseCreate,        Permission::kCaseList,
    Permission::kCaseRead,          Permission::kCaseUpdate,
    Permission::kCaseApprove,       Permission::kCaseBreakGlass,
    Permission::kCaseContactLink,
};

// In declaration order without gaps: then the enumerator after the last one listed is the first
// one missing, which the unit test looks for by its name.
constexpr bool inDeclarationOrder() {
  for (std::size_t i = 0; i < kAllPermissions.size(); ++i) {
    if (kAllPermissions[i] != static_cast<Permission>(i)) {
      return false;
    }
  }
  return true;
}
static_assert(inDeclarationOrder(), "kAllPermissions lists Permission in declaration order");

}  // namespace

std::span<const Permission> allPermissions() { return kAllPermissions; }

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
    case Permission::kContactExport:
      return "contact.export";
    case Permission::kSupervisionRead:
      return "supervision.read";
    case Permission::kSupervise:
      return "supervision.act";
    case Permission::kStatsRead:
      return "stats.read";
    case Permission::kContactUpdate:
      return "contact.update";
    case Permission::kContactDraftsRead:
      return "contact.drafts_read";
    case Permission::kCallerLookup:
      return "caller.lookup";
    case Permission::kCallerFlagWrite:
      return "caller.flag_write";
    case Permission::kSafetyPlanRead:
      return "safety_plan.read";
    case Permission::kSafetyPlanWrite:
      return "safety_plan.write";
    case Permission::kClientSearch:
      return "client.search";
    case Permission::kClientCreate:
      return "client.create";
    case Permission::kClientRead:
      return "client.read";
    case Permission::kClientUpdate:
      return "client.update";
    case Permission::kClientAccessHistory:
      return "client.access_history";
    case Permission::kCaseCreate:
      return "case.create";
    case Permission::kCaseList:
      return "case.list";
    case Permission::kCaseRead:
      return "case.read";
    case Permission::kCaseUpdate:
      return "case.update";
    case Permission::kCaseApprove:
      return "case.approve";
    case Permission::kCaseBreakGlass:
      return "case.break_glass";
    case Permission::kCaseContactLink:
      return "case.contact_link";
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
    case Permission::kContactExport:
      // A file leaves the system's access control once downloaded: only the roles that answer
      // for the hotline's records and figures take one.
    case Permission::kSupervisionRead:
      // Supervisors run the shift; data officers review quality (they look, they do not act).
      return hasAny(who, {Role::kSupervisor, Role::kDataOfficer});
    case Permission::kSupervise:
      return hasAny(who, {Role::kSupervisor});
    case Permission::kStatsRead:
      // Counts inside the organisation; small counts are suppressed for roles that may not see
      // the contacts themselves (suppressSmallCounts).
      return hasAny(who, {Role::kSupervisor, Role::kDataOfficer, Role::kOrgAdmin});
    case Permission::kContactUpdate:
    case Permission::kContactDraftsRead:
    case Permission::kCallerLookup:
      // Those who log contacts finish their drafts, correct them, and recognise repeat callers.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor});
    case Permission::kCallerFlagWrite:
      // A flag changes how every consultant treats a caller: a supervisor decides it.
      return hasAny(who, {Role::kSupervisor});
    case Permission::kSafetyPlanRead:
    case Permission::kSafetyPlanWrite:
      // A safety plan is for those who work with the person; never for reporting roles.
      return hasAny(who, {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker});
    case Permission::kClientSearch:
    case Permission::kCaseContactLink:
      // Consultants search (existence only) to link a caller's contact to the case.
      return hasAny(who, {Role::kConsultant, Role::kCaseWorker, Role::kSupervisor});
    case Permission::kClientCreate:
    case Permission::kClientUpdate:
    case Permission::kCaseCreate:
    case Permission::kCaseUpdate:
    case Permission::kCaseBreakGlass:
      // The assistance team (record-level: policy/case_access.h).
      return hasAny(who, {Role::kCaseWorker, Role::kSupervisor});
    case Permission::kClientRead:
    case Permission::kCaseList:
    case Permission::kCaseRead:
      // Data officers see coded fields for reporting, never sealed ones (case_access.h).
      return hasAny(who, {Role::kCaseWorker, Role::kSupervisor, Role::kDataOfficer});
    case Permission::kClientAccessHistory:
    case Permission::kCaseApprove:
      return hasAny(who, {Role::kSupervisor});
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

domain::Status requireContactEditable(const Principal& who, const ContactEditFacts& facts,
                                      domain::UnixMillis now) {
  if (hasAny(who, {Role::kSupervisor})) {
    return {};
  }
  const auto denied = [](const char* message) {
    return domain::fail(domain::ErrorCode::kPermissionDenied, message, {}, "contact.update");
  };
  if (who.user_id.empty() || who.user_id != facts.created_by) {
    return denied("Only its author or a supervisor may change this contact.");
  }
  if (facts.is_final && now - facts.finalised_at > kContactCorrectionWindowMs) {
    return denied(
        "A finished contact can be corrected by its author for 24 hours. Ask a "
        "supervisor to correct it now.");
  }
  return {};
}

domain::Status requireContactVisible(const Principal& who, const ContactEditFacts& facts) {
  if (facts.is_final || hasAny(who, {Role::kSupervisor})) {
    return {};
  }
  if (!who.user_id.empty() && who.user_id == facts.created_by) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
}

std::optional<std::string> draftsVisibleOnlyOf(const Principal& who) {
  if (hasAny(who, {Role::kSupervisor})) {
    return std::nullopt;
  }
  return who.user_id;
}

bool suppressSmallCounts(const Principal& who) { return !allows(who, Permission::kContactList); }

bool isSmallCount(std::int64_t count) { return count > 0 && count < kSmallCountThreshold; }

domain::Status requireSameOrganisation(const Principal& who, std::string_view record_org_id) {
  if (!who.org_id.empty() && who.org_id == record_org_id) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
}

AgencyAddressAccess agencyAddressOnRead(const Principal& who, bool address_confidential) {
  if (!address_confidential) {
    return AgencyAddressAccess::kShown;
  }
  return allows(who, Permission::kAgencyReadConfidentialAddress)
             ? AgencyAddressAccess::kShownWhenRecorded
             : AgencyAddressAccess::kWithheld;
}

bool agencyAddressListed(bool address_confidential) { return !address_confidential; }

}  // namespace strada::policy
