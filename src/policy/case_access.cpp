#include "policy/case_access.h"

#include <algorithm>

namespace strada::policy {
namespace {

using domain::Role;

bool hasRole(const Principal& who, Role role) {
  return std::find(who.roles.begin(), who.roles.end(), role) != who.roles.end();
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

bool onCase(const Principal& who, const CaseAccessFacts& facts) {
  if (who.user_id.empty()) {
    return false;
  }
  if (facts.assigned_to == who.user_id) {
    return true;
  }
  return std::find(facts.team.begin(), facts.team.end(), who.user_id) != facts.team.end();
}

CaseAccess caseAccess(const Principal& who, const CaseAccessFacts& facts) {
  if (who.org_id.empty() || who.org_id != facts.org_id) {
    return CaseAccess::kNone;
  }
  if (hasRole(who, Role::kSupervisor)) {
    return CaseAccess::kFull;
  }
  if (hasRole(who, Role::kCaseWorker)) {
    const bool registered_it = facts.assigned_to.empty() && facts.team.empty() &&
                               !who.user_id.empty() && facts.created_by == who.user_id;
    if (onCase(who, facts) || facts.break_glass || registered_it) {
      return CaseAccess::kFull;
    }
  }
  if (hasRole(who, Role::kDataOfficer)) {
    return CaseAccess::kCoded;
  }
  return CaseAccess::kNone;
}

domain::Status requireCaseVisible(const Principal& who, const CaseAccessFacts& facts) {
  if (caseAccess(who, facts) == CaseAccess::kNone) {
    return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
  }
  return {};
}

domain::Status requireCaseWorkable(const Principal& who, const CaseAccessFacts& facts) {
  switch (caseAccess(who, facts)) {
    case CaseAccess::kFull:
      if (hasRole(who, Role::kSupervisor) || hasRole(who, Role::kCaseWorker)) {
        return {};
      }
      break;
    case CaseAccess::kCoded:
      break;
    case CaseAccess::kNone:
      return domain::fail(domain::ErrorCode::kNotFound, "No such record.");
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Your role may read this case's coded fields only. Ask its case worker or "
                      "a supervisor to make the change.",
                      {}, "case.update");
}

domain::Status requireMayAssign(const Principal& who, const CaseAccessFacts& facts) {
  if (auto workable = requireCaseWorkable(who, facts); !workable) {
    return workable;
  }
  if (hasRole(who, Role::kSupervisor) ||
      (!who.user_id.empty() && facts.assigned_to == who.user_id)) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Only the assigned case worker or a supervisor may change who works on "
                      "this case.",
                      {}, "case.assign");
}

domain::Status requireApproverNotRequester(const Principal& who, std::string_view requested_by) {
  if (!who.user_id.empty() && who.user_id != requested_by) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "You made this request, so another supervisor must approve it.",
                      "approved_by", "approver is the requester");
}

std::optional<std::string> casesVisibleOnlyTo(const Principal& who) {
  if (hasRole(who, Role::kSupervisor) || hasRole(who, Role::kDataOfficer)) {
    return std::nullopt;
  }
  return who.user_id;
}

domain::Status validateBreakGlassReason(std::string_view reason) {
  const auto text = trimmed(reason);
  if (text.size() < 10 || text.size() > 500) {
    return domain::invalidField("reason",
                                "State why you need this case now, in 10 to 500 characters.");
  }
  return {};
}

}  // namespace strada::policy
