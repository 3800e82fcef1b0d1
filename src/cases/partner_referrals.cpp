#include "cases/partner_referrals.h"

#include <array>
#include <utility>

#include "cases/case_entries.h"
#include "cases/case_records.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "store/agency_repository.h"
#include "store/async.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

// agency_type codes whose referral_source code differs in name; the rest map to themselves when
// referral_source has them.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSourceOfType = {{
    {"police", "police"},
    {"border_guard", "border_guard"},
    {"prosecutor", "prosecutor"},
    {"international_organisation", "international_organisation"},
    {"ngo", "ngo"},
    {"social_service", "social_worker"},
    {"health_service", "health_service"},
    {"legal_service", "legal_service"},
}};

struct PartnerAgency {
  std::string id;
  std::string type;  // agency_type code
};

// The agency the account of `actor` is tied to, when the actor holds `permission` and the agency
// is an active agency of the actor's organisation; PermissionDenied otherwise ("agency_id" when
// the account cannot refer any more).
awaitable<Result<PartnerAgency>> partnerAgency(Context ctx, const Actor& actor,
                                               policy::Permission permission) {
  if (auto may = policy::require(actor.principal, permission); !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [user_id = actor.principal.user_id,
              org_id = actor.principal.org_id](soci::session& sql) -> Result<PartnerAgency> {
    const auto refused = [] {
      return domain::fail(domain::ErrorCode::kPermissionDenied,
                          "Your account is not tied to an active agency of the organisation's "
                          "directory. Ask the organisation that gave you this account.",
                          "agency_id");
    };
    auto user = store::findUserById(sql, user_id);
    if (!user) {
      return tl::unexpected(user.error());
    }
    if (!*user || (*user)->agency_id.empty()) {
      return refused();
    }
    auto agency = store::findAgency(sql, (*user)->agency_id);
    if (!agency) {
      return tl::unexpected(agency.error());
    }
    if (!*agency || (*agency)->agency.org_id != org_id || !(*agency)->agency.active) {
      return refused();
    }
    return PartnerAgency{(*agency)->agency.id, (*agency)->agency.data.type};
  };
  co_return co_await store::awaitRead<Result<PartnerAgency>>(ctx.db, std::move(job));
}

// What the form states beside the person: agreement, reason and date.
domain::Status checkReferral(const PartnerReferral& referral, domain::UnixMillis now) {
  if (!referral.person_agreed) {
    return domain::invalidField(
        "person_agreed",
        "Refer a person only when they agree to it. Ask them, then tick that they agreed.");
  }
  if (!isTextWithin(referral.reason, kMaxReferralReasonChars)) {
    return domain::invalidField("reason", "Say in 1 to 2000 characters why you refer this person.");
  }
  if (auto day = dayNotAfter(referral.referred_on, "referred_on", now,
                             "The referral date cannot be in the future.");
      !day) {
    return tl::unexpected(day.error());
  }
  return {};
}

}  // namespace

std::string_view referralSourceOf(std::string_view agency_type) {
  for (const auto& [type, source] : kSourceOfType) {
    if (type == agency_type) {
      return source;
    }
  }
  return "other";
}

awaitable<Result<store::PartnerReferralRow>> submitReferral(Context ctx, Actor actor,
                                                            PartnerReferral referral) {
  auto agency = co_await partnerAgency(ctx, actor, policy::Permission::kReferralSubmit);
  if (!agency) {
    co_return tl::unexpected(agency.error());
  }
  if (auto ok = checkReferral(referral, ctx.clock()); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto client =
      co_await registerClient(ctx, actor, std::move(referral.person), std::move(referral.coded));
  if (!client) {
    co_return tl::unexpected(client.error());
  }
  CaseInput input;
  input.client_id = client->client.id;
  input.referral = {std::string(referralSourceOf(agency->type)), agency->id, referral.referred_on};
  auto case_id = co_await openCase(ctx, actor, std::move(input), NewCaseAssignment::kUnassigned);
  if (!case_id) {
    co_return tl::unexpected(case_id.error());
  }
  auto note = co_await writeNote(ctx, actor, *case_id, std::move(referral.reason));
  if (!note) {
    co_return tl::unexpected(note.error());
  }
  auto loaded = co_await loadCase(ctx, actor.principal, *case_id);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::Case& kase = loaded->kase;
  co_return store::PartnerReferralRow{
      kase.case_code, client->client.client_code, kase.referral.referred_on,
      kase.status,    !kase.assigned_to.empty(),  kase.created_at};
}

awaitable<Result<std::vector<store::PartnerReferralRow>>> listOwnReferrals(Context ctx,
                                                                           Actor actor) {
  auto agency = co_await partnerAgency(ctx, actor, policy::Permission::kReferralListOwn);
  if (!agency) {
    co_return tl::unexpected(agency.error());
  }
  auto job = [org_id = actor.principal.org_id, agency_id = agency->id](soci::session& sql) {
    return store::listPartnerReferrals(sql, org_id, agency_id, kMaxListedReferrals);
  };
  auto rows = co_await store::awaitRead<Result<std::vector<store::PartnerReferralRow>>>(
      ctx.db, std::move(job));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  if (auto s = co_await hotline::recordAudit(
          ctx, actor.entry(AuditAction::kReferralList, "rows=" + std::to_string(rows->size())));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return std::move(*rows);
}

}  // namespace strada::cases
