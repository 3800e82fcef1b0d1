// A case's outgoing referrals (case_referrals.h), each checked against the person's consent.
#include "cases/case_referrals.h"

#include <algorithm>
#include <utility>

#include "cases/case_documents.h"
#include "cases/case_records.h"
#include "cases/share_consent.h"
#include "crypto/crypto.h"
#include "store/agency_repository.h"
#include "store/async.h"

namespace strada::cases {

using boost::asio::awaitable;

namespace {

using audit::AuditAction;
using domain::Result;

domain::Status checkTarget(const ReferralInput& in) {
  constexpr std::size_t kMaxMemberChars = 200;
  const bool member = !in.member_name.empty() || !in.member_country.empty();
  if (in.agency_id.empty() == !member) {
    return domain::invalidField("target",
                                "Choose an agency of your directory, or name a member "
                                "organisation of the network: one of the two.");
  }
  if (member && !isTextWithin(in.member_name, kMaxMemberChars)) {
    return domain::invalidField("member.name",
                                "Name the member organisation in 1 to 200 characters.");
  }
  const bool country_code = in.member_country.size() == 2 &&
                            std::all_of(in.member_country.begin(), in.member_country.end(),
                                        [](char c) { return c >= 'A' && c <= 'Z'; });
  if (member && !country_code) {
    return domain::invalidField("member.country",
                                "Give the member organisation's country as its ISO 3166-1 "
                                "code, such as RO.");
  }
  return {};
}

domain::Status validateReferral(ReferralInput& in, domain::UnixMillis now) {
  constexpr std::size_t kMaxPurposeChars = 2000;
  constexpr std::size_t kMinOverrideChars = 10;
  constexpr std::size_t kMaxOverrideChars = 1000;
  if (auto ok = checkTarget(in); !ok) {
    return ok;
  }
  if (!isTextWithin(in.purpose, kMaxPurposeChars)) {
    return domain::invalidField("purpose",
                                "Say what the referral is for, in 1 to 2000 characters.");
  }
  if (in.referred_on.empty()) {
    in.referred_on = calendarDate(now);
  }
  if (auto day =
          dayNotAfter(in.referred_on, "referred_on", now, "The date cannot be in the future.");
      !day) {
    return tl::unexpected(day.error());
  }
  if (!in.override_reason.empty() && (!isTextWithin(in.override_reason, kMaxOverrideChars) ||
                                      utf8Length(in.override_reason) < kMinOverrideChars)) {
    return domain::invalidField("override_reason",
                                "State why the referral goes without consent, in 10 to 1000 "
                                "characters.");
  }
  return {};
}

// The share target `in` names: the agency read from the organisation's directory (an active one,
// else InvalidArgument on "agency_id"), or a member organisation.
awaitable<Result<ShareTarget>> readTarget(Context ctx, const std::string& org_id,
                                          const ReferralInput& in) {
  if (in.agency_id.empty()) {
    co_return ShareTarget{"", "", true};
  }
  auto find = [id = in.agency_id](soci::session& sql) { return store::findAgency(sql, id); };
  auto agency =
      co_await store::awaitRead<Result<std::optional<store::AgencyRow>>>(ctx.db, std::move(find));
  if (!agency) {
    co_return tl::unexpected(agency.error());
  }
  if (!*agency || (*agency)->agency.org_id != org_id || !(*agency)->agency.active) {
    co_return domain::invalidField("agency_id",
                                   "Choose an active agency of your organisation's directory.");
  }
  co_return ShareTarget{in.agency_id, (*agency)->agency.data.type, false};
}

// The id of the consent the referral is made under, or "" when `override_reason` overrides the
// want of one; consentRequired() without either.
awaitable<Result<std::string>> consentOrOverride(Context ctx, const LoadedCase& loaded,
                                                 const ShareTarget& target,
                                                 const std::string& override_reason) {
  auto consent = co_await checkShareConsent(ctx, loaded.kase.id, target, calendarDate(ctx.clock()));
  if (consent || consent.error().code != domain::ErrorCode::kConsentRequired ||
      override_reason.empty()) {
    co_return consent;
  }
  co_return std::string();
}

Result<store::ReferralRow> sealedReferral(const Context& ctx, const LoadedCase& loaded,
                                          ReferralInput in, const ShareTarget& target) {
  auto key = sealingKey(ctx, loaded, "purpose");
  if (!key) {
    return tl::unexpected(key.error());
  }
  store::ReferralRow row;
  row.id = crypto::newId();
  row.case_id = loaded.kase.id;
  row.org_id = loaded.kase.org_id;
  row.target_kind = target.member ? "member" : "agency";
  row.agency_id = std::move(in.agency_id);
  row.member_name = std::move(in.member_name);
  row.member_country = std::move(in.member_country);
  row.share_kind = shareKindOf(target);
  row.purpose_sealed =
      ctx.vault.seal(*key, {vault::SealedField::kReferralPurpose, row.id}, in.purpose);
  row.referred_on = std::move(in.referred_on);
  row.status = "sent";
  if (!in.override_reason.empty()) {
    row.override_reason_sealed =
        ctx.vault.seal(*key, {vault::SealedField::kReferralOverride, row.id}, in.override_reason);
  }
  return row;
}

Result<Referral> openReferral(const Context& ctx, const std::optional<vault::PersonKey>& key,
                              store::ReferralRow row) {
  auto purpose =
      openText(ctx, key, {vault::SealedField::kReferralPurpose, row.id}, row.purpose_sealed);
  auto reason = openText(ctx, key, {vault::SealedField::kReferralOverride, row.id},
                         row.override_reason_sealed);
  if (!purpose || !reason) {
    return tl::unexpected(!purpose ? purpose.error() : reason.error());
  }
  row.purpose_sealed.clear();
  row.override_reason_sealed.clear();
  return Referral{key.has_value(), std::move(row), std::move(*purpose), std::move(*reason)};
}

// The case's referrals (`only` keeps that one alone, "" all) opened for `access`.
awaitable<Result<ReferralList>> readReferrals(Context ctx, const LoadedCase& loaded,
                                              policy::CaseAccess access, std::string only) {
  auto job = [org_id = loaded.kase.org_id, case_id = loaded.kase.id](soci::session& sql)
      -> Result<std::pair<std::vector<store::ReferralRow>, std::map<std::string, std::string>>> {
    auto rows = store::listReferrals(sql, case_id);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    return std::pair(std::move(*rows), std::move(*names));
  };
  auto read = co_await store::awaitRead<
      Result<std::pair<std::vector<store::ReferralRow>, std::map<std::string, std::string>>>>(
      ctx.db, std::move(job));
  auto key = openingKey(ctx, loaded, access);
  if (!read || !key) {
    co_return tl::unexpected(!read ? read.error() : key.error());
  }
  if (!only.empty() && !keepOnly(read->first, only, "referral")) {
    co_return tl::unexpected(domain::internalError("referral not read back"));
  }
  ReferralList out{std::move(read->second), {}};
  for (auto& row : read->first) {
    auto opened = openReferral(ctx, *key, std::move(row));
    if (!opened) {
      co_return tl::unexpected(opened.error());
    }
    out.items.push_back(std::move(*opened));
  }
  co_return out;
}

// Writes `row` with its timeline entry, case_referral.create and, when overridden,
// consent.override, in one job.
awaitable<domain::Status> writeReferral(Context ctx, const Actor& actor, const LoadedCase& loaded,
                                        store::ReferralRow row) {
  const bool overridden = !row.overridden_by.empty();
  store::CaseHistoryEntry history{crypto::newId(),
                                  loaded.kase.id,
                                  loaded.kase.status,
                                  loaded.kase.status,
                                  overridden ? "referral_override" : "referral",
                                  row.created_at,
                                  row.created_by,
                                  row.share_kind.empty() ? row.target_kind : row.share_kind};
  audit::AuditEntry override_entry = actor.entry(AuditAction::kConsentOverride, loaded.kase.id);
  auto job = [row = std::move(row), history = std::move(history), overridden,
              override_entry = std::move(override_entry)](store::WriteContext& w) {
    if (auto s = store::insertReferral(w, row); !s) {
      return s;
    }
    if (auto s = store::insertCaseHistory(w, history); !s) {
      return s;
    }
    return overridden ? w.audit(override_entry) : domain::Status{};
  };
  co_return co_await hotline::writeAudited(
      ctx, std::move(job), actor.entry(AuditAction::kCaseReferralCreate, loaded.kase.id));
}

}  // namespace

ReferralsAnswer listReferrals(Context ctx, Actor actor, std::string case_id) {
  auto readable = co_await readableCase(ctx, actor, std::move(case_id));
  if (!readable) {
    co_return tl::unexpected(readable.error());
  }
  auto list = co_await readReferrals(ctx, readable->loaded, readable->access, "");
  if (!list) {
    co_return list;
  }
  auto entry = actor.entry(AuditAction::kCaseReferralList, readable->loaded.kase.id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return list;
}

ReferralsAnswer addReferral(Context ctx, Actor actor, std::string case_id, ReferralInput input) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateReferral(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (!input.override_reason.empty()) {
    if (auto may = policy::require(actor.principal, policy::Permission::kConsentOverride); !may) {
      co_return tl::unexpected(may.error());
    }
  }
  auto target = co_await readTarget(ctx, loaded->kase.org_id, input);
  if (!target) {
    co_return tl::unexpected(target.error());
  }
  auto consent = co_await consentOrOverride(ctx, *loaded, *target, input.override_reason);
  if (!consent) {
    co_return tl::unexpected(consent.error());
  }
  auto row = sealedReferral(ctx, *loaded, std::move(input), *target);
  if (!row) {
    co_return tl::unexpected(row.error());
  }
  row->consent_id = *consent;
  row->created_by = actor.principal.user_id;
  row->created_at = now;
  if (consent->empty()) {
    row->overridden_by = actor.principal.user_id;
    row->overridden_at = now;
  } else {
    row->override_reason_sealed.clear();  // a consent in force: nothing was overridden
  }
  const std::string id = row->id;
  if (auto s = co_await writeReferral(ctx, actor, *loaded, std::move(*row)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return co_await readReferrals(ctx, *loaded, policy::CaseAccess::kFull, id);
}

ReferralsAnswer listConsentOverrides(Context ctx, Actor actor) {
  constexpr std::int32_t kMaxOverridesListed = 200;
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kConsentOverride); !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [org_id = who.org_id](soci::session& sql) -> Result<ReferralList> {
    auto rows = store::listConsentOverrides(sql, org_id, kMaxOverridesListed);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    ReferralList list{std::move(*names), {}};
    for (auto& row : *rows) {
      list.items.push_back(Referral{false, std::move(row), "", ""});
    }
    return list;
  };
  auto list = co_await store::awaitRead<Result<ReferralList>>(ctx.db, std::move(job));
  if (list) {  // the read is recorded with its count before any of it is returned
    const std::string count = "rows=" + std::to_string(list->items.size());
    auto recorded =
        co_await hotline::recordAudit(ctx, actor.entry(AuditAction::kConsentOverrideList, count));
    if (!recorded) {
      co_return tl::unexpected(recorded.error());
    }
  }
  co_return list;
}

}  // namespace strada::cases
