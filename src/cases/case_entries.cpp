// Consents recorded on a case (case_entries.h): typed; a withdrawal takes effect at once.
#include "cases/case_entries.h"

#include <utility>

#include "cases/case_entry_steps.h"
#include "cases/case_records.h"
#include "store/case_entry_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

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
  auto given = dayNotAfter(c.given_on, "given_on", now, "The date cannot be in the future.");
  if (!given) {
    return tl::unexpected(given.error());
  }
  if (c.scope.size() > 500) {
    return domain::invalidField("scope", "Describe the scope in up to 500 characters.");
  }
  return checkEndDay(c.expires_on, "expires_on", *given,
                     "A consent cannot expire before it was given.");
}

store::ConsentRow consentRow(ConsentInput c, std::string id, std::string case_id, std::string by,
                             domain::UnixMillis now) {
  return store::ConsentRow{std::move(id),
                           std::move(case_id),
                           std::move(c.kind),
                           std::move(c.share_agency_id),
                           std::move(c.share_kind),
                           std::move(c.given_as),
                           std::move(c.given_on),
                           std::move(c.scope),
                           std::move(c.expires_on),
                           std::move(by),
                           now,
                           "",
                           "",
                           0};
}

}  // namespace

const EntryKind<Consents> Consents::kKind{.list = store::listConsents,
                                          .insert = store::insertConsent,
                                          .validate = validateConsent,
                                          .row = consentRow,
                                          .agency_id = &ConsentInput::share_agency_id,
                                          .agency_field = "share_with.agency_id",
                                          .created = AuditAction::kConsentCreate,
                                          .name = "consent"};

std::string consentState(const store::ConsentRow& consent, const std::string& today_text) {
  if (!consent.withdrawn_on.empty()) {
    return "withdrawn";
  }
  if (!consent.expires_on.empty() && consent.expires_on < today_text) {
    return "expired";
  }
  return "active";
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
    on = calendarDate(now);
  }
  if (auto day = dayNotAfter(on, "withdrawn_on", now, "The date cannot be in the future."); !day) {
    co_return tl::unexpected(day.error());
  }
  store::WriteJob withdraw = [case_id = loaded->kase.id, consent_id, on,
                              by = actor.principal.user_id](store::WriteContext& w) {
    return store::withdrawConsent(w, case_id, consent_id, on, by);
  };
  co_return co_await writeEntry<Consents>(ctx, actor, *loaded, std::move(withdraw),
                                          AuditAction::kConsentWithdraw, consent_id);
}

}  // namespace strada::cases
