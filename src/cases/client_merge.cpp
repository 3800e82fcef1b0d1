#include "cases/client_merge.h"

#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "domain/case.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"
#include "store/async.h"
#include "store/case_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

Result<MergedRef> refOf(soci::session& sql, const std::string& org_id, std::string id,
                        std::string code) {
  return store::findCaseOfClient(sql, org_id, id).map([&](std::optional<domain::Case> kase) {
    return kase ? MergedRef{std::move(id), std::move(code), kase->id, kase->case_code, kase->status}
                : MergedRef{std::move(id), std::move(code), std::nullopt, "", ""};
  });
}

// Writes `change` with `action` audited on both clients of a pair, in one job.
template <class Change>
awaitable<domain::Status> writeAuditedOnBoth(Context ctx, const Actor& actor, AuditAction action,
                                             const std::string& a, const std::string& b,
                                             Change change) {
  store::WriteJob job = [change = std::move(change), first = actor.entry(action, a),
                         second =
                             actor.entry(action, b)](store::WriteContext& w) -> domain::Status {
    if (auto changed = change(w); !changed) {
      return changed;
    }
    if (auto audited = w.audit(first); !audited) {
      return audited;
    }
    return w.audit(second);
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(job));
}

domain::Error flagNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound,
                       "No such possible duplicate. Reload the list of possible duplicates.", "",
                       ""};
}

// The flag `id` of the actor's organisation, with the names of who flagged and resolved it.
awaitable<Result<DuplicateFlagView>> readFlag(Context ctx, const Actor& actor, std::string id) {
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(flagNotFound());
  }
  auto job = [org = actor.principal.org_id,
              id = std::move(id)](soci::session& sql) -> Result<std::optional<DuplicateFlagView>> {
    auto flag = store::findDuplicateFlag(sql, org, id);
    if (!flag || !flag->has_value()) {
      return flag.map([](auto) { return std::optional<DuplicateFlagView>(); });
    }
    auto names = userNames(sql, org);
    if (!names) {
      return tl::unexpected(names.error());
    }
    return DuplicateFlagView{std::move(**flag), std::move(*names)};
  };
  co_return co_await hotline::readOne(ctx, std::move(job), flagNotFound());
}

// readFlag() for a supervisor (kClientMerge).
awaitable<Result<DuplicateFlagView>> loadFlag(Context ctx, const Actor& actor, std::string id) {
  if (auto may = policy::require(actor.principal, policy::Permission::kClientMerge); !may) {
    co_return tl::unexpected(may.error());
  }
  co_return co_await readFlag(std::move(ctx), actor, std::move(id));
}

// The flag as it is after a change by the actor.
DuplicateFlagView resolved(DuplicateFlagView view, const Actor& actor, std::string status,
                           domain::UnixMillis at, std::string survivor_id) {
  view.flag.status = std::move(status);
  view.flag.resolved_by = actor.principal.user_id;
  view.flag.resolved_at = at;
  view.flag.survivor_id = std::move(survivor_id);
  return view;
}

bool isOpenCase(const std::optional<domain::Case>& kase) {
  return kase.has_value() && kase->status != domain::kCaseClosed;
}

// Why the pair of a flag cannot be merged into `survivor_id`, or nothing.
domain::Status mergeable(const LoadedClient& a, const LoadedClient& b) {
  for (const LoadedClient* c : {&a, &b}) {
    if (c->row.client.erased_at != 0 || !c->row.merged_into.empty()) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "One of these clients was erased or merged already: dismiss this flag.",
                          "survivor_id");
    }
  }
  if (isOpenCase(a.kase) && isOpenCase(b.kase)) {
    return domain::fail(domain::ErrorCode::kConflict,
                        "Both clients have an open case, and a person has one case in the "
                        "organisation. Close one of the cases first, then merge.",
                        "cases");
  }
  return {};
}

}  // namespace

Result<MergeRefs> readMergeRefs(soci::session& sql, const std::string& org_id,
                                const std::string& client_id, const std::string& merged_into) {
  MergeRefs refs;
  auto merged = store::mergedInto(sql, client_id);
  if (!merged) {
    return tl::unexpected(merged.error());
  }
  for (auto& m : *merged) {
    auto ref = refOf(sql, org_id, std::move(m.id), std::move(m.client_code));
    if (!ref) {
      return tl::unexpected(ref.error());
    }
    refs.merged_from.push_back(std::move(*ref));
  }
  if (!merged_into.empty()) {
    auto survivor = store::findClient(sql, merged_into);
    if (!survivor) {
      return tl::unexpected(survivor.error());
    }
    if (survivor->has_value()) {
      auto ref = refOf(sql, org_id, merged_into, (*survivor)->client.client_code);
      if (!ref) {
        return tl::unexpected(ref.error());
      }
      refs.merged_into = std::move(*ref);
    }
  }
  return refs;
}

awaitable<Result<LoadedClient>> allowedSurvivor(Context ctx, const Actor& actor, std::string id,
                                                policy::Permission permission, CaseUse use) {
  auto job = [id = std::move(id)](soci::session& sql) { return store::survivorOf(sql, id); };
  auto survivor = co_await store::awaitRead<Result<std::string>>(ctx.db, std::move(job));
  if (!survivor) {
    co_return tl::unexpected(survivor.error());
  }
  co_return co_await allowedClient(std::move(ctx), actor, std::move(*survivor), permission, use);
}

awaitable<Result<DuplicateFlagView>> flagDuplicate(Context ctx, Actor actor, std::string id,
                                                   DuplicateFlagInput input) {
  const domain::CodeList* reasons = domain::findCodeList("duplicate_reason");
  if (reasons == nullptr || !reasons->contains(input.reason)) {
    co_return domain::invalidField("reason", "Choose why these clients may be the same person.");
  }
  if (input.other_client_id == id) {
    co_return domain::invalidField("other_client_id",
                                   "Name another client: a client cannot duplicate itself.");
  }
  LoadedClient pair[2];
  for (int i = 0; i < 2; ++i) {
    auto loaded = co_await allowedClient(ctx, actor, i == 0 ? id : input.other_client_id,
                                         policy::Permission::kClientCreate, CaseUse::kExist);
    if (!loaded) {
      co_return tl::unexpected(loaded.error());
    }
    if (!loaded->row.merged_into.empty()) {
      co_return domain::fail(domain::ErrorCode::kConflict,
                             "This client was merged into another already.", "other_client_id");
    }
    pair[i] = std::move(*loaded);
  }
  store::DuplicateFlagRow flag{crypto::newId(),
                               actor.principal.org_id,
                               pair[0].row.client.id,
                               pair[1].row.client.id,
                               input.reason,
                               actor.principal.user_id,
                               ctx.clock(),
                               "open",
                               "",
                               0,
                               "",
                               pair[0].row.client.client_code,
                               pair[1].row.client.client_code};
  auto insert = [flag](store::WriteContext& w) { return store::insertDuplicateFlag(w, flag); };
  if (auto written = co_await writeAuditedOnBoth(ctx, actor, AuditAction::kClientDuplicateFlag,
                                                 flag.client_a, flag.client_b, std::move(insert));
      !written) {
    co_return tl::unexpected(written.error());
  }
  co_return co_await readFlag(ctx, actor, flag.id);
}

awaitable<domain::Status> flagIndexMatches(Context ctx, Actor actor, std::string id) {
  auto job = [id](soci::session& sql) { return store::indexMatches(sql, id); };
  auto matches =
      co_await store::awaitRead<Result<std::vector<store::IndexMatch>>>(ctx.db, std::move(job));
  if (!matches) {
    co_return tl::unexpected(matches.error());
  }
  for (const auto& m : *matches) {
    store::DuplicateFlagRow flag;
    flag.id = crypto::newId();
    flag.org_id = actor.principal.org_id;
    flag.client_a = id;
    flag.client_b = m.client_id;
    flag.reason = m.kind == "name" ? "same_name" : "same_phone";
    flag.flagged_by = actor.principal.user_id;
    flag.flagged_at = ctx.clock();
    auto insert = [flag](store::WriteContext& w) { return store::insertDuplicateFlag(w, flag); };
    auto written = co_await writeAuditedOnBoth(ctx, actor, AuditAction::kClientDuplicateFlag, id,
                                               m.client_id, std::move(insert));
    if (!written && written.error().code != domain::ErrorCode::kConflict) {
      co_return written;
    }
  }
  co_return domain::Status{};
}

awaitable<Result<std::vector<DuplicateFlagView>>> listDuplicateFlags(Context ctx, Actor actor,
                                                                     std::string status) {
  if (auto may = policy::require(actor.principal, policy::Permission::kClientMerge); !may) {
    co_return tl::unexpected(may.error());
  }
  if (status != "open" && status != "merged" && status != "dismissed") {
    co_return domain::invalidField("status", "Choose open, merged or dismissed flags.");
  }
  auto job = [org = actor.principal.org_id,
              status](soci::session& sql) -> Result<std::vector<DuplicateFlagView>> {
    auto flags = store::listDuplicateFlags(sql, org, status, kMaxDuplicateFlags);
    auto names = userNames(sql, org);
    if (!flags || !names) {
      return tl::unexpected(!flags ? flags.error() : names.error());
    }
    std::vector<DuplicateFlagView> out;
    for (auto& f : *flags) {
      out.push_back({std::move(f), *names});
    }
    return out;
  };
  auto flags =
      co_await store::awaitRead<Result<std::vector<DuplicateFlagView>>>(ctx.db, std::move(job));
  if (!flags) {
    co_return tl::unexpected(flags.error());
  }
  auto entry =
      actor.entry(AuditAction::kClientDuplicateList, "rows=" + std::to_string(flags->size()));
  if (auto audited = co_await hotline::recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*flags);
}

awaitable<Result<DuplicateFlagView>> dismissDuplicateFlag(Context ctx, Actor actor,
                                                          std::string flag_id) {
  auto view = co_await loadFlag(ctx, actor, std::move(flag_id));
  if (!view) {
    co_return tl::unexpected(view.error());
  }
  const store::DuplicateFlagRow& f = view->flag;
  auto dismiss = [org = f.org_id, id = f.id, by = actor.principal.user_id](store::WriteContext& w) {
    return store::resolveDuplicateFlag(w, org, id, "dismissed", by, "");
  };
  if (auto written = co_await writeAuditedOnBoth(ctx, actor, AuditAction::kClientDuplicateDismiss,
                                                 f.client_a, f.client_b, std::move(dismiss));
      !written) {
    co_return tl::unexpected(written.error());
  }
  co_return resolved(std::move(*view), actor, "dismissed", ctx.clock(), "");
}

awaitable<Result<DuplicateFlagView>> mergeDuplicateFlag(Context ctx, Actor actor,
                                                        std::string flag_id,
                                                        std::string survivor_id) {
  auto view = co_await loadFlag(ctx, actor, std::move(flag_id));
  if (!view) {
    co_return tl::unexpected(view.error());
  }
  const store::DuplicateFlagRow& f = view->flag;
  if (survivor_id != f.client_a && survivor_id != f.client_b) {
    co_return domain::invalidField("survivor_id",
                                   "Choose which of the two clients stays: one of this pair.");
  }
  const std::string merged_id = survivor_id == f.client_a ? f.client_b : f.client_a;
  auto survivor = co_await allowedClient(ctx, actor, survivor_id, policy::Permission::kClientMerge,
                                         CaseUse::kSee);
  if (!survivor) {
    co_return tl::unexpected(survivor.error());
  }
  auto merged = co_await allowedClient(ctx, actor, merged_id, policy::Permission::kClientMerge,
                                       CaseUse::kSee);
  if (!merged) {
    co_return tl::unexpected(merged.error());
  }
  if (auto ok = mergeable(*survivor, *merged); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto merge = [org = f.org_id, id = f.id, by = actor.principal.user_id, survivor_id,
                merged_id](store::WriteContext& w) -> domain::Status {
    if (auto done = store::resolveDuplicateFlag(w, org, id, "merged", by, survivor_id); !done) {
      return done;
    }
    return store::mergeClientInto(w, org, merged_id, survivor_id);
  };
  if (auto written = co_await writeAuditedOnBoth(ctx, actor, AuditAction::kClientMerge, survivor_id,
                                                 merged_id, std::move(merge));
      !written) {
    co_return tl::unexpected(written.error());
  }
  co_return resolved(std::move(*view), actor, "merged", ctx.clock(), survivor_id);
}

}  // namespace strada::cases
