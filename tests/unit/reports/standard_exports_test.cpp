// The mapping of the standard exports: the HTCDS 2.0 header is the standard's field names (the
// three strada_ columns aside, which the standard has no field for), its cells the stored codes;
// the CTDC export leaves out everyone without a research consent in force.
#include "reports/standard_exports.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "reports/ctdc_export.h"
#include "reports/htcds_export.h"

namespace strada::reports {
namespace {

// Every "Field Name including Prefix" of the standard's sheet (column 7 of field-standards-2.0.txt,
// kept beside the tests as the standard's text).
std::set<std::string> standardFieldNames() {
  std::ifstream in(std::string(STRADA_SOURCE_DIR) + "/docs/htcds-field-names.txt");
  std::set<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') {
      names.insert(line);
    }
  }
  return names;
}

store::ExportCaseRow caseRow(std::string code, std::vector<std::string> consents) {
  store::ExportCaseRow row;
  row.case_id = "id-" + code;
  row.case_code = "CS-" + code;
  row.client_code = "CL-" + code;
  row.status = "identification";
  row.opened_on = "2024-05-02";
  row.referred_on = "2024-05-01";
  row.coded.gender = "Feminine";
  row.coded.age_band = "age_18_24";
  row.coded.citizenships = {"RO", "MD"};
  row.coded.exploitation_types = {"SexualExploitation", "ForcedLabour"};
  row.coded.countries_exploitation = {"NL"};
  row.coded.control_methods = {"DebtBondage", "WithholdsDocuments"};
  row.coded.age_when_trafficked = 19;
  row.consents_in_force = std::move(consents);
  return row;
}

TEST(HtcdsExport, TheHeaderIsTheStandardsFieldNames) {
  const std::set<std::string> standard = standardFieldNames();
  ASSERT_GT(standard.size(), 80u);
  const ExportTable table = htcdsTable({});
  ASSERT_FALSE(table.header.empty());
  for (const std::string& name : table.header) {
    if (name.rfind("strada_", 0) == 0) {
      continue;
    }
    EXPECT_TRUE(standard.contains(name)) << name;
  }
  // Coded fields only: no name, birth date or contact of the person.
  for (const char* identifying : {"prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Email",
                                  "prs_MobilePhone", "prs_MailingStreet"}) {
    EXPECT_EQ(std::count(table.header.begin(), table.header.end(), identifying), 0) << identifying;
  }
}

TEST(HtcdsExport, CellsAreTheStoredCodesAndMultiselectsJoinWithSemicolons) {
  store::ExportCaseRow row = caseRow("A", {"record_data", "statistics"});
  store::ExportCaseRow closed = caseRow("B", {});
  closed.status = "closed";
  closed.closure_reason = "referred_elsewhere";
  closed.closure_approved = true;
  closed.coded.age_when_trafficked = -1;
  const ExportTable table = htcdsTable({row, closed});
  ASSERT_EQ(table.rows.size(), 2u);
  const auto cell = [&](std::size_t r, std::string_view column) {
    const auto at = std::find(table.header.begin(), table.header.end(), column);
    EXPECT_NE(at, table.header.end()) << column;
    return table.rows[r][static_cast<std::size_t>(at - table.header.begin())];
  };
  EXPECT_EQ(cell(0, "strada_ClientCode"), "CL-A");
  EXPECT_EQ(cell(0, "prs_Gender"), "Feminine");
  EXPECT_EQ(cell(0, "prs_Citizenship"), "RO;MD");
  EXPECT_EQ(cell(0, "vic_TypeOfExploitation"), "SexualExploitation;ForcedLabour");
  EXPECT_EQ(cell(0, "vic_MethodsOfControl"), "DebtBondage;WithholdsDocuments");
  EXPECT_EQ(cell(0, "vic_AgeWhenTrafficked"), "19");
  EXPECT_EQ(cell(0, "cas_Status"), "Active");
  EXPECT_EQ(cell(0, "cas_IncomingReferralDate"), "2024-05-01");
  EXPECT_EQ(cell(0, "con_Consent"), "true");
  EXPECT_EQ(cell(0, "prs_HighestLevelOfEducation"), "");  // not recorded: empty, not invented
  EXPECT_EQ(cell(1, "cas_Status"), "ClosedReferred");
  EXPECT_EQ(cell(1, "cas_ReasonForCaseClosure"), "referred_elsewhere");
  EXPECT_EQ(cell(1, "vic_AgeWhenTrafficked"), "");
  EXPECT_EQ(cell(1, "con_Consent"), "false");
}

TEST(HtcdsExport, NamesPeopleOnlyWhenAsked) {
  store::ExportCaseRow row = caseRow("N", {});
  row.person.full_name = "Ana Maria Popescu";
  row.person.birth_date = "1999-02-03";
  const ExportTable coded = htcdsTable({row});
  EXPECT_EQ(coded.header.size(), htcdsColumns().size());
  for (const auto& cell : coded.rows[0]) {
    EXPECT_EQ(cell.find("Popescu"), std::string::npos);
    EXPECT_NE(cell, "1999-02-03");
  }
  const ExportTable named = htcdsTable({row}, true);
  ASSERT_EQ(named.header.size(), htcdsColumns().size() + 3);
  EXPECT_EQ(std::vector<std::string>(named.header.begin(), named.header.begin() + 5),
            (std::vector<std::string>{"strada_ClientCode", "strada_CaseCode", "prs_FirstName",
                                      "prs_SecondName", "prs_Birthdate"}));
  EXPECT_EQ(named.rows[0][2], "Ana Maria Popescu");
  EXPECT_EQ(named.rows[0][3], "");
  EXPECT_EQ(named.rows[0][4], "1999-02-03");
  EXPECT_EQ(named.rows[0][5], "2024-05-02");  // strada_OpenedOn follows
}

TEST(CtdcExport, OnlyPeopleWithAResearchConsentInForceAreExported) {
  std::vector<store::ExportCaseRow> rows;
  for (int i = 0; i < 12; ++i) {
    rows.push_back(caseRow("R" + std::to_string(i), {"research", "statistics"}));
  }
  // The same person's quasi-identifiers but no research consent: never in the file, even though
  // they would make a class of their own large enough.
  for (int i = 0; i < 15; ++i) {
    store::ExportCaseRow other = caseRow("S" + std::to_string(i), {"statistics"});
    other.coded.gender = "Masculine";
    rows.push_back(other);
  }
  auto out = ctdcExport(rows, {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->cases_read, 27);
  EXPECT_EQ(out->without_consent, 15);
  ASSERT_EQ(out->table.rows.size(), 12u);
  EXPECT_EQ(out->table.header,
            (std::vector<std::string>{"yearOfRegistration", "gender", "ageBroad", "citizenship",
                                      "CountryOfExploitation", "typeOfExploitConcatenated"}));
  EXPECT_EQ(out->table.rows[0],
            (std::vector<std::string>{"2024", "Feminine", "age_18_24", "RO", "NL",
                                      "ForcedLabour;SexualExploitation"}));
  for (const auto& r : out->table.rows) {
    EXPECT_NE(r[1], "Masculine");
  }
}

TEST(CtdcExport, UnrecordedValuesAreUnknown) {
  store::ExportCaseRow row = caseRow("U", {"research"});
  row.coded = {};
  row.opened_on = "";
  const QuasiIdentifiers q = ctdcQuasiIdentifiers(row);
  EXPECT_EQ(q,
            (QuasiIdentifiers{"unknown", "unknown", "unknown", "unknown", "unknown", "unknown"}));
}

TEST(ExportPeriod, NamesABadDateOrAnEndBeforeTheStart) {
  EXPECT_TRUE(validateExportPeriod({"", ""}));
  EXPECT_TRUE(validateExportPeriod({"2024-01-01", "2024-12-31"}));
  EXPECT_EQ(validateExportPeriod({"2024-13-01", ""}).error().field, "from");
  EXPECT_EQ(validateExportPeriod({"", "yesterday"}).error().field, "to");
  EXPECT_EQ(validateExportPeriod({"2024-05-01", "2024-04-30"}).error().field, "to");
}

}  // namespace
}  // namespace strada::reports
