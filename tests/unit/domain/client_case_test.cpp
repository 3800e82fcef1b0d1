// The client's validation and normalisation, and the case workflow's moves (domain/client.h,
// domain/case.h).
#include <gtest/gtest.h>

#include "domain/case.h"
#include "domain/client.h"

namespace strada::domain {
namespace {

constexpr UnixMillis kNow = 1'764'547'200'000;  // 2025-12-01

TEST(ClientDomainTest, NamesAreCaseFoldedAndWhitespaceCollapsed) {
  EXPECT_EQ(normaliseName("  Ana \t MARIA  Pop "), "ana maria pop");
  EXPECT_EQ(normaliseName("Ștefan"), "Ștefan");  // non-ASCII kept as written
  EXPECT_EQ(normaliseName(" \n "), "");
}

TEST(ClientDomainTest, CalendarDatesAreCheckedAndFormatted) {
  EXPECT_EQ(formatCalendarDate(parseCalendarDate("2024-02-29", "d").value()), "2024-02-29");
  for (const char* bad : {"2023-02-29", "2024-13-01", "24-01-01", "2024-1-01", "1899-12-31", ""}) {
    auto parsed = parseCalendarDate(bad, "birth_date");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().field, "birth_date");
  }
}

TEST(ClientDomainTest, APersonIsValidatedFieldByField) {
  ClientPerson p;
  p.full_name = "Ana";
  EXPECT_TRUE(validateClientPerson(p, kNow));
  p.phones = {"+40 721 000 111", "phone me"};
  EXPECT_EQ(validateClientPerson(p, kNow).error().field, "person.phones[1]");
  p.phones.clear();
  p.birth_date = "2026-01-01";
  EXPECT_EQ(validateClientPerson(p, kNow).error().field, "person.birth_date");
  p.birth_date.clear();
  p.id_documents = {{"visa", "X1", ""}};
  EXPECT_EQ(validateClientPerson(p, kNow).error().field, "person.id_documents[0].kind");
  p.id_documents.clear();
  p.full_name = "   ";
  EXPECT_EQ(validateClientPerson(p, kNow).error().field, "person.full_name");
}

TEST(ClientDomainTest, CodedFieldsTakeHtcdsCodesOnly) {
  ClientCoded c;
  c.gender = "TransgenderFeminine";
  c.trafficking_status = "ActualVictimOfTrafficking";
  c.control_methods = {"DebtBondage", "WithholdsDocuments"};
  c.citizenships = {"UA"};
  EXPECT_TRUE(validateClientCoded(c, kNow));
  c.control_methods.push_back("Threats");
  EXPECT_EQ(validateClientCoded(c, kNow).error().field, "coded.control_methods[2]");
  c.control_methods.pop_back();
  c.birth_year = 2030;
  EXPECT_EQ(validateClientCoded(c, kNow).error().field, "coded.birth_year");
}

TEST(CaseDomainTest, TheWorkflowMovesOneStageAtATimeAndReopens) {
  EXPECT_TRUE(mayMoveCase("intake", "identification"));
  EXPECT_TRUE(mayMoveCase("long_term_assistance", "return_reintegration"));
  EXPECT_TRUE(mayMoveCase("closed", "intake"));
  EXPECT_TRUE(mayMoveCase("closed", "long_term_assistance"));
  EXPECT_FALSE(mayMoveCase("intake", "long_term_assistance"));
  EXPECT_FALSE(mayMoveCase("intake", "closed"));  // closing is a request (mayRequestClosure)
  EXPECT_TRUE(mayRequestClosure("intake"));
  EXPECT_FALSE(mayRequestClosure("closed"));
}

TEST(CaseDomainTest, AReferralNamesItsSourceAndAPastDate) {
  EXPECT_TRUE(validateCaseReferral({"border_guard", "", "2025-11-30"}, kNow));
  EXPECT_EQ(validateCaseReferral({"aliens", "", "2025-11-30"}, kNow).error().field,
            "referral.source_type");
  EXPECT_EQ(validateCaseReferral({"police", "", "2025-12-02"}, kNow).error().field,
            "referral.referred_on");
}

}  // namespace
}  // namespace strada::domain
