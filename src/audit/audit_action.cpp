#include "audit/audit_action.h"

#include <array>

#include "domain/enum_names.h"

namespace strada::audit {
namespace {

struct ActionInfo {
  AuditAction value;
  std::string_view name;
  std::string_view object_type;
};

// In declaration order; allAuditActions() and auditActionName() read this table.
constexpr std::array<ActionInfo, 155> kActions = {{
    {AuditAction::kOrganisationCreate, "organisation.create", "organisation"},
    {AuditAction::kUserCreate, "user.create", "user"},
    {AuditAction::kDataKeyCreate, "data_key.create", "data_key"},
    {AuditAction::kSessionCreate, "session.create", "user"},
    {AuditAction::kSessionLoginFailed, "session.login_failed", "user"},
    {AuditAction::kSessionDelete, "session.delete", "user"},
    {AuditAction::kStatsRebuild, "stats.rebuild", "contact_stats_daily"},
    {AuditAction::kContactCreate, "contact.create", "contact"},
    {AuditAction::kContactRead, "contact.read", "contact"},
    {AuditAction::kContactUpdate, "contact.update", "contact"},
    {AuditAction::kContactFinalise, "contact.finalise", "contact"},
    {AuditAction::kContactDiscard, "contact.discard", "contact"},
    {AuditAction::kContactList, "contact.list", "contacts"},
    {AuditAction::kContactDraftList, "contact.draft_list", "contacts"},
    {AuditAction::kContactExport, "contact.export", "contacts"},
    {AuditAction::kContactFollowUpDone, "contact.follow_up_done", "contact"},
    {AuditAction::kSupervisionRead, "supervision.read", "contacts"},
    {AuditAction::kSafetyPlanCreate, "safety_plan.create", "safety_plan"},
    {AuditAction::kSafetyPlanRead, "safety_plan.read", "safety_plan"},
    {AuditAction::kSafetyPlanUpdate, "safety_plan.update", "safety_plan"},
    {AuditAction::kCallerLookup, "caller.lookup", "caller"},
    {AuditAction::kCallerFlag, "caller.flag", "caller"},
    {AuditAction::kCallerUnflag, "caller.unflag", "caller"},
    {AuditAction::kCallerFlagList, "caller.flag_list", "caller_flags"},
    {AuditAction::kTelephonyLineCreate, "telephony_line.create", "telephony_line"},
    {AuditAction::kTelephonyLineDeactivate, "telephony_line.deactivate", "telephony_line"},
    {AuditAction::kTelephonyAnswered, "telephony.answered", "contact"},
    {AuditAction::kTelephonyEnded, "telephony.ended", "contact"},
    {AuditAction::kTelephonyEndedUnmatched, "telephony.ended", "telephony_line"},
    {AuditAction::kContactUpgrade, "contact.upgrade", "contacts"},
    {AuditAction::kKnowledgeCreate, "knowledge.create", "knowledge_article"},
    {AuditAction::kKnowledgeUpdate, "knowledge.update", "knowledge_article"},
    {AuditAction::kKnowledgeDelete, "knowledge.delete", "knowledge_article"},
    {AuditAction::kAgencyCreate, "agency.create", "agency"},
    {AuditAction::kAgencyUpdate, "agency.update", "agency"},
    {AuditAction::kAgencyDeactivate, "agency.deactivate", "agency"},
    {AuditAction::kAgencyReadConfidentialAddress, "agency.read_confidential_address", "agency"},
    {AuditAction::kStatsRead, "stats.read", "contact_stats"},
    {AuditAction::kClientSearch, "client.search", "clients"},
    {AuditAction::kClientCreate, "client.create", "client"},
    {AuditAction::kClientRead, "client.read", "client"},
    {AuditAction::kClientUpdate, "client.update", "client"},
    {AuditAction::kClientAccessRead, "client.access_read", "client"},
    {AuditAction::kClientKeyDestroy, "client.key_destroy", "client"},
    {AuditAction::kCaseCreate, "case.create", "case"},
    {AuditAction::kCaseRead, "case.read", "case"},
    {AuditAction::kCaseList, "case.list", "cases"},
    {AuditAction::kCaseStatusChange, "case.status_change", "case"},
    {AuditAction::kCaseClosureRequest, "case.closure_request", "case"},
    {AuditAction::kCaseClosureApprove, "case.closure_approve", "case"},
    {AuditAction::kCaseAssign, "case.assign", "case"},
    {AuditAction::kCaseBreakGlass, "case.break_glass", "case"},
    {AuditAction::kCaseContactLink, "case.contact_link", "case"},
    {AuditAction::kConsentCreate, "consent.create", "case"},
    {AuditAction::kConsentWithdraw, "consent.withdraw", "case"},
    {AuditAction::kCaseNoteCreate, "case_note.create", "case"},
    {AuditAction::kCaseNoteList, "case_note.list", "case"},
    {AuditAction::kCaseTimelineRead, "case.timeline_read", "case"},
    {AuditAction::kCaseServiceCreate, "case_service.create", "case"},
    {AuditAction::kCaseIdentificationRead, "case_identification.read", "case"},
    {AuditAction::kCaseIdentificationUpdate, "case_identification.update", "case"},
    {AuditAction::kCaseNeedsRead, "case_needs.read", "case"},
    {AuditAction::kCaseNeedsUpdate, "case_needs.update", "case"},
    {AuditAction::kCasePlanRead, "case_plan.read", "case"},
    {AuditAction::kCasePlanUpdate, "case_plan.update", "case"},
    {AuditAction::kCasePlanSubmit, "case_plan.submit", "case"},
    {AuditAction::kCasePlanApprove, "case_plan.approve", "case"},
    {AuditAction::kCasePlanReturn, "case_plan.return", "case"},
    {AuditAction::kCaseApprovalList, "case.approval_list", "cases"},
    {AuditAction::kCaseTaskCreate, "case_task.create", "case"},
    {AuditAction::kCaseTaskUpdate, "case_task.update", "case"},
    {AuditAction::kCaseTaskList, "case_task.list", "case"},
    {AuditAction::kTaskListMine, "task.list_mine", "cases"},
    {AuditAction::kClientSubjectAccess, "client.subject_access", "client"},
    {AuditAction::kCaseTransferRequest, "case.transfer_request", "case"},
    {AuditAction::kCaseTransferAccept, "case.transfer_accept", "case"},
    {AuditAction::kCaseTransferDecline, "case.transfer_decline", "case"},
    {AuditAction::kTransferListMine, "transfer.list_mine", "cases"},
    {AuditAction::kCaseStatsExport, "case_stats.export", "case_stats_monthly"},
    {AuditAction::kCaseDocumentUpload, "case_document.upload", "case"},
    {AuditAction::kCaseDocumentList, "case_document.list", "case"},
    {AuditAction::kCaseDocumentDownload, "case_document.download", "case"},
    {AuditAction::kCaseDocumentWithdraw, "case_document.withdraw", "case"},
    {AuditAction::kCaseProceedingCreate, "case_proceeding.create", "case"},
    {AuditAction::kCaseProceedingUpdate, "case_proceeding.update", "case"},
    {AuditAction::kCaseProceedingList, "case_proceeding.list", "case"},
    {AuditAction::kCaseFollowUpCreate, "case_follow_up.create", "case"},
    {AuditAction::kCaseFollowUpList, "case_follow_up.list", "case"},
    {AuditAction::kClientDuplicateFlag, "client.duplicate_flag", "client"},
    {AuditAction::kClientDuplicateList, "client.duplicate_list", "client_duplicate_flags"},
    {AuditAction::kClientDuplicateDismiss, "client.duplicate_dismiss", "client"},
    {AuditAction::kClientMerge, "client.merge", "client"},
    {AuditAction::kCaseReferralCreate, "case_referral.create", "case"},
    {AuditAction::kCaseReferralList, "case_referral.list", "case"},
    {AuditAction::kConsentOverride, "consent.override", "case"},
    {AuditAction::kConsentOverrideList, "consent_override.list", "case_referrals"},
    {AuditAction::kReferralList, "referral.list", "cases"},
    {AuditAction::kStandardExportHtcds, "export.htcds", "cases"},
    {AuditAction::kStandardExportCtdc, "export.ctdc", "cases"},
    {AuditAction::kNetworkMemberJoinRequest, "network_member.join_request", "network_member"},
    {AuditAction::kNetworkMemberApprove, "network_member.approve", "network_member"},
    {AuditAction::kNetworkMemberRevoke, "network_member.revoke", "network_member"},
    {AuditAction::kNetworkMemberList, "network_member.list", "network_members"},
    {AuditAction::kNetworkKeyCreate, "network_key.create", "network_key"},
    {AuditAction::kNetworkKeyRotate, "network_key.rotate", "network_key"},
    {AuditAction::kReportCreate, "report.create", "report"},
    {AuditAction::kReportApprove, "report.approve", "report"},
    {AuditAction::kReportImport, "report.import", "reports"},
    {AuditAction::kReportSettings, "report.settings", "organisation"},
    {AuditAction::kReportSubmit, "report.submit", "report"},
    {AuditAction::kNetworkOverviewRead, "network_overview.read", "network_overview"},
    {AuditAction::kNetworkPublicationChange, "network_publication.change", "network_publication"},
    {AuditAction::kNetworkReferralSend, "network_referral.send", "network_referral"},
    {AuditAction::kNetworkReferralReceive, "network_referral.receive", "network_referral"},
    {AuditAction::kNetworkReferralList, "network_referral.list", "network_referrals"},
    {AuditAction::kNetworkReferralRead, "network_referral.read", "network_referral"},
    {AuditAction::kNetworkReferralAccept, "network_referral.accept", "network_referral"},
    {AuditAction::kNetworkReferralDecline, "network_referral.decline", "network_referral"},
    {AuditAction::kNetworkReferralFeedback, "network_referral.feedback", "network_referral"},
    {AuditAction::kNetworkReferralUpdate, "network_referral.update", "network_referral"},
    {AuditAction::kNetworkReferralRemind, "network_referral.remind", "network_referral"},
    {AuditAction::kNetworkReferralEscalate, "network_referral.escalate", "network_referral"},
    {AuditAction::kNetworkReferralConsentWithdrawn, "network_referral.consent_withdrawn",
     "network_referral"},
    {AuditAction::kNetworkReferralWithdrawalAck, "network_referral.withdrawal_ack",
     "network_referral"},
    {AuditAction::kNetworkReferralOverdueList, "network_referral.overdue_list",
     "network_referrals"},
    {AuditAction::kSessionSecondFactor, "session.second_factor", "user"},
    {AuditAction::kSessionSecondFactorFailed, "session.second_factor_failed", "user"},
    {AuditAction::kSecondFactorEnrol, "second_factor.enrol", "user"},
    {AuditAction::kRecoveryCodesRenew, "second_factor.recovery_codes", "user"},
    {AuditAction::kPasswordChange, "user.password_change", "user"},
    {AuditAction::kSessionEnd, "session.end", "user"},
    {AuditAction::kUserPasswordReset, "user.password_reset", "user"},
    {AuditAction::kUserSecondFactorReset, "user.second_factor_reset", "user"},
    {AuditAction::kUserList, "user.list", "organisation"},
    {AuditAction::kOrgSecondFactorRule, "organisation.second_factor_rule", "organisation"},
    {AuditAction::kAuditRechain, "audit.rechain", "audit_events"},
    {AuditAction::kMasterKeyRotate, "master_key.rotate", "master_key"},
    {AuditAction::kBackupCreate, "backup.create", "backup"},
    {AuditAction::kBackupRestore, "backup.restore", "backup"},
    {AuditAction::kRetentionRead, "retention.read", "organisation"},
    {AuditAction::kRetentionUpdate, "retention.update", "retention"},
    {AuditAction::kRetentionPreview, "retention.preview", "retention"},
    {AuditAction::kRetentionPurge, "retention.purge", "retention"},
    {AuditAction::kTrainingCreate, "training.create", "training"},
    {AuditAction::kTrainingUpdate, "training.update", "training"},
    {AuditAction::kTrainingDelete, "training.delete", "training"},
    {AuditAction::kPublicProfileRead, "public_profile.read", "organisation"},
    {AuditAction::kPublicProfileUpdate, "public_profile.update", "public_profile"},
    {AuditAction::kNewsCreate, "news.create", "news_item"},
    {AuditAction::kNewsUpdate, "news.update", "news_item"},
    {AuditAction::kNewsDelete, "news.delete", "news_item"},
    {AuditAction::kSitePageCreate, "site_page.create", "site_page"},
    {AuditAction::kSitePageUpdate, "site_page.update", "site_page"},
    {AuditAction::kSitePageDelete, "site_page.delete", "site_page"},
    {AuditAction::kSitePagePublish, "site_page.publish", "site_page"},
}};
static_assert(domain::listsEveryValue(kActions, AuditAction::kSitePagePublish));

constexpr auto kAll = domain::valuesOf(kActions);

}  // namespace

std::string_view auditActionName(AuditAction action) {
  return domain::nameOf(kActions, action, "unknown");
}

std::string_view auditObjectType(AuditAction action) {
  const ActionInfo* info = domain::rowOf(kActions, action);
  return info != nullptr ? info->object_type : "";
}

std::span<const AuditAction> allAuditActions() { return kAll; }

AuditEventInput toEventInput(const AuditEntry& entry) {
  // An event that names no object (a failed sign-in for an unknown account, a rebuild of every
  // figure) records no object type either.
  return AuditEventInput{
      entry.actor_user_id,
      entry.org_id,
      std::string(auditActionName(entry.action)),
      entry.object_id.empty() ? std::string() : std::string(auditObjectType(entry.action)),
      entry.object_id,
      entry.request_id};
}

}  // namespace strada::audit
