// Loading a case with what its access rule and its view need (cases.h's use cases share it).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cases/cases.h"
#include "cases/client_records.h"
#include "cases/context.h"
#include "hotline/use_case_steps.h"
#include "policy/case_access.h"
#include "store/client_repository.h"
#include "store/user_repository.h"

namespace strada::cases {

struct LoadedCase {
  domain::Case kase;
  store::ClientRow client;
  policy::CaseAccessFacts facts;
};

// The case `id` of the principal's organisation, with its client and the access facts
// (break-glass at the context's clock). recordNotFound() for a missing case or another
// organisation's; policy is the caller's.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedCase>> loadCase(Context ctx,
                                                                          policy::Principal who,
                                                                          std::string id);

// The view of a loaded case with access `access` (kCoded or kFull): history, linked contacts and
// names read from the store, the person opened when full.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> viewCase(Context ctx,
                                                                        LoadedCase loaded,
                                                                        policy::CaseAccess access);

// What a use case does with a case (or a client), and so the rule of policy/case_access.h it asks.
enum class CaseUse {
  kExist,   // knows that it exists in the organisation: no more (break the glass; a consultant)
  kSee,     // sees it: policy::requireCaseVisible
  kWork,    // works on it: policy::requireCaseWorkable
  kAssign,  // changes who works on it: policy::requireMayAssign
};

// The case `case_id` (loadCase), when the actor holds `permission` and may use it as `use` says;
// otherwise the policy's refusal.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedCase>> allowedCase(
    Context ctx, const Actor& actor, std::string case_id, policy::Permission permission,
    CaseUse use);

// The client `client_id` (loadClient), when the actor holds `permission` and may use the client
// as `use` says; otherwise the policy's refusal.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedClient>> allowedClient(
    Context ctx, const Actor& actor, std::string client_id, policy::Permission permission,
    CaseUse use);

// allowedClient() of the client that `id` stands for now: its survivor when it was merged away
// (cases/client_merge.h).
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedClient>> allowedSurvivor(
    Context ctx, const Actor& actor, std::string id, policy::Permission permission, CaseUse use);

// Inserts `row` with `insert` (a store function) and the audit event `action` on the case
// `case_id`, in one job.
template <class Row>
[[nodiscard]] boost::asio::awaitable<domain::Status> insertOnCase(
    Context ctx, const Actor& actor, audit::AuditAction action, std::string case_id,
    domain::Status (*insert)(store::WriteContext&, const Row&), Row row) {
  auto job = [insert, row = std::move(row)](store::WriteContext& w) { return insert(w, row); };
  audit::AuditEntry entry = actor.entry(action, std::move(case_id));
  co_return co_await hotline::writeAudited(std::move(ctx), std::move(job), std::move(entry));
}

// Writes `revised` (from version `expected`) with the history entry `entry`, `also` (a further
// write of the same change, or nullptr) and the audit event `action`, in one job; then answers the
// case as its team sees it. Conflict on "version" when the case changed since `expected`.
[[nodiscard]] boost::asio::awaitable<domain::Result<CaseView>> commitCaseChange(
    Context ctx, Actor actor, LoadedCase loaded, domain::Case revised, std::int32_t expected,
    store::CaseHistoryEntry entry, audit::AuditAction action, store::WriteJob also);

// The names of the users of organisation `org_id` by id: who did what on a case or a client.
[[nodiscard]] domain::Result<std::map<std::string, std::string>> userNames(
    soci::session& sql, const std::string& org_id);

// The users of organisation `org_id` (store::listOrganisationUsers), read on a reader thread.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<store::UserListing>>> readUsers(
    Context ctx, std::string org_id);

// Whether `user_id` is an active case worker or supervisor among `users`: someone a case can be
// assigned to.
[[nodiscard]] bool isCaseWorkerAmong(const std::vector<store::UserListing>& users,
                                     std::string_view user_id);

// OK when `agency_id` is empty or names an agency of organisation `org_id`'s directory;
// otherwise InvalidArgument on `field`.
[[nodiscard]] boost::asio::awaitable<domain::Status> checkAgency(Context ctx, std::string org_id,
                                                                 std::string agency_id,
                                                                 std::string field);

// Keeps in `rows` only the row `id` names, read back after its write; an internal error ("<what>
// not read back") when it is not there.
template <class Row>
[[nodiscard]] domain::Status keepOnly(std::vector<Row>& rows, const std::string& id,
                                      std::string_view what) {
  std::erase_if(rows, [&id](const Row& row) { return row.id != id; });
  if (rows.empty()) {
    return domain::internalError(std::string(what) + " not read back");
  }
  return {};
}

// The calendar day of `now`, YYYY-MM-DD (UTC).
[[nodiscard]] std::string calendarDate(domain::UnixMillis now);

// The calendar day of `text` (YYYY-MM-DD, else InvalidArgument on `field`) when it is not after
// the day of `now`; otherwise InvalidArgument on `field` saying `in_future`.
[[nodiscard]] domain::Result<std::int64_t> dayNotAfter(std::string_view text,
                                                       std::string_view field,
                                                       domain::UnixMillis now,
                                                       std::string_view in_future);

// OK when `end` is "" or a calendar day (YYYY-MM-DD) not before the day `start`; otherwise
// InvalidArgument on `field` (saying `before_start` for a day before it).
[[nodiscard]] domain::Status checkEndDay(std::string_view end, std::string_view field,
                                         std::int64_t start, std::string_view before_start);

// The number of characters (UTF-8 code points) of `s`.
[[nodiscard]] std::size_t utf8Length(std::string_view s);

// Whether `text` says something (a character other than blanks) in at most `max_chars`
// characters: the rule of every free-text field "in 1 to N characters".
[[nodiscard]] bool isTextWithin(std::string_view text, std::size_t max_chars);

// Whether `code` is one of the code list `list` (domain/codes.h); false for a list that is not.
[[nodiscard]] bool inCodeList(std::string_view list, std::string_view code);

}  // namespace strada::cases
