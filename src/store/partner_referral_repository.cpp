#include "store/partner_referral_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {
namespace {

struct ReferralColumns {
  PartnerReferralRow r;
  std::string assigned_to;
  long long created_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.case_code, r.client_code, r.referred_on, r.status, assigned_to,
                     created_at);
  }
  PartnerReferralRow toRow() {
    PartnerReferralRow out = r;
    out.accepted = !assigned_to.empty();
    out.submitted_at = created_at;
    return out;
  }
};

}  // namespace

domain::Result<std::vector<PartnerReferralRow>> listPartnerReferrals(soci::session& sql,
                                                                     const std::string& org_id,
                                                                     const std::string& agency_id,
                                                                     int limit) {
  ReferralColumns columns;
  const long long rows = limit;
  return detail::selectRows(
      sql, "list partner referrals", columns,
      "SELECT c.case_code, k.client_code, c.referred_on, c.status, c.assigned_to, c.created_at "
      "FROM cases c JOIN clients k ON k.id = c.client_id JOIN users u ON u.id = c.created_by "
      "WHERE c.org_id = :org AND c.referral_agency_id = :agency AND u.agency_id = :partner_agency "
      "ORDER BY c.created_at DESC, c.id DESC LIMIT :lim",
      org_id, agency_id, agency_id, rows);
}

}  // namespace strada::store
