// Use cases of a case: open one for a client (one per client per organisation), read it, list
// cases, move it through its stages (a closure is requested, then approved by another
// supervisor), assign it and set its team, break the glass with a reason, and link a hotline
// contact. Every read is audited; a case the user may not see answers NotFound.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/client_merge.h"
#include "cases/context.h"
#include "domain/case.h"
#include "domain/client.h"
#include "domain/error.h"
#include "store/case_proceeding_repository.h"
#include "store/case_repository.h"
#include "store/case_transfer_repository.h"

namespace strada::cases {

struct CaseInput {
  std::string client_id;
  domain::CaseReferral referral;
  std::vector<std::string> contact_ids;
  std::string assigned_to;  // "" for the creator
};

// A case as its reader may see it.
struct CaseView {
  domain::Case kase;
  domain::Client client;        // coded always; person only when person_visible
  bool person_visible = false;  // full access and the person's key still exists
  std::vector<store::CaseHistoryEntry> history;
  std::vector<std::string> linked_contacts;
  std::map<std::string, std::string> names;        // user id -> name, for every user the view names
  std::optional<store::CaseTransferRow> transfer;  // pending, shown to those with full access
  MergeRefs merges;                                // the client's merges (cases/client_merge.h)
};

struct StatusChange {
  std::string to;
  std::int32_t version = 0;
  std::string reason;   // closing: closure_reason code; otherwise a short note
  std::string outcome;  // closing: closure_outcome code
  std::string reflection_start;
  std::string reflection_end;
  // closing: the social-inclusion outcome per domain (case_follow_ups.h), kept as a follow-up of
  // kind "closure"; refused on any other move.
  std::vector<store::InclusionOutcomeRow> inclusion_outcomes;
};

struct Assignment {
  std::string assigned_to;
  std::vector<std::string> team;
  std::int32_t version = 0;
};

struct CaseListFilter {
  std::string assigned_to;  // "me", a user id, or ""
  std::string status;       // a case_status code or ""
  std::optional<store::CaseListQuery::Cursor> after;
  std::int32_t limit = 50;
};

struct CasePage {
  std::vector<store::CaseListRow> rows;
  std::map<std::string, std::string> names;
  bool more = false;  // another page follows the last row
};

// A contact linked to a case.
struct LinkedContact {
  std::string case_id;
  std::string contact_id;
  bool is_new = false;  // false when the contact was linked already
};

// kCaseCreate; the client must be one the actor may work on. Conflict (field "client_id",
// detail "existing_case_id:<id>") for a second case of the client.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> createCase(Context ctx, Actor actor,
                                                                          CaseInput input);
// Who works a new case: the worker the input names (or its creator), or nobody yet: a partner's
// referral waits unassigned in intake for the organisation's supervisors to take it on.
enum class NewCaseAssignment { kToWorker, kUnassigned };
// createCase without its permission and client checks, for a use case that made its own (a
// partner's referral, cases/partner_referrals.h): checks the referral, the agency, the contacts
// and the worker, and stores the case with case.create. Returns the new case's id.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::string>> openCase(
    Context ctx, Actor actor, CaseInput input, NewCaseAssignment assignment);
// kCaseRead; recorded (case.read) before it is returned.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> readCase(Context ctx, Actor actor,
                                                                        std::string id);
// kCaseList, filtered by policy::casesVisibleOnlyTo; recorded (case.list).
[[nodiscard]] boost::asio::awaitable<domain::Result<CasePage>> listCases(Context ctx, Actor actor,
                                                                         CaseListFilter filter);
// kCaseUpdate with requireCaseWorkable (domain/case.h has the workflow).
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> changeCaseStatus(
    Context ctx, Actor actor, std::string id, StatusChange change);
// kCaseApprove: another supervisor than the requester closes the case.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> approveClosure(Context ctx,
                                                                              Actor actor,
                                                                              std::string id,
                                                                              std::int32_t version);
// kCaseUpdate with requireMayAssign.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> assignCase(Context ctx, Actor actor,
                                                                          std::string id,
                                                                          Assignment assignment);
// kCaseBreakGlass: records the reason (case.break_glass), then reads the case.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> breakGlass(Context ctx, Actor actor,
                                                                          std::string id,
                                                                          std::string reason);
// kCaseContactLink: links a contact of the organisation to a case the actor works on (a
// consultant: to any case of the organisation).
[[nodiscard]] boost::asio::awaitable<domain::Result<LinkedContact>> linkContact(
    Context ctx, Actor actor, std::string case_id, std::string contact_id);

}  // namespace strada::cases
