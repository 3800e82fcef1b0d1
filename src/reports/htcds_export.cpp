#include "reports/htcds_export.h"

#include "domain/case.h"

namespace strada::reports {
namespace {

using store::ExportCaseRow;

// An HTCDS multiselect picklist: the values joined with ";" (as Salesforce writes them).
std::string multiselect(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    out += (out.empty() ? "" : ";") + v;
  }
  return out;
}

std::string consentCell(const ExportCaseRow& row) {
  // con_Consent: the person consented to their data being recorded (a record_data consent in
  // force); "false" otherwise.
  for (const std::string& kind : row.consents_in_force) {
    if (kind == "record_data") {
      return "true";
    }
  }
  return "false";
}

const std::vector<HtcdsColumn> kColumns{
    {"strada_ClientCode", [](const ExportCaseRow& r) { return r.client_code; }},
    {"strada_CaseCode", [](const ExportCaseRow& r) { return r.case_code; }},
    {"strada_OpenedOn", [](const ExportCaseRow& r) { return r.opened_on; }},
    {"prs_Gender", [](const ExportCaseRow& r) { return r.coded.gender; }},
    {"prs_PrimaryLanguage", [](const ExportCaseRow& r) { return r.coded.primary_language; }},
    {"prs_HighestLevelOfEducation", [](const ExportCaseRow& r) { return r.coded.education; }},
    {"prs_Citizenship", [](const ExportCaseRow& r) { return multiselect(r.coded.citizenships); }},
    {"vic_TraffickingStatus", [](const ExportCaseRow& r) { return r.coded.trafficking_status; }},
    {"vic_TraffickingStatusDecisionMakingOrg",
     [](const ExportCaseRow& r) { return r.coded.status_decided_by; }},
    {"vic_RelationshipToTrafficker",
     [](const ExportCaseRow& r) { return r.coded.relationship_to_trafficker; }},
    {"vic_AgeWhenTrafficked",
     [](const ExportCaseRow& r) {
       return r.coded.age_when_trafficked < 0 ? std::string()
                                              : std::to_string(r.coded.age_when_trafficked);
     }},
    {"vic_MethodOfRecruitment",
     [](const ExportCaseRow& r) { return multiselect(r.coded.recruitment_methods); }},
    {"vic_MethodsOfControl",
     [](const ExportCaseRow& r) { return multiselect(r.coded.control_methods); }},
    {"vic_TypeOfExploitation",
     [](const ExportCaseRow& r) { return multiselect(r.coded.exploitation_types); }},
    {"vic_ForcedLabourIndustry",
     [](const ExportCaseRow& r) { return multiselect(r.coded.industries); }},
    {"cas_Status", &htcdsCaseStatus},
    {"cas_ReasonForCaseClosure",
     [](const ExportCaseRow& r) { return r.closure_approved ? r.closure_reason : std::string(); }},
    {"cas_IncomingReferralDate", [](const ExportCaseRow& r) { return r.referred_on; }},
    {"con_Consent", &consentCell},
};

const std::vector<HtcdsColumn> kIdentifyingColumns{
    {"prs_FirstName", [](const ExportCaseRow& r) { return r.person.full_name; }},
    {"prs_SecondName", [](const ExportCaseRow&) { return std::string(); }},
    {"prs_Birthdate", [](const ExportCaseRow& r) { return r.person.birth_date; }},
};

// The columns of a file: the identifying ones after the two codes when asked for.
std::vector<HtcdsColumn> fileColumns(bool identifying) {
  std::vector<HtcdsColumn> columns(kColumns.begin(), kColumns.begin() + 2);
  if (identifying) {
    columns.insert(columns.end(), kIdentifyingColumns.begin(), kIdentifyingColumns.end());
  }
  columns.insert(columns.end(), kColumns.begin() + 2, kColumns.end());
  return columns;
}

}  // namespace

const std::vector<HtcdsColumn>& htcdsColumns() { return kColumns; }

const std::vector<HtcdsColumn>& htcdsIdentifyingColumns() { return kIdentifyingColumns; }

std::string htcdsCaseStatus(const ExportCaseRow& row) {
  if (row.status != domain::kCaseClosed) {
    return "Active";
  }
  return row.closure_reason == "referred_elsewhere" ? "ClosedReferred" : "Closed";
}

ExportTable htcdsTable(const std::vector<ExportCaseRow>& rows, bool identifying) {
  const std::vector<HtcdsColumn> columns = fileColumns(identifying);
  ExportTable table;
  for (const HtcdsColumn& column : columns) {
    table.header.emplace_back(column.name);
  }
  table.rows.reserve(rows.size());
  for (const ExportCaseRow& row : rows) {
    std::vector<std::string> cells;
    cells.reserve(columns.size());
    for (const HtcdsColumn& column : columns) {
      cells.push_back(column.cell(row));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

}  // namespace strada::reports
