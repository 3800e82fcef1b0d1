#include "store/standard_export_rows.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "store/client_coded_columns.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {
namespace {

using detail::CodedColumns;

// The bounds as compared with opened_on: no bound is the widest date text.
std::pair<std::string, std::string> boundsOf(const ExportPeriod& period) {
  return {period.from.empty() ? std::string("0000-00-00") : period.from,
          period.to.empty() ? std::string("9999-99-99") : period.to};
}

constexpr const char* kInPeriod =
    "ca.org_id = :o AND ca.opened_on >= :f AND ca.opened_on <= :t AND cl.erased_at = 0 AND "
    "cl.merged_into = ''";

std::vector<ExportCaseRow> readCases(soci::session& sql, const std::string& org_id,
                                     const ExportPeriod& period) {
  const auto [from, to] = boundsOf(period);
  ExportCaseRow row;
  CodedColumns coded;
  long long approved_at = 0;
  soci::statement st(sql);
  detail::intoEach(st, row.case_id, row.client_id, row.case_code, row.client_code, row.status,
                   row.referral_source, row.referred_on, row.opened_on, row.closure_reason,
                   approved_at);
  coded.bind([&](auto& v) { st.exchange(soci::into(v)); });
  detail::useEach(st, org_id, from, to);
  detail::prepareAndExecute(
      st, std::string("SELECT ca.id, cl.id, ca.case_code, cl.client_code, ca.status, "
                      "ca.referral_source, ca.referred_on, ca.opened_on, ca.closure_reason, "
                      "ca.closure_approved_at, ") +
              "cl.gender, cl.birth_year, cl.age_band, cl.citizenships, cl.primary_language, "
              "cl.education, cl.trafficking_status, cl.status_decided_by, "
              "cl.relationship_to_trafficker, cl.age_when_trafficked, cl.recruitment_methods, "
              "cl.control_methods, cl.exploitation_types, cl.industries, cl.countries_origin, "
              "cl.countries_transit, cl.countries_exploitation FROM cases ca JOIN clients cl ON "
              "cl.id = ca.client_id WHERE " +
              kInPeriod + " ORDER BY ca.opened_on, ca.case_code");
  return detail::collectRows(st, [&] {
    ExportCaseRow made = row;
    made.closure_approved = approved_at != 0;
    made.coded = coded.toCoded();
    return made;
  });
}

// case id -> the kinds of its consents in force on period.today.
std::map<std::string, std::vector<std::string>> readConsentKinds(soci::session& sql,
                                                                 const std::string& org_id,
                                                                 const ExportPeriod& period) {
  const auto [from, to] = boundsOf(period);
  std::string case_id, kind;
  soci::statement st(sql);
  detail::intoEach(st, case_id, kind);
  detail::useEach(st, org_id, from, to, period.today, period.today);
  detail::prepareAndExecute(
      st, std::string("SELECT co.case_id, co.kind FROM case_consents co JOIN cases ca ON ca.id "
                      "= co.case_id JOIN clients cl ON cl.id = ca.client_id WHERE ") +
              kInPeriod +
              " AND co.withdrawn_on = '' AND co.given_on <= :d AND (co.expires_on = '' OR "
              "co.expires_on >= :d2)");
  std::map<std::string, std::vector<std::string>> kinds;
  while (st.fetch()) {
    std::vector<std::string>& of = kinds[case_id];
    if (std::find(of.begin(), of.end(), kind) == of.end()) {
      of.push_back(kind);
    }
  }
  for (auto& [id, of] : kinds) {
    std::sort(of.begin(), of.end());
  }
  return kinds;
}

}  // namespace

domain::Status readExportPersons(soci::session& sql, const std::string& org_id,
                                 const ExportPeriod& period, std::vector<ExportCaseRow>& rows) {
  return detail::guarded("read the people to export", [&]() -> domain::Status {
    const auto [from, to] = boundsOf(period);
    std::map<std::string, std::pair<std::string, std::string>> sealed;  // client id -> both
    std::string client_id, person, key;
    soci::indicator key_ind = soci::i_ok;
    soci::statement st(sql);
    detail::intoEach(st, client_id, person);
    st.exchange(soci::into(key, key_ind));
    detail::useEach(st, org_id, from, to);
    detail::prepareAndExecute(
        st, std::string("SELECT cl.id, cl.person_sealed, k.wrapped_key FROM cases ca JOIN clients "
                        "cl ON cl.id = ca.client_id LEFT JOIN client_keys k ON k.client_id = "
                        "cl.id WHERE ") +
                kInPeriod);
    while (st.fetch()) {
      sealed[client_id] = {person, key_ind == soci::i_ok ? key : std::string()};
    }
    for (ExportCaseRow& row : rows) {
      auto it = sealed.find(row.client_id);
      if (it == sealed.end()) {
        continue;
      }
      row.person_sealed = it->second.first;
      row.wrapped_key = it->second.second;
      if (!detail::decodeHexColumns({&row.person_sealed, &row.wrapped_key})) {
        return domain::internalError("a sealed column of clients or client_keys is not hex");
      }
    }
    return {};
  });
}

domain::Result<std::vector<ExportCaseRow>> readExportCases(soci::session& sql,
                                                           const std::string& org_id,
                                                           const ExportPeriod& period) {
  return detail::guarded("read the cases to export",
                         [&]() -> domain::Result<std::vector<ExportCaseRow>> {
                           std::vector<ExportCaseRow> rows = readCases(sql, org_id, period);
                           auto kinds = readConsentKinds(sql, org_id, period);
                           for (ExportCaseRow& row : rows) {
                             if (auto it = kinds.find(row.case_id); it != kinds.end()) {
                               row.consents_in_force = std::move(it->second);
                             }
                           }
                           return rows;
                         });
}

}  // namespace strada::store
