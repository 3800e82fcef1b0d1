#include "cases/case_entries.h"

#include <algorithm>
#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"
#include "domain/codes.h"
#include "hotline/contact_records.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/case_repository.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

std::string today(domain::UnixMillis now) { return domain::formatCalendarDate(now / 86'400'000); }

domain::Status validateConsent(const ConsentInput& c, domain::UnixMillis now) {
  if (!inCodeList("consent_kind", c.kind)) {
    return domain::invalidField("kind", "Choose what the person consents to from the list.");
  }
  const bool share = c.kind == "share";
  const bool has_target = !c.share_agency_id.empty() || !c.share_kind.empty();
  if (share != has_target ||
      (!c.share_kind.empty() && !inCodeList("share_with_kind", c.share_kind))) {
    return domain::invalidField("share_with",
                                share ? "Name the organisation or the kind of organisation the "
                                        "person agrees to share with."
                                      : "Only a consent to share names who to share with.");
  }
  if (!inCodeList("consent_given_as", c.given_as)) {
    return domain::invalidField("given_as", "Choose how the consent was given.");
  }
  auto given = domain::parseCalendarDate(c.given_on, "given_on");
  if (!given) {
    return tl::unexpected(given.error());
  }
  if (*given > now / 86'400'000) {
    return domain::invalidField("given_on", "The date cannot be in the future.");
  }
  if (c.scope.size() > 500) {
    return domain::invalidField("scope", "Describe the scope in up to 500 characters.");
  }
  if (!c.expires_on.empty()) {
    auto expires = domain::parseCalendarDate(c.expires_on, "expires_on");
    if (!expires) {
      return tl::unexpected(expires.error());
    }
    if (*expires < *given) {
      return domain::invalidField("expires_on", "A consent cannot expire before it was given.");
    }
  }
  return {};
}

awaitable<Result<ConsentList>> readConsents(Context ctx, std::string org_id, std::string case_id) {
  auto job = [org_id, case_id](soci::session& sql) -> Result<ConsentList> {
    auto rows = store::listConsents(sql, case_id);
    if (!rows) {
      return tl::unexpected(rows.error());
    }
    auto names = userNames(sql, org_id);
    if (!names) {
      return tl::unexpected(names.error());
    }
    ConsentList list;
    list.consents = std::move(*rows);
    list.names = std::move(*names);
    return list;
  };
  auto list = co_await store::awaitRead<Result<ConsentList>>(ctx.db, std::move(job));
  if (list) {
    list->today = today(ctx.clock());
  }
  co_return list;
}

}  // namespace

std::string consentState(const store::ConsentRow& consent, const std::string& today_text) {
  if (!consent.withdrawn_on.empty()) {
    return "withdrawn";
  }
  if (!consent.expires_on.empty() && consent.expires_on < today_text) {
    return "expired";
  }
  return "active";
}

awaitable<Result<ConsentList>> listConsents(Context ctx, Actor actor, std::string case_id) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await readConsents(ctx, loaded->kase.org_id, loaded->kase.id);
}

awaitable<Result<ConsentList>> recordConsent(Context ctx, Actor actor, std::string case_id,
                                             ConsentInput input) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateConsent(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok = co_await checkAgency(ctx, loaded->kase.org_id, input.share_agency_id,
                                     "share_with.agency_id");
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  store::ConsentRow row{crypto::newId(),
                        loaded->kase.id,
                        input.kind,
                        input.share_agency_id,
                        input.share_kind,
                        input.given_as,
                        input.given_on,
                        input.scope,
                        input.expires_on,
                        actor.principal.user_id,
                        now,
                        "",
                        "",
                        0};
  store::WriteJob insert = [row](store::WriteContext& w) { return store::insertConsent(w, row); };
  if (auto s = co_await hotline::writeAudited(
          ctx, std::move(insert), actor.entry(AuditAction::kConsentCreate, loaded->kase.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  auto list = co_await readConsents(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (auto kept = keepOnly(list->consents, row.id, "recorded consent"); !kept) {
    co_return tl::unexpected(kept.error());
  }
  co_return list;
}

awaitable<Result<ConsentList>> withdrawConsent(Context ctx, Actor actor, std::string case_id,
                                               std::string consent_id, std::string on) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (on.empty()) {
    on = today(now);
  }
  auto day = domain::parseCalendarDate(on, "withdrawn_on");
  if (!day) {
    co_return tl::unexpected(day.error());
  }
  if (*day > now / 86'400'000) {
    co_return domain::invalidField("withdrawn_on", "The date cannot be in the future.");
  }
  store::WriteJob withdraw = [case_id = loaded->kase.id, consent_id, on,
                              by = actor.principal.user_id](store::WriteContext& w) {
    return store::withdrawConsent(w, case_id, consent_id, on, by);
  };
  if (auto s = co_await hotline::writeAudited(
          ctx, std::move(withdraw), actor.entry(AuditAction::kConsentWithdraw, loaded->kase.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  auto list = co_await readConsents(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (auto kept = keepOnly(list->consents, consent_id, "withdrawn consent"); !kept) {
    co_return tl::unexpected(kept.error());
  }
  co_return list;
}

}  // namespace strada::cases
