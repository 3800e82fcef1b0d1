#include "store/case_referral_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {
namespace {

using detail::guarded;

constexpr char kReferralColumns[] =
    "r.id, r.case_id, r.org_id, r.target_kind, r.agency_id, r.member_name, r.member_country, "
    "r.share_kind, r.purpose_sealed, r.referred_on, r.status, r.consent_id, "
    "r.override_reason_sealed, r.overridden_by, r.overridden_at, r.created_by, r.created_at, "
    "r.version, COALESCE(a.name, ''), COALESCE(a.type, ''), c.case_code, k.client_code";
constexpr char kReferralJoins[] =
    " FROM case_referrals r JOIN cases c ON c.id = r.case_id JOIN clients k ON k.id = "
    "c.client_id LEFT JOIN agencies a ON a.id = r.agency_id ";

constexpr char kInsertColumns[] =
    "id, case_id, org_id, target_kind, agency_id, member_name, member_country, share_kind, "
    "purpose_sealed, referred_on, status, consent_id, override_reason_sealed, overridden_by, "
    "overridden_at, created_by, created_at, version";

// The holders of one row of kReferralColumns; the sealed columns arrive as hex.
struct ReferralColumns {
  ReferralRow r;
  long long overridden_at = 0;
  long long created_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.id, r.case_id, r.org_id, r.target_kind, r.agency_id, r.member_name,
                     r.member_country, r.share_kind, r.purpose_sealed, r.referred_on, r.status,
                     r.consent_id, r.override_reason_sealed, r.overridden_by, overridden_at,
                     r.created_by, created_at, version, r.agency_name, r.agency_type, r.case_code,
                     r.client_code);
  }
  ReferralRow toRow() const {
    ReferralRow out = r;
    out.overridden_at = overridden_at;
    out.created_at = created_at;
    out.version = version;
    return out;
  }
};

// `rows` with their sealed columns turned from hex into bytes.
domain::Result<std::vector<ReferralRow>> unhexed(std::vector<ReferralRow> rows) {
  for (ReferralRow& row : rows) {
    if (!detail::decodeHexColumns({&row.purpose_sealed, &row.override_reason_sealed})) {
      return domain::internalError("case_referrals sealed column is not hex");
    }
  }
  return rows;
}

}  // namespace

domain::Status insertReferral(WriteContext& w, const ReferralRow& r) {
  const std::string purpose_hex = detail::toHex(r.purpose_sealed);
  const std::string reason_hex = detail::toHex(r.override_reason_sealed);
  return guarded("insert referral", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_referrals", kInsertColumns, r.id, r.case_id, r.org_id,
                      r.target_kind, r.agency_id, r.member_name, r.member_country, r.share_kind,
                      purpose_hex, r.referred_on, r.status, r.consent_id, reason_hex,
                      r.overridden_by, r.overridden_at, r.created_by, r.created_at, r.version);
    return {};
  });
}

domain::Result<std::vector<ReferralRow>> listReferrals(soci::session& sql,
                                                       const std::string& case_id) {
  ReferralColumns columns;
  auto rows = detail::selectRows(sql, "list referrals", columns,
                                 std::string("SELECT ") + kReferralColumns + kReferralJoins +
                                     "WHERE r.case_id = :c ORDER BY r.created_at DESC, r.id DESC",
                                 case_id);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  return unhexed(std::move(*rows));
}

domain::Result<std::vector<ReferralRow>> listConsentOverrides(soci::session& sql,
                                                              const std::string& org_id,
                                                              std::int32_t limit) {
  ReferralColumns columns;
  const int lim = limit;
  auto rows = detail::selectRows(sql, "list consent overrides", columns,
                                 std::string("SELECT ") + kReferralColumns + kReferralJoins +
                                     "WHERE r.org_id = :o AND r.overridden_by <> '' ORDER BY "
                                     "r.overridden_at DESC, r.id DESC LIMIT :lim",
                                 org_id, lim);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  for (ReferralRow& row : *rows) {
    row.purpose_sealed.clear();
    row.override_reason_sealed.clear();
  }
  return rows;
}

}  // namespace strada::store
