// The access history of a client (clients.h): the audit trail of the client and of its case.
#include <algorithm>
#include <map>
#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "cases/clients.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/audit_repository.h"
#include "store/case_repository.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxEntries = 500;

struct Trail {
  std::vector<audit::AuditEvent> events;
  std::vector<store::BreakGlass> grants;
  std::map<std::string, std::string> names;
};

// The trail of `client_id` and its case, and of every client merged into it and theirs.
Result<Trail> readTrail(soci::session& sql, const std::string& org_id, const std::string& client_id,
                        const std::optional<std::string>& case_id) {
  auto merges = readMergeRefs(sql, org_id, client_id, "");
  if (!merges) {
    return tl::unexpected(merges.error());
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> records{{client_id, case_id}};
  for (const auto& m : merges->merged_from) {
    records.emplace_back(m.client_id, m.case_id);
  }
  Trail trail;
  for (const auto& [client, kase] : records) {
    auto own = store::auditEventsFor(sql, "client", client);
    if (!own) {
      return tl::unexpected(own.error());
    }
    trail.events.insert(trail.events.end(), own->begin(), own->end());
    if (kase) {
      auto of_case = store::auditEventsFor(sql, "case", *kase);
      auto grants = store::listBreakGlass(sql, *kase);
      if (!of_case || !grants) {
        return tl::unexpected(!of_case ? of_case.error() : grants.error());
      }
      trail.events.insert(trail.events.end(), of_case->begin(), of_case->end());
      trail.grants.insert(trail.grants.end(), grants->begin(), grants->end());
    }
  }
  auto names = userNames(sql, org_id);
  if (!names) {
    return tl::unexpected(names.error());
  }
  trail.names = std::move(*names);
  return trail;
}

// The entries, newest first, each break-glass event paired with its grant's reason (the k-th
// event of a user with the k-th grant of that user: both are written in one job, in order), and
// the erasure with its reason.
std::vector<AccessEntry> entriesOf(Trail trail, const std::optional<std::string>& erasure_reason) {
  std::sort(trail.events.begin(), trail.events.end(),
            [](const auto& a, const auto& b) { return a.seq < b.seq; });
  std::map<std::string, std::size_t> used;
  std::vector<AccessEntry> out;
  for (const auto& e : trail.events) {
    AccessEntry entry{e.at, e.input.actor_user_id, trail.names[e.input.actor_user_id],
                      e.input.action, std::nullopt};
    if (e.input.action == audit::auditActionName(audit::AuditAction::kCaseBreakGlass)) {
      std::size_t& k = used[e.input.actor_user_id];
      std::size_t seen = 0;
      for (const auto& g : trail.grants) {
        if (g.user_id == e.input.actor_user_id && seen++ == k) {
          entry.reason = g.reason;
          ++k;
          break;
        }
      }
    }
    if (e.input.action == audit::auditActionName(audit::AuditAction::kClientKeyDestroy)) {
      entry.reason = erasure_reason;
    }
    out.push_back(std::move(entry));
  }
  std::reverse(out.begin(), out.end());
  if (out.size() > kMaxEntries) {
    out.resize(kMaxEntries);
  }
  return out;
}

}  // namespace

awaitable<Result<std::vector<AccessEntry>>> clientAccessHistory(Context ctx, Actor actor,
                                                                std::string id) {
  auto loaded = co_await allowedSurvivor(ctx, actor, std::move(id),
                                         policy::Permission::kClientAccessHistory, CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  std::optional<std::string> case_id;
  if (loaded->kase) {
    case_id = loaded->kase->id;
  }
  auto job = [org = actor.principal.org_id, client = loaded->row.client.id,
              case_id](soci::session& sql) { return readTrail(sql, org, client, case_id); };
  auto trail = co_await store::awaitRead<Result<Trail>>(ctx.db, std::move(job));
  if (!trail) {
    co_return tl::unexpected(trail.error());
  }
  audit::AuditEntry entry =
      actor.entry(audit::AuditAction::kClientAccessRead, loaded->row.client.id);
  if (auto audited = co_await hotline::recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  std::optional<std::string> erasure_reason;
  if (const std::string& sealed = loaded->row.erasure_reason_sealed; !sealed.empty()) {
    auto opened =
        ctx.vault.open({vault::SealedField::kErasureReason, loaded->row.client.id}, sealed);
    if (!opened) {
      co_return tl::unexpected(opened.error());
    }
    erasure_reason = std::move(*opened);
  }
  for (store::BreakGlass& grant : trail->grants) {
    if (auto opened = ctx.vault.openInto({vault::SealedField::kBreakGlassReason, grant.id},
                                         grant.reason_sealed, grant.reason);
        !opened) {
      co_return tl::unexpected(opened.error());
    }
  }
  co_return entriesOf(std::move(*trail), erasure_reason);
}

}  // namespace strada::cases
