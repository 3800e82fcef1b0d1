#include "cases/cases.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "hotline/contact_records.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

bool hasRole(const policy::Principal& who, domain::Role role) {
  return std::find(who.roles.begin(), who.roles.end(), role) != who.roles.end();
}

awaitable<domain::Status> checkContacts(Context ctx, policy::Principal who,
                                        std::vector<std::string> ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto found = co_await hotline::findVisibleContact(ctx, who, ids[i]);
    if (!found) {
      co_return domain::invalidField("contact_ids[" + std::to_string(i) + "]",
                                     "No such contact in your organisation.");
    }
  }
  co_return domain::Status{};
}

awaitable<domain::Status> checkWorker(Context ctx, std::string org_id, std::string user_id,
                                      std::string field) {
  auto users = co_await readUsers(ctx, std::move(org_id));
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  if (isCaseWorkerAmong(*users, user_id)) {
    co_return domain::Status{};
  }
  co_return domain::invalidField(
      std::move(field), "Choose an active case worker or supervisor of your organisation.");
}

}  // namespace

awaitable<Result<CaseView>> createCase(Context ctx, Actor actor, CaseInput input) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kCaseCreate); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto ok = domain::validateCaseReferral(input.referral, ctx.clock()); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto client = co_await loadClient(ctx, who, input.client_id);
  if (!client) {
    co_return domain::invalidField("client_id", "No such client in your organisation.");
  }
  if (auto may = policy::requireCaseWorkable(who, client->facts); !may) {
    co_return domain::invalidField("client_id", "No such client in your organisation.");
  }
  auto case_id = co_await openCase(ctx, actor, std::move(input), NewCaseAssignment::kToWorker);
  if (!case_id) {
    co_return tl::unexpected(case_id.error());
  }
  auto loaded = co_await loadCase(ctx, who, *case_id);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await viewCase(ctx, std::move(*loaded), policy::CaseAccess::kFull);
}

awaitable<Result<std::string>> openCase(Context ctx, Actor actor, CaseInput input,
                                        NewCaseAssignment assignment) {
  const policy::Principal& who = actor.principal;
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = domain::validateCaseReferral(input.referral, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok =
          co_await checkAgency(ctx, who.org_id, input.referral.agency_id, "referral.agency_id");
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok = co_await checkContacts(ctx, who, input.contact_ids); !ok) {
    co_return tl::unexpected(ok.error());
  }
  std::string assigned;
  if (assignment == NewCaseAssignment::kToWorker) {
    assigned = input.assigned_to.empty() ? who.user_id : input.assigned_to;
    if (auto ok = co_await checkWorker(ctx, who.org_id, assigned, "assigned_to"); !ok) {
      co_return tl::unexpected(ok.error());
    }
  }
  domain::Case kase;
  kase.id = crypto::newId();
  kase.org_id = who.org_id;
  kase.client_id = input.client_id;
  kase.case_code = newRecordCode("CS-");
  kase.assigned_to = assigned;
  kase.referral = input.referral;
  kase.opened_on = calendarDate(now);
  kase.created_by = who.user_id;
  kase.created_at = kase.updated_at = now;
  std::string case_id = kase.id;
  store::WriteJob insert = [kase = std::move(kase),
                            contacts = input.contact_ids](store::WriteContext& w) {
    return store::insertCase(w, kase, contacts);
  };
  if (auto s = co_await hotline::writeAudited(ctx, std::move(insert),
                                              actor.entry(AuditAction::kCaseCreate, case_id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return case_id;
}

awaitable<Result<CaseView>> readCase(Context ctx, Actor actor, std::string id) {
  auto loaded =
      co_await allowedCase(ctx, actor, std::move(id), policy::Permission::kCaseRead, CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  audit::AuditEntry entry = actor.entry(AuditAction::kCaseRead, loaded->kase.id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  const auto access = policy::caseAccess(actor.principal, loaded->facts);
  co_return co_await viewCase(ctx, std::move(*loaded), access);
}

awaitable<Result<CasePage>> listCases(Context ctx, Actor actor, CaseListFilter filter) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kCaseList); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!filter.status.empty() && !domain::isCaseStatus(filter.status)) {
    co_return domain::invalidField("status", "Choose a case status from the list offered.");
  }
  if (filter.limit < 1 || filter.limit > 200) {
    co_return domain::invalidField("limit", "Give a page size from 1 to 200.");
  }
  store::CaseListQuery q;
  q.org_id = who.org_id;
  q.visible_to = policy::casesVisibleOnlyTo(who);
  q.assigned_to = filter.assigned_to == "me" ? who.user_id : filter.assigned_to;
  q.status = filter.status;
  q.after = filter.after;
  q.limit = filter.limit + 1;
  auto job = [q](soci::session& sql) -> Result<CasePage> {
    auto rows = store::listCases(sql, q);
    if (!rows) {
      return tl::unexpected(rows.error());
    }
    CasePage page;
    page.rows = std::move(*rows);
    auto names = userNames(sql, q.org_id);
    if (!names) {
      return tl::unexpected(names.error());
    }
    page.names = std::move(*names);
    return page;
  };
  auto page = co_await store::awaitRead<Result<CasePage>>(ctx.db, std::move(job));
  if (!page) {
    co_return tl::unexpected(page.error());
  }
  page->more = hotline::cutToPage(page->rows, static_cast<std::size_t>(filter.limit));
  if (auto s = co_await hotline::recordAudit(
          ctx, actor.entry(AuditAction::kCaseList, "rows=" + std::to_string(page->rows.size())));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return std::move(*page);
}

awaitable<Result<CaseView>> breakGlass(Context ctx, Actor actor, std::string id,
                                       std::string reason) {
  if (auto ok = policy::validateBreakGlassReason(reason); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto loaded =
      co_await allowedCase(ctx, actor, id, policy::Permission::kCaseBreakGlass, CaseUse::kExist);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  store::BreakGlass grant;
  grant.id = crypto::newId();
  grant.case_id = loaded->kase.id;
  grant.user_id = actor.principal.user_id;
  grant.reason_sealed = ctx.vault.seal({vault::SealedField::kBreakGlassReason, grant.id}, reason);
  grant.at = now;
  grant.expires_at = now + policy::kBreakGlassMs;
  if (auto s = co_await insertOnCase(ctx, actor, AuditAction::kCaseBreakGlass, loaded->kase.id,
                                     store::insertBreakGlass, std::move(grant));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return co_await readCase(ctx, std::move(actor), std::move(id));
}

awaitable<Result<LinkedContact>> linkContact(Context ctx, Actor actor, std::string case_id,
                                             std::string contact_id) {
  const policy::Principal& who = actor.principal;
  // A consultant links a caller's contact knowing only that the case exists; everyone else
  // links to a case they work on.
  const CaseUse use = hasRole(who, domain::Role::kConsultant) ? CaseUse::kExist : CaseUse::kWork;
  auto loaded =
      co_await allowedCase(ctx, actor, case_id, policy::Permission::kCaseContactLink, use);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto contact = co_await hotline::findVisibleContact(ctx, who, contact_id);
  if (!contact) {
    co_return domain::invalidField("contact_id", "No such contact in your organisation.");
  }
  auto is_new = std::make_shared<bool>(false);
  store::WriteJob link = [case_id, contact_id, by = who.user_id, is_new](store::WriteContext& w) {
    auto linked = store::linkCaseContact(w, case_id, contact_id, by);
    if (!linked) {
      return domain::Status(tl::unexpected(linked.error()));
    }
    *is_new = *linked;
    return domain::Status{};
  };
  if (auto s = co_await hotline::writeAudited(ctx, std::move(link),
                                              actor.entry(AuditAction::kCaseContactLink, case_id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return LinkedContact{std::move(case_id), std::move(contact_id), *is_new};
}

}  // namespace strada::cases
