// Record-level rules of direct assistance (issue 8, section 6): who sees a case and its client,
// and how much of them; who may work a case; who may approve.
//
// - A case is open to its assigned worker, its team, the organisation's supervisors, and a user
//   with an unexpired break-glass on it (stated reason, audited): all of it, sealed fields too.
// - A data officer sees every case and client of the organisation with coded fields only.
// - A consultant sees that a client or a case exists (search, link a contact), never its content.
// - A case worker outside the case sees nothing: NotFound, exactly as for another organisation's
//   record, so ids cannot be probed.
// - The approver of a plan or a closure is never its requester.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "policy/policy.h"

namespace strada::policy {

// What the rules look at on one case (or, for a client without a case, on the client).
struct CaseAccessFacts {
  std::string org_id;
  std::string assigned_to;        // user id, "" when unassigned
  std::vector<std::string> team;  // user ids
  std::string created_by;         // who registered the client (a client without a case)
  bool break_glass = false;       // `who` holds an unexpired break-glass on this case
};

enum class CaseAccess {
  kNone,   // not even that it exists (NotFound)
  kCoded,  // coded fields only (data officer)
  kFull,   // everything, sealed fields included
};

// How much of the case (or client) `who` may see.
[[nodiscard]] CaseAccess caseAccess(const Principal& who, const CaseAccessFacts& facts);

// Whether `who` is on the case by assignment or team (not through their role or a break-glass).
[[nodiscard]] bool onCase(const Principal& who, const CaseAccessFacts& facts);

// NotFound unless caseAccess is at least kCoded.
[[nodiscard]] domain::Status requireCaseVisible(const Principal& who, const CaseAccessFacts& facts);

// Record-level rule for kCaseUpdate and kClientUpdate: full access. NotFound when the case is not
// visible at all, PermissionDenied when it is visible with coded fields only.
[[nodiscard]] domain::Status requireCaseWorkable(const Principal& who,
                                                 const CaseAccessFacts& facts);

// Changing the assignment and team: the assigned worker or a supervisor (PermissionDenied).
[[nodiscard]] domain::Status requireMayAssign(const Principal& who, const CaseAccessFacts& facts);

// The approver of a request is never its requester: PermissionDenied (field "approved_by") saying
// that another supervisor must approve.
[[nodiscard]] domain::Status requireApproverNotRequester(const Principal& who,
                                                         std::string_view requested_by);

// The case list as the store filters it: the user id whose cases (assigned or team) alone may
// appear, or nullopt when every case of the organisation may (supervisor, data officer).
[[nodiscard]] std::optional<std::string> casesVisibleOnlyTo(const Principal& who);

// How long a break-glass opens a case.
inline constexpr domain::UnixMillis kBreakGlassMs = 8LL * 60 * 60 * 1000;
// A break-glass reason: 10 to 500 characters once trimmed (InvalidArgument naming "reason").
[[nodiscard]] domain::Status validateBreakGlassReason(std::string_view reason);

}  // namespace strada::policy
