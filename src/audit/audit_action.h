// The actions the audit trail records, listed once. Each has a stable dotted name (what the chain
// stores and hashes: never rename one) and the kind of object it names.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "audit/audit_event.h"

namespace strada::audit {

// Enumerators take no explicit values: allAuditActions() and its test rely on 0, 1, 2, ...
enum class AuditAction {
  // The installation and its people.
  kOrganisationCreate,  // organisation.create
  kUserCreate,          // user.create
  kDataKeyCreate,       // data_key.create
  kSessionCreate,       // session.create
  kSessionLoginFailed,  // session.login_failed
  kSessionDelete,       // session.delete
  kStatsRebuild,        // stats.rebuild
  // Hotline contacts.
  kContactCreate,            // contact.create
  kContactRead,              // contact.read
  kContactUpdate,            // contact.update
  kContactFinalise,          // contact.finalise
  kContactDiscard,           // contact.discard (a draft thrown away by its author)
  kContactList,              // contact.list (one page of the list: filters and row count)
  kContactDraftList,         // contact.draft_list
  kContactExport,            // contact.export
  kContactFollowUpDone,      // contact.follow_up_done
  kSupervisionRead,          // supervision.read (one of the supervisor's views)
  kSafetyPlanCreate,         // safety_plan.create
  kSafetyPlanRead,           // safety_plan.read
  kSafetyPlanUpdate,         // safety_plan.update
  kCallerLookup,             // caller.lookup
  kCallerFlag,               // caller.flag
  kCallerUnflag,             // caller.unflag
  kCallerFlagList,           // caller.flag_list
  kTelephonyLineCreate,      // telephony_line.create
  kTelephonyLineDeactivate,  // telephony_line.deactivate
  kTelephonyAnswered,        // telephony.answered
  kTelephonyEnded,           // telephony.ended (of the call's draft contact)
  kTelephonyEndedUnmatched,  // telephony.ended (of a line, when no draft matched the call)
  kContactUpgrade,           // contact.upgrade (a step in code of a migration: rows changed)
  // The knowledge base and the partner directory.
  kKnowledgeCreate,                // knowledge.create
  kKnowledgeUpdate,                // knowledge.update
  kKnowledgeDelete,                // knowledge.delete
  kAgencyCreate,                   // agency.create
  kAgencyUpdate,                   // agency.update
  kAgencyDeactivate,               // agency.deactivate
  kAgencyReadConfidentialAddress,  // agency.read_confidential_address
  // Figures.
  kStatsRead,  // stats.read
  // Direct assistance: clients and their cases (src/cases/).
  kClientSearch,        // client.search (the number of matches; never the terms)
  kClientCreate,        // client.create
  kClientRead,          // client.read
  kClientUpdate,        // client.update
  kClientAccessRead,    // client.access_read (a supervisor read the client's access history)
  kClientKeyDestroy,    // client.key_destroy (the person's key is gone: the person is erased)
  kCaseCreate,          // case.create
  kCaseRead,            // case.read
  kCaseList,            // case.list (one page: its row count)
  kCaseStatusChange,    // case.status_change
  kCaseClosureRequest,  // case.closure_request
  kCaseClosureApprove,  // case.closure_approve
  kCaseAssign,          // case.assign
  kCaseBreakGlass,      // case.break_glass (the reason is kept with the case, not in the chain)
  kCaseContactLink,     // case.contact_link
  kConsentCreate,       // consent.create
  kConsentWithdraw,     // consent.withdraw
  kCaseNoteCreate,      // case_note.create
  kCaseNoteList,        // case_note.list
  kCaseTimelineRead,    // case.timeline_read
  kCaseServiceCreate,   // case_service.create
  // A case's identification, needs and plan (cases/case_assessments.h, cases/case_plan.h).
  kCaseIdentificationRead,    // case_identification.read
  kCaseIdentificationUpdate,  // case_identification.update (and the client's trafficking status)
  kCaseNeedsRead,             // case_needs.read
  kCaseNeedsUpdate,           // case_needs.update
  kCasePlanRead,              // case_plan.read
  kCasePlanUpdate,            // case_plan.update
  kCasePlanSubmit,            // case_plan.submit
  kCasePlanApprove,           // case_plan.approve
  kCasePlanReturn,            // case_plan.return
  kCaseApprovalList,          // case.approval_list (the pending approvals: their count)
  // A case's tasks (cases/case_tasks.h).
  kCaseTaskCreate,       // case_task.create
  kCaseTaskUpdate,       // case_task.update (done or open again)
  kCaseTaskList,         // case_task.list
  kTaskListMine,         // task.list_mine (a user's open tasks across cases: their count)
  kClientSubjectAccess,  // client.subject_access (the person's data exported for them)
  // A case's transfer to another worker, with acceptance (cases/case_transfers.h).
  kCaseTransferRequest,  // case.transfer_request
  kCaseTransferAccept,   // case.transfer_accept
  kCaseTransferDecline,  // case.transfer_decline
  kTransferListMine,     // transfer.list_mine (the transfers offered to a user: their count)
  // The case statistics downloaded as CSV or XLSX (cases/case_stats.h): the period, no person.
  kCaseStatsExport,  // case_stats.export
  // A case's documents (cases/case_attachments.h).
  kCaseDocumentUpload,    // case_document.upload
  kCaseDocumentList,      // case_document.list
  kCaseDocumentDownload,  // case_document.download
  kCaseDocumentWithdraw,  // case_document.withdraw (a supervisor; the content deleted)
  // A case's court proceedings and follow-ups (cases/case_proceedings.h, case_follow_ups.h).
  kCaseProceedingCreate,  // case_proceeding.create
  kCaseProceedingUpdate,  // case_proceeding.update
  kCaseProceedingList,    // case_proceeding.list
  kCaseFollowUpCreate,    // case_follow_up.create
  kCaseFollowUpList,      // case_follow_up.list
  // Possible duplicate clients and their merge (cases/client_merge.h).
  kClientDuplicateFlag,     // client.duplicate_flag (on each client of the pair)
  kClientDuplicateList,     // client.duplicate_list ("rows=N")
  kClientDuplicateDismiss,  // client.duplicate_dismiss (on each client of the pair)
  kClientMerge,             // client.merge (on the survivor and on the merged client)
  // A case's outgoing referrals, a share checked against consent (cases/case_referrals.h).
  kCaseReferralCreate,   // case_referral.create
  kCaseReferralList,     // case_referral.list
  kConsentOverride,      // consent.override (a share without consent, by a supervisor)
  kConsentOverrideList,  // consent_override.list (the organisation's overrides: their count)
  kReferralList,         // referral.list (a partner's own referrals; object "rows=N")
  // The standard exports (reports/standard_exports.h): object "from=...;to=...;rows=N".
  kStandardExportHtcds,  // export.htcds
  kStandardExportCtdc,   // export.ctdc
  // The network's membership (network/membership.h): object the member's code.
  kNetworkMemberJoinRequest,  // network_member.join_request (a join request received at the hub)
  kNetworkMemberApprove,      // network_member.approve
  kNetworkMemberRevoke,       // network_member.revoke
  kNetworkMemberList,         // network_member.list ("rows=N")
  kNetworkKeyCreate,          // network_key.create (this instance's keys; object the key id)
  kNetworkKeyRotate,          // network_key.rotate (object the new key id)
  // The aggregate reports (reports/reports.h): figures only, never a person.
  kReportCreate,    // report.create (a draft computed from the organisation's figures)
  kReportApprove,   // report.approve (frozen, ready to leave)
  kReportImport,    // report.import (historic figures from a CSV; object "rows=N")
  kReportSettings,  // report.settings (the figure groups collected, k)
  // The network's figures (network/report_submission.h, network/network_figures.h).
  kReportSubmit,              // report.submit (an approved report queued for the hub)
  kNetworkOverviewRead,       // network_overview.read (object "from=..;to=..;format=..")
  kNetworkPublicationChange,  // network_publication.change (what the network publishes)
  // Referrals between members (network/referrals.h): object the referral id (or "rows=N").
  kNetworkReferralSend,              // network_referral.send (the sender's case worker)
  kNetworkReferralReceive,           // network_referral.receive (an offer arrived: by the system)
  kNetworkReferralList,              // network_referral.list ("rows=N": coded fields only)
  kNetworkReferralRead,              // network_referral.read (the packet opened: personal data)
  kNetworkReferralAccept,            // network_referral.accept (a case opened from it)
  kNetworkReferralDecline,           // network_referral.decline
  kNetworkReferralFeedback,          // network_referral.feedback (sent by the receiver)
  kNetworkReferralUpdate,            // network_referral.update (an answer, feedback, reminder or
                                     // withdrawal received: by the system)
  kNetworkReferralRemind,            // network_referral.remind (half-time reminder sent)
  kNetworkReferralEscalate,          // network_referral.escalate (deadline missed: told the hub)
  kNetworkReferralConsentWithdrawn,  // network_referral.consent_withdrawn (told the receiver)
  kNetworkReferralWithdrawalAck,     // network_referral.withdrawal_ack (the receiver acted on it)
  kNetworkReferralOverdueList,       // network_referral.overdue_list (the hub's coordinator)
  // Sign-in security (issue 10, section 1): object the user.
  kSessionSecondFactor,        // session.second_factor (the code was right: signed in)
  kSessionSecondFactorFailed,  // session.second_factor_failed (a wrong code or recovery code)
  kSecondFactorEnrol,          // second_factor.enrol (a second factor confirmed)
  kRecoveryCodesRenew,         // second_factor.recovery_codes (new recovery codes shown)
  kPasswordChange,             // user.password_change (by the user; other sessions ended)
  kSessionEnd,                 // session.end (the user ended one of their other sessions)
  kUserPasswordReset,          // user.password_reset (by an administrator)
  kUserSecondFactorReset,      // user.second_factor_reset (by an administrator)
  kUserList,                   // user.list (an administrator's listing, with e-mails)
  kOrgSecondFactorRule,        // organisation.second_factor_rule (object the organisation)
  // The audit trail itself (vault/audit_keys.h): the stored SHA-256 chain chained again under
  // the audit MAC key on the first start with it (object "events=N": how many).
  kAuditRechain,  // audit.rechain
  // Backups and keys (issue 10, section 4): by the command line, no user.
  kMasterKeyRotate,  // master_key.rotate (every data key and person key re-wrapped)
  kBackupCreate,     // backup.create (an encrypted backup was taken)
  kBackupRestore,    // backup.restore (this database was restored from a backup)
  // Retention (issue 10, section 5; domain/retention.h).
  kRetentionRead,     // retention.read (the organisation's rules)
  kRetentionUpdate,   // retention.update (object: the kinds with a rule, "kinds=contacts,...")
  kRetentionPreview,  // retention.preview (object: "kind=N,..." counts past their date)
  kRetentionPurge,    // retention.purge (one per organisation and kind: "contacts:delete=12")
  // Trainings given to partner professionals (issue 11, section 3; object: the training's id).
  kTrainingCreate,  // training.create
  kTrainingUpdate,  // training.update
  kTrainingDelete,  // training.delete
  // The public site (issue 11, section 1).
  kPublicProfileRead,    // public_profile.read (the profile with its address, by staff)
  kPublicProfileUpdate,  // public_profile.update (object: "hotlines=N,address=public|secret|none")
  // News and statements (issue 11, section 2; public_site/news.h). Object: the item's id.
  kNewsCreate,  // news.create
  kNewsUpdate,  // news.update
  kNewsDelete,  // news.delete
  // Pages and case studies (issue 11, section 1; public_site/site_pages.h). Object: the page's id.
  kSitePageCreate,   // site_page.create
  kSitePageUpdate,   // site_page.update
  kSitePageDelete,   // site_page.delete
  kSitePagePublish,  // site_page.publish (a draft made published, on creation or change)
};

// The stable name ("contact.create"); "unknown" for a value that is not an enumerator. Two
// actions share a name only where they differ in object type (telephony.ended).
std::string_view auditActionName(AuditAction action);
// The kind of object the action names ("contact", "user", ...), or "" when it names none.
std::string_view auditObjectType(AuditAction action);
// Every enumerator once, in declaration order (static storage).
std::span<const AuditAction> allAuditActions();

// One entry of the trail as a use case states it: who did what to which record.
struct AuditEntry {
  std::string actor_user_id;  // empty for the command line or an anonymous actor
  std::string org_id;         // empty when unknown
  AuditAction action;
  std::string object_id;   // never personal data; for lists, a summary such as "rows=25"
  std::string request_id;  // empty outside HTTP
};

// The chain's input for `entry`: its action's name, and its object type when it names an object.
AuditEventInput toEventInput(const AuditEntry& entry);

}  // namespace strada::audit
