#include "policy/policy.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "domain/enum_names.h"

namespace strada::policy {
namespace {

using domain::Role;

// A set of roles, one bit each.
using RoleSet = std::uint32_t;

constexpr RoleSet rolesOf(std::initializer_list<Role> roles) {
  RoleSet set = 0;
  for (Role r : roles) {
    set |= RoleSet{1} << static_cast<unsigned>(r);
  }
  return set;
}

bool hasAny(const Principal& who, RoleSet roles) {
  return std::any_of(who.roles.begin(), who.roles.end(),
                     [roles](Role r) { return (rolesOf({r}) & roles) != 0; });
}

bool isSupervisor(const Principal& who) { return hasAny(who, rolesOf({Role::kSupervisor})); }

// A permission: its stable name and the roles it is granted to.
struct PermissionRule {
  Permission value;
  std::string_view name;
  RoleSet granted_to;
};

using enum Role;
constexpr RoleSet kEveryRole = ~RoleSet{0};

// In declaration order; permissionName(), allPermissions() and allows() read this table.
constexpr std::array<PermissionRule, 61> kPermissions = {{
    // Those who answer the hotline log its contacts.
    {Permission::kContactCreate, "contact.create", rolesOf({kConsultant, kSupervisor})},
    // Data officers see coded fields for quality review and reporting.
    {Permission::kContactList, "contact.list", rolesOf({kConsultant, kSupervisor, kDataOfficer})},
    {Permission::kContactRead, "contact.read", rolesOf({kConsultant, kSupervisor, kDataOfficer})},
    // Free text about a caller is for the roles that work with callers only.
    {Permission::kContactReadSealed, "contact.read_sealed", rolesOf({kConsultant, kSupervisor})},
    {Permission::kCodesRead, "codes.read", kEveryRole},
    {Permission::kSelfRead, "self.read", kEveryRole},
    // Everyone who works with callers or their records looks things up during their work.
    {Permission::kKnowledgeRead, "knowledge.read",
     rolesOf({kConsultant, kSupervisor, kCaseWorker, kDataOfficer, kOrgAdmin})},
    // The organisation's content is kept by its administrators and data officers only.
    {Permission::kKnowledgeEdit, "knowledge.edit", rolesOf({kOrgAdmin, kDataOfficer})},
    // Everyone who refers people, or reviews referrals, needs the directory.
    {Permission::kAgencyRead, "agency.read",
     rolesOf({kConsultant, kCaseWorker, kSupervisor, kDataOfficer, kOrgAdmin})},
    // A shelter's secret address is for those who accompany a person there, and those who answer
    // for them; a leaked address endangers everyone staying there.
    {Permission::kAgencyReadConfidentialAddress, "agency.read_confidential_address",
     rolesOf({kCaseWorker, kSupervisor, kOrgAdmin})},
    {Permission::kAgencyEdit, "agency.edit", rolesOf({kSupervisor, kOrgAdmin})},
    // A file leaves the system's access control once downloaded: only the roles that answer for
    // the hotline's records and figures take one.
    {Permission::kContactExport, "contact.export", rolesOf({kSupervisor, kDataOfficer})},
    // Supervisors run the shift; data officers review quality (they look, they do not act).
    {Permission::kSupervisionRead, "supervision.read", rolesOf({kSupervisor, kDataOfficer})},
    {Permission::kSupervise, "supervision.act", rolesOf({kSupervisor})},
    // Counts inside the organisation; small counts are suppressed for roles that may not see the
    // contacts themselves (suppressSmallCounts).
    {Permission::kStatsRead, "stats.read", rolesOf({kSupervisor, kDataOfficer, kOrgAdmin})},
    // Those who log contacts finish their drafts, correct them, and recognise repeat callers.
    {Permission::kContactUpdate, "contact.update", rolesOf({kConsultant, kSupervisor})},
    {Permission::kContactDraftsRead, "contact.drafts_read", rolesOf({kConsultant, kSupervisor})},
    {Permission::kCallerLookup, "caller.lookup", rolesOf({kConsultant, kSupervisor})},
    // A flag changes how every consultant treats a caller: a supervisor decides it.
    {Permission::kCallerFlagWrite, "caller.flag_write", rolesOf({kSupervisor})},
    // A safety plan is for those who work with the person; never for reporting roles.
    {Permission::kSafetyPlanRead, "safety_plan.read",
     rolesOf({kConsultant, kSupervisor, kCaseWorker})},
    {Permission::kSafetyPlanWrite, "safety_plan.write",
     rolesOf({kConsultant, kSupervisor, kCaseWorker})},
    // Consultants search (existence only) to link a caller's contact to the case.
    {Permission::kClientSearch, "client.search", rolesOf({kConsultant, kCaseWorker, kSupervisor})},
    // The assistance team (record-level: policy/case_access.h).
    {Permission::kClientCreate, "client.create", rolesOf({kCaseWorker, kSupervisor})},
    // Data officers see coded fields for reporting, never sealed ones (case_access.h).
    {Permission::kClientRead, "client.read", rolesOf({kCaseWorker, kSupervisor, kDataOfficer})},
    {Permission::kClientUpdate, "client.update", rolesOf({kCaseWorker, kSupervisor})},
    {Permission::kClientAccessHistory, "client.access_history", rolesOf({kSupervisor})},
    // Erasure and subject access are the data officer's duty too (issue 8, section 8).
    {Permission::kClientErase, "client.erase", rolesOf({kSupervisor, kOrgAdmin, kDataOfficer})},
    {Permission::kCaseCreate, "case.create", rolesOf({kCaseWorker, kSupervisor})},
    {Permission::kCaseList, "case.list", rolesOf({kCaseWorker, kSupervisor, kDataOfficer})},
    {Permission::kCaseRead, "case.read", rolesOf({kCaseWorker, kSupervisor, kDataOfficer})},
    {Permission::kCaseUpdate, "case.update", rolesOf({kCaseWorker, kSupervisor})},
    {Permission::kCaseApprove, "case.approve", rolesOf({kSupervisor})},
    {Permission::kCaseBreakGlass, "case.break_glass", rolesOf({kCaseWorker, kSupervisor})},
    {Permission::kCaseContactLink, "case.contact_link",
     rolesOf({kConsultant, kCaseWorker, kSupervisor})},
    {Permission::kClientExport, "client.export", rolesOf({kSupervisor, kDataOfficer})},
    // Those who work cases see what waits for them; never a reporting role.
    {Permission::kTaskListMine, "task.list_mine", rolesOf({kCaseWorker, kSupervisor})},
    // Like the contacts' export: a downloaded file leaves the system's access control.
    {Permission::kCaseStatsExport, "case_stats.export", rolesOf({kSupervisor, kDataOfficer})},
    {Permission::kCaseDocumentWithdraw, "case.document_withdraw", rolesOf({kSupervisor})},
    // Flagging a possible duplicate is for whoever may register clients (kClientCreate).
    {Permission::kClientMerge, "client.merge", rolesOf({kSupervisor})},
    // A share without consent is the supervisor's decision alone, never a case worker's.
    {Permission::kConsentOverride, "consent.override", rolesOf({kSupervisor})},
    // An outside agency refers through the intake form and follows its own referrals; it never
    // reads a case, a client or a contact (least privilege: these two and the two every role has).
    {Permission::kReferralSubmit, "referral.submit", rolesOf({kPartner})},
    {Permission::kReferralListOwn, "referral.list_own", rolesOf({kPartner})},
    // A file of every case's coded fields leaves the system's access control: those who answer
    // for the organisation's data and figures take it, as for the other exports.
    {Permission::kExportsStandard, "exports.standard", rolesOf({kSupervisor, kDataOfficer})},
    // The network's membership is the coordinator's alone.
    {Permission::kNetworkMembersRead, "network.members_read", rolesOf({kNetworkCoordinator})},
    {Permission::kNetworkMembersManage, "network.members_manage", rolesOf({kNetworkCoordinator})},
    // The aggregate reports hold figures only; what leaves is the data officer's decision.
    {Permission::kReportsRead, "reports.read", rolesOf({kDataOfficer, kSupervisor, kOrgAdmin})},
    {Permission::kReportsManage, "reports.manage", rolesOf({kDataOfficer})},
    {Permission::kReportsSettings, "reports.settings", rolesOf({kDataOfficer, kOrgAdmin})},
    // The members' figures at the hub, and what of them is published: the coordinator's.
    {Permission::kNetworkOverviewRead, "network.overview_read", rolesOf({kNetworkCoordinator})},
    {Permission::kNetworkPublicationManage, "network.publication_manage",
     rolesOf({kNetworkCoordinator})},
    // A referral abroad carries the person: those who work cases alone; the coordinator sees
    // the metadata of the overdue ones at the hub.
    {Permission::kNetworkReferralsWork, "network.referrals_work",
     rolesOf({kCaseWorker, kSupervisor})},
    {Permission::kNetworkReferralsOverdue, "network.referrals_overdue",
     rolesOf({kNetworkCoordinator})},
    {Permission::kSelfSecurity, "self.security", kEveryRole},
    {Permission::kUsersManage, "users.manage", rolesOf({kOrgAdmin})},
    {Permission::kSelfSessions, "self.sessions", kEveryRole},
    // How long records are kept: the organisation's administrators and data officers.
    {Permission::kRetentionManage, "retention.manage", rolesOf({kOrgAdmin, kDataOfficer})},
    // Trainings hold no person: those who work with partner agencies and those who report read
    // them; those who answer for the organisation's work with partners record them.
    {Permission::kTrainingsRead, "trainings.read",
     rolesOf({kCaseWorker, kSupervisor, kDataOfficer, kOrgAdmin})},
    {Permission::kTrainingsManage, "trainings.manage",
     rolesOf({kSupervisor, kDataOfficer, kOrgAdmin})},
    // What the organisation publishes about its hotlines: its administrators.
    {Permission::kPublicProfileManage, "public_profile.manage", rolesOf({kOrgAdmin})},
    // The news and statements the organisation publishes: its administrators and the coordinator.
    {Permission::kNewsManage, "news.manage", rolesOf({kOrgAdmin, kNetworkCoordinator})},
    // The pages and case studies the organisation publishes: its administrators and the
    // coordinator.
    {Permission::kSitePagesManage, "site_pages.manage", rolesOf({kOrgAdmin, kNetworkCoordinator})},
}};
static_assert(domain::listsEveryValue(kPermissions, Permission::kSitePagesManage),
              "kPermissions lists every Permission once, in declaration order");

constexpr auto kAllPermissions = domain::valuesOf(kPermissions);

}  // namespace

std::span<const Permission> allPermissions() { return kAllPermissions; }

bool secondFactorRequired(const std::vector<domain::Role>& roles, bool org_requires_all) {
  if (org_requires_all) {
    return true;
  }
  return std::any_of(roles.begin(), roles.end(),
                     [](domain::Role r) { return r != domain::Role::kNetworkCoordinator; });
}

std::string_view permissionName(Permission p) { return domain::nameOf(kPermissions, p, "unknown"); }

bool allows(const Principal& who, Permission what) {
  if (who.stage != Principal::Stage::kFull && what != Permission::kSelfRead &&
      what != Permission::kSelfSecurity) {
    return false;
  }
  const PermissionRule* rule = domain::rowOf(kPermissions, what);
  return rule != nullptr && hasAny(who, rule->granted_to);
}

domain::Status require(const Principal& who, Permission what) {
  if (allows(who, what)) {
    return {};
  }
  switch (who.stage) {
    case Principal::Stage::kCode:
      return domain::fail(domain::ErrorCode::kPermissionDenied,
                          "Finish signing in first: enter the code from your authenticator app.",
                          "code", "sign-in stage code");
    case Principal::Stage::kEnrol:
      return domain::fail(domain::ErrorCode::kPermissionDenied,
                          "Set up your second factor first: your role reaches data about people "
                          "in danger.",
                          "second_factor", "sign-in stage enrol");
    case Principal::Stage::kPassword:
      return domain::fail(domain::ErrorCode::kPermissionDenied,
                          "Choose a new password first: an administrator set the one you used.",
                          "new_password", "sign-in stage password");
    case Principal::Stage::kFull:
      break;
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Your role does not allow this. Ask your organisation's administrator if "
                      "you need it.",
                      {}, std::string(permissionName(what)));
}

domain::Status requireContactEditable(const Principal& who, const ContactEditFacts& facts,
                                      domain::UnixMillis now) {
  if (isSupervisor(who)) {
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
  if (facts.is_final || isSupervisor(who)) {
    return {};
  }
  if (!who.user_id.empty() && who.user_id == facts.created_by) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
}

std::optional<std::string> draftsVisibleOnlyOf(const Principal& who) {
  if (isSupervisor(who)) {
    return std::nullopt;
  }
  return who.user_id;
}

bool suppressSmallCounts(const Principal& who) { return !allows(who, Permission::kContactList); }

bool suppressSmallCaseCounts(const Principal& who) {
  return !allows(who, Permission::kCaseApprove);
}

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
