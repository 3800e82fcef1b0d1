#include "audit/audit_action.h"

#include <array>

namespace strada::audit {
namespace {

struct ActionInfo {
  AuditAction action;
  std::string_view name;
  std::string_view object_type;
};

// In declaration order; allAuditActions() and auditActionName() read this table.
constexpr std::array kActions = {
    ActionInfo{AuditAction::kOrganisationCreate, "organisation.create", "organisation"},
    ActionInfo{AuditAction::kUserCreate, "user.create", "user"},
    ActionInfo{AuditAction::kDataKeyCreate, "data_key.create", "data_key"},
    ActionInfo{AuditAction::kSessionCreate, "session.create", "user"},
    ActionInfo{AuditAction::kSessionLoginFailed, "session.login_failed", "user"},
    ActionInfo{AuditAction::kSessionDelete, "session.delete", "user"},
    ActionInfo{AuditAction::kStatsRebuild, "stats.rebuild", "contact_stats_daily"},
    ActionInfo{AuditAction::kContactCreate, "contact.create", "contact"},
    ActionInfo{AuditAction::kContactRead, "contact.read", "contact"},
    ActionInfo{AuditAction::kContactUpdate, "contact.update", "contact"},
    ActionInfo{AuditAction::kContactFinalise, "contact.finalise", "contact"},
    ActionInfo{AuditAction::kContactDiscard, "contact.discard", "contact"},
    ActionInfo{AuditAction::kContactList, "contact.list", "contacts"},
    ActionInfo{AuditAction::kContactDraftList, "contact.draft_list", "contacts"},
    ActionInfo{AuditAction::kContactExport, "contact.export", "contacts"},
    ActionInfo{AuditAction::kContactFollowUpDone, "contact.follow_up_done", "contact"},
    ActionInfo{AuditAction::kSupervisionRead, "supervision.read", "contacts"},
    ActionInfo{AuditAction::kSafetyPlanCreate, "safety_plan.create", "safety_plan"},
    ActionInfo{AuditAction::kSafetyPlanRead, "safety_plan.read", "safety_plan"},
    ActionInfo{AuditAction::kSafetyPlanUpdate, "safety_plan.update", "safety_plan"},
    ActionInfo{AuditAction::kCallerLookup, "caller.lookup", "caller"},
    ActionInfo{AuditAction::kCallerFlag, "caller.flag", "caller"},
    ActionInfo{AuditAction::kCallerUnflag, "caller.unflag", "caller"},
    ActionInfo{AuditAction::kCallerFlagList, "caller.flag_list", "caller_flags"},
    ActionInfo{AuditAction::kTelephonyLineCreate, "telephony_line.create", "telephony_line"},
    ActionInfo{AuditAction::kTelephonyLineDeactivate, "telephony_line.deactivate",
               "telephony_line"},
    ActionInfo{AuditAction::kTelephonyAnswered, "telephony.answered", "contact"},
    ActionInfo{AuditAction::kTelephonyEnded, "telephony.ended", "contact"},
    ActionInfo{AuditAction::kTelephonyEndedUnmatched, "telephony.ended", "telephony_line"},
    ActionInfo{AuditAction::kContactUpgrade, "contact.upgrade", "contacts"},
    ActionInfo{AuditAction::kKnowledgeCreate, "knowledge.create", "knowledge_article"},
    ActionInfo{AuditAction::kKnowledgeUpdate, "knowledge.update", "knowledge_article"},
    ActionInfo{AuditAction::kKnowledgeDelete, "knowledge.delete", "knowledge_article"},
    ActionInfo{AuditAction::kAgencyCreate, "agency.create", "agency"},
    ActionInfo{AuditAction::kAgencyUpdate, "agency.update", "agency"},
    ActionInfo{AuditAction::kAgencyDeactivate, "agency.deactivate", "agency"},
    ActionInfo{AuditAction::kAgencyReadConfidentialAddress, "agency.read_confidential_address",
               "agency"},
    ActionInfo{AuditAction::kStatsRead, "stats.read", "contact_stats"},
    ActionInfo{AuditAction::kClientSearch, "client.search", "clients"},
    ActionInfo{AuditAction::kClientCreate, "client.create", "client"},
    ActionInfo{AuditAction::kClientRead, "client.read", "client"},
    ActionInfo{AuditAction::kClientUpdate, "client.update", "client"},
    ActionInfo{AuditAction::kClientAccessRead, "client.access_read", "client"},
    ActionInfo{AuditAction::kClientKeyDestroy, "client.key_destroy", "client"},
    ActionInfo{AuditAction::kCaseCreate, "case.create", "case"},
    ActionInfo{AuditAction::kCaseRead, "case.read", "case"},
    ActionInfo{AuditAction::kCaseList, "case.list", "cases"},
    ActionInfo{AuditAction::kCaseStatusChange, "case.status_change", "case"},
    ActionInfo{AuditAction::kCaseClosureRequest, "case.closure_request", "case"},
    ActionInfo{AuditAction::kCaseClosureApprove, "case.closure_approve", "case"},
    ActionInfo{AuditAction::kCaseAssign, "case.assign", "case"},
    ActionInfo{AuditAction::kCaseBreakGlass, "case.break_glass", "case"},
    ActionInfo{AuditAction::kCaseContactLink, "case.contact_link", "case"},
    ActionInfo{AuditAction::kConsentCreate, "consent.create", "case"},
    ActionInfo{AuditAction::kConsentWithdraw, "consent.withdraw", "case"},
    ActionInfo{AuditAction::kCaseNoteCreate, "case_note.create", "case"},
    ActionInfo{AuditAction::kCaseNoteList, "case_note.list", "case"},
    ActionInfo{AuditAction::kCaseTimelineRead, "case.timeline_read", "case"},
    ActionInfo{AuditAction::kCaseServiceCreate, "case_service.create", "case"},
};

constexpr std::array<AuditAction, kActions.size()> kAll = [] {
  std::array<AuditAction, kActions.size()> all{};
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    all[i] = kActions[i].action;
  }
  return all;
}();

const ActionInfo* find(AuditAction action) {
  const auto i = static_cast<std::size_t>(action);
  if (i < kActions.size() && kActions[i].action == action) {
    return &kActions[i];
  }
  return nullptr;
}

}  // namespace

std::string_view auditActionName(AuditAction action) {
  const ActionInfo* info = find(action);
  return info != nullptr ? info->name : "unknown";
}

std::string_view auditObjectType(AuditAction action) {
  const ActionInfo* info = find(action);
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
