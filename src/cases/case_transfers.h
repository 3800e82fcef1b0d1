// Use cases of a case's transfer to another worker, with acceptance (issue 8, section 2). The
// assigned worker or a supervisor asks; the worker named (or a supervisor) accepts or declines.
// On acceptance the case is assigned to the receiver and the worker before leaves it (neither
// assigned nor in the team: least privilege; a supervisor may add them to the team again). A
// decline leaves the case as it was. Each step is audited and on the case's timeline
// (transfer_request, transfer_accept, transfer_decline). Supervisors still assign directly
// (assignCase).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cases/cases.h"

namespace strada::cases {

struct TransferRequest {
  std::string to;      // an active case worker or supervisor of the organisation
  std::string reason;  // 1 to 500 characters, a work note (never personal data)
  std::int32_t version = 0;
};

struct TransferDecision {
  bool accept = false;
  std::string reason;  // up to 500 characters
};

// What a decision did.
struct TransferOutcome {
  std::string case_id;
  bool accepted = false;
  std::string assigned_to;  // who works the case now
};

// The transfers offered to a user.
struct TransferList {
  std::vector<store::CaseTransferRow> items;
  std::map<std::string, std::string> names;
};

// Someone a case can be given to: an active case worker or supervisor (names and ids only).
struct AssignableUser {
  std::string id;
  std::string name;
};

// kCaseUpdate with requireMayAssign, when `version` is the case's (Conflict on "version"); the
// case keeps its worker until the receiver accepts. InvalidArgument on "to" for anyone not an
// active case worker or supervisor of the organisation, or the worker already assigned; Conflict
// on "transfer" while another transfer waits. Returns the case with its pending transfer.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> requestTransfer(
    Context ctx, Actor actor, std::string case_id, TransferRequest request);

// kCaseUpdate, by the worker the case is offered to or a supervisor (PermissionDenied for anyone
// else who may see the case; NotFound for who may not). Conflict on "transfer" when no transfer
// waits.
[[nodiscard]] boost::asio::awaitable<domain::Result<TransferOutcome>> decideTransfer(
    Context ctx, Actor actor, std::string case_id, TransferDecision decision);

// kTaskListMine: the transfers waiting for the caller, oldest first; transfer.list_mine.
[[nodiscard]] boost::asio::awaitable<domain::Result<TransferList>> myTransfers(Context ctx,
                                                                               Actor actor);

// kCaseUpdate: the organisation's active case workers and supervisors, by name.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<AssignableUser>>> assignableUsers(
    Context ctx, Actor actor);

}  // namespace strada::cases
