#include <gtest/gtest.h>

#include "domain/agency.h"
#include "domain/codes.h"
#include "domain/contact.h"
#include "domain/ids.h"
#include "domain/time.h"
#include "domain/user.h"

namespace strada::domain {
namespace {

TEST(Ids, LowerHexOfExactlyTheSize) {
  EXPECT_TRUE(isIdShaped("0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(isIdShaped("0123456789ABCDEF0123456789abcdef")) << "upper case";
  EXPECT_FALSE(isIdShaped("0123456789abcdef0123456789abcde")) << "31 characters";
  EXPECT_FALSE(isIdShaped("0123456789abcdef0123456789abcdeg"));
  EXPECT_TRUE(isLowerHex(std::string(64, 'f'), 64));
  EXPECT_FALSE(isLowerHex(std::string(64, 'f'), 16));
  EXPECT_FALSE(isLowerHex(std::string("0123456789abcde\0", 16), 16)) << "a NUL is not hex";
  EXPECT_TRUE(isLowerHex("", 0));
}

TEST(CivilDates, RoundTripAndMonthBoundaries) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(daysFromCivil(2026, 11, 30), 20787);
  const CivilDate c = civilFromDays(20787);
  EXPECT_EQ(c.y, 2026);
  EXPECT_EQ(c.m, 11u);
  EXPECT_EQ(c.d, 30u);
  EXPECT_EQ(monthStartDay(20787), daysFromCivil(2026, 11, 1));
  EXPECT_EQ(nextMonthStartDay(20787), daysFromCivil(2026, 12, 1));
  EXPECT_EQ(nextMonthStartDay(daysFromCivil(2026, 12, 31)), daysFromCivil(2027, 1, 1));
  EXPECT_EQ(nextMonthStartDay(daysFromCivil(2028, 2, 1)) - daysFromCivil(2028, 2, 1), 29);
  EXPECT_EQ(monthStartDay(daysFromCivil(1969, 12, 31)), daysFromCivil(1969, 12, 1));
  for (std::int64_t day = -800; day < 800; ++day) {
    const CivilDate d = civilFromDays(day);
    ASSERT_EQ(daysFromCivil(d.y, d.m, d.d), day);
  }
}

TEST(Rfc3339, ParsesUtcAndOffsets) {
  auto t = parseRfc3339("2026-11-30T08:15:00Z", "started_at");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(*t, 1796026500000);
  auto o = parseRfc3339("2026-11-30T09:15:00.250+01:00", "started_at");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(*o, 1796026500250);
  EXPECT_EQ(formatRfc3339(*o), "2026-11-30T08:15:00.250Z");
}

TEST(Rfc3339, RoundTripsAcrossYears) {
  for (UnixMillis t : {0LL, 951782400000LL, 1709164800123LL, 4102444799999LL}) {
    auto back = parseRfc3339(formatRfc3339(t), "x");
    ASSERT_TRUE(back.has_value()) << t;
    EXPECT_EQ(*back, t);
  }
}

TEST(Rfc3339, RejectsMalformedNamingTheField) {
  for (const char* bad :
       {"", "2026-11-30", "2026-11-30T08:15:00", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-30T24:00:00Z", "2026-11-30T08:15:00+1", "2026-11-30T08:15:00Zjunk",
        "2026-11-30T08:15:00.Z", "x026-11-30T08:15:00Z"}) {
    auto r = parseRfc3339(bad, "started_at");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field, "started_at");
  }
}

ContactInput goodContact(UnixMillis now) {
  ContactInput c;
  c.channel = "phone";
  c.started_at = now - 60000;
  c.duration_s = 300;
  c.category = "safe_migration";
  c.caller_type = "possible_victim";
  c.language = "nl";
  c.summary = "Caller asks about work abroad.";
  return c;
}

TEST(ContactValidation, AcceptsAGoodContact) {
  const UnixMillis now = nowMillis();
  EXPECT_TRUE(validateContact(goodContact(now), now).has_value());
}

TEST(ContactValidation, NamesTheOffendingField) {
  const UnixMillis now = nowMillis();
  struct Case {
    const char* field;
    void (*mutate)(ContactInput&, UnixMillis);
  };
  const Case cases[] = {
      {"channel", [](ContactInput& c, UnixMillis) { c.channel = "pigeon"; }},
      {"started_at", [](ContactInput& c, UnixMillis n) { c.started_at = n + 3600000; }},
      {"started_at", [](ContactInput& c, UnixMillis) { c.started_at = 1000; }},
      {"duration_s", [](ContactInput& c, UnixMillis) { c.duration_s = -1; }},
      {"duration_s", [](ContactInput& c, UnixMillis) { c.duration_s = kMaxContactDurationS + 1; }},
      {"caller_type", [](ContactInput& c, UnixMillis) { c.caller_type = "martian"; }},
      {"language", [](ContactInput& c, UnixMillis) { c.language = "xx"; }},
      {"summary", [](ContactInput& c, UnixMillis) { c.summary.assign(kMaxSummaryBytes + 1, 'a'); }},
      {"summary", [](ContactInput& c, UnixMillis) { c.summary = std::string("bad \xC3", 5); }},
  };
  for (const auto& tc : cases) {
    ContactInput c = goodContact(now);
    tc.mutate(c, now);
    auto r = validateContact(c, now);
    ASSERT_FALSE(r.has_value()) << tc.field;
    EXPECT_EQ(r.error().field, tc.field);
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  }
}

TEST(ContactValidation, DraftsNeedOnlyChannelAndStart) {
  const UnixMillis now = nowMillis();
  ContactInput draft;
  draft.status = "draft";
  draft.channel = "phone";
  draft.started_at = now;
  EXPECT_TRUE(validateContact(draft, now).has_value());
  draft.status = "final";
  EXPECT_EQ(validateContact(draft, now).error().field, "category");
  draft.status = "pending";
  EXPECT_EQ(validateContact(draft, now).error().field, "status");
}

TEST(ContactValidation, NonDataContactsCarryNoContent) {
  const UnixMillis now = nowMillis();
  ContactInput c;
  c.kind = "non_data";
  c.channel = "phone";
  c.started_at = now;
  EXPECT_EQ(validateContact(c, now).error().field, "non_data_type");
  c.non_data_type = "silent";
  EXPECT_TRUE(validateContact(c, now).has_value());
  c.summary = "something";
  EXPECT_EQ(validateContact(c, now).error().field, "summary");
  c.summary.clear();
  c.exploitation = {"ForcedLabour"};
  EXPECT_EQ(validateContact(c, now).error().field, "exploitation");
}

TEST(ContactValidation, MultiCodesFollowUpAndReferrals) {
  const UnixMillis now = nowMillis();
  ContactInput c = goodContact(now);
  c.exploitation = {"ForcedLabour", "SexualExploitation"};
  c.industry = {"F_Construction"};
  c.indicators = {"deceptive_recruitment"};
  c.assistance = {"safety_tips", "emotional_support"};
  c.caller_gender = "Feminine";
  c.caller_age_band = "age_18_24";
  c.destination_country = "DE";
  EXPECT_TRUE(validateContact(c, now).has_value());
  c.exploitation = {"ForcedLabour", "ForcedLabour"};
  EXPECT_EQ(validateContact(c, now).error().field, "exploitation");
  c.exploitation = {"forced_labour"};
  EXPECT_EQ(validateContact(c, now).error().field, "exploitation");
  c.exploitation.clear();
  c.follow_up_needed = true;
  EXPECT_EQ(validateContact(c, now).error().field, "follow_up_due");
  c.follow_up_due = c.started_at - 1;
  EXPECT_EQ(validateContact(c, now).error().field, "follow_up_due");
  c.follow_up_due = now + 86400000;
  EXPECT_TRUE(validateContact(c, now).has_value());
  c.referral_agency_ids = {"not-an-id"};
  EXPECT_EQ(validateContact(c, now).error().field, "referral_agency_ids");
  c.referral_agency_ids = {"0123456789abcdef0123456789abcdef"};
  EXPECT_TRUE(validateContact(c, now).has_value());
  c.caller_gender = "female";
  EXPECT_EQ(validateContact(c, now).error().field, "caller_gender");
}

TEST(CallerIdentifier, NormalisesPhoneNumbersAndHandles) {
  EXPECT_EQ(normaliseCallerIdentifier("@Some.Handle ", "NL"), "@some.handle");
  EXPECT_EQ(normaliseCallerIdentifier(" Someone@Example.org", "NL"), "someone@example.org");
  EXPECT_EQ(normaliseCallerIdentifier("  ", "NL"), "");
  EXPECT_EQ(normaliseCallerIdentifier("+", "NL"), "");
  EXPECT_EQ(normaliseCallerIdentifier("--", "NL"), "");
}

// Issue 2.7: a repeat caller was missed when the number was written with the international
// prefix or the national trunk prefix instead of "+".
TEST(CallerIdentifier, OneNumberInEveryWritingIsOneE164Form) {
  for (const char* written : {"+31 6 12345678", "0031 6 1234 5678", "06-12345678", "06 12 34 56 78",
                              "+31 (6) 12-345678", "(06) 12345678"}) {
    EXPECT_EQ(normaliseCallerIdentifier(written, "NL"), "+31612345678") << written;
  }
  // The organisation's country reads numbers without a country code, in any case.
  EXPECT_EQ(normaliseCallerIdentifier("06-12345678", "nl"), "+31612345678");
  EXPECT_EQ(normaliseCallerIdentifier("694 123 4567", "GR"), "+306941234567");
  EXPECT_EQ(normaliseCallerIdentifier("+31 6 12345678", "GR"), "+31612345678");
  // Without a known country, only numbers written with their country code become E.164.
  EXPECT_EQ(normaliseCallerIdentifier("0031 6 1234 5678", ""), "0031612345678");
  EXPECT_EQ(normaliseCallerIdentifier("+31 6 12345678", ""), "+31612345678");
}

TEST(CallerIdentifier, ANumberLibphonenumberCannotReadKeepsItsDigits) {
  EXPECT_EQ(normaliseCallerIdentifier("+311", "NL"), "+311");
  EXPECT_EQ(normaliseCallerIdentifier("1.2", "ZZ"), "12");
}

TEST(Codes, EveryHotlineListIsVersionedAndTranslated) {
  EXPECT_EQ(codesVersion(), "2026-12.7");
  for (const char* name :
       {"contact_kind", "non_data_type", "channel", "category", "caller_type", "gender", "age_band",
        "exploitation", "industry", "indicator", "assistance", "outcome", "caller_flag",
        "agency_type", "agency_service"}) {
    const CodeList* list = findCodeList(name);
    ASSERT_NE(list, nullptr) << name;
    ASSERT_FALSE(list->codes.empty()) << name;
    ASSERT_EQ(list->labels.size(), list->codes.size()) << name;
    for (std::size_t i = 0; i < list->codes.size(); ++i) {
      for (std::size_t j = 0; j < kLabelLanguages.size(); ++j) {
        EXPECT_FALSE(list->labels[i][j].empty())
            << name << " " << list->codes[i] << " " << kLabelLanguages[j];
      }
    }
  }
  EXPECT_TRUE(findCodeList("exploitation")->contains("ForcedLabour"));
  EXPECT_TRUE(findCodeList("gender")->contains("NonSpecifiedUnknown"));
  EXPECT_EQ(findCodeList("nope"), nullptr);
}

// Every list of the code file (the case lists too) has a label in every UI language.
TEST(Codes, EveryCodeOfTheFileIsLabelledInEveryUiLanguage) {
  ASSERT_EQ(kLabelLanguages.size(), 9U);
  EXPECT_EQ(kLabelLanguages.front(), "en");
  std::size_t labelled = 0;
  for (const CodeList* list : allCodeLists()) {
    if (list->name == "language" || list->name == "country") {
      EXPECT_TRUE(list->labels.empty()) << list->name;  // the browser names them
      continue;
    }
    ASSERT_EQ(list->labels.size(), list->codes.size()) << list->name;
    for (std::size_t i = 0; i < list->codes.size(); ++i) {
      for (std::size_t j = 0; j < kLabelLanguages.size(); ++j) {
        EXPECT_FALSE(list->labels[i][j].empty())
            << list->name << " " << list->codes[i] << " " << kLabelLanguages[j];
        ++labelled;
      }
    }
  }
  EXPECT_GT(labelled, 400U * kLabelLanguages.size());
}

TEST(Codes, ListsHoldTheStandardCodes) {
  EXPECT_TRUE(channelCodes().contains("walk_in"));
  EXPECT_TRUE(languageCodes().contains("nl"));
  EXPECT_TRUE(languageCodes().contains("uk"));
  EXPECT_FALSE(languageCodes().contains("xx"));
  EXPECT_TRUE(countryCodes().contains("NL"));
  EXPECT_TRUE(countryCodes().contains("UA"));
  EXPECT_FALSE(countryCodes().contains("nl"));
  EXPECT_FALSE(channelCodes().version.empty());
}

TEST(Codes, AgencyListsComeFromTheCodeFile) {
  EXPECT_EQ(&agencyTypeCodes(), findCodeList("agency_type"));
  EXPECT_EQ(&agencyServiceCodes(), findCodeList("agency_service"));
  EXPECT_EQ(agencyTypeCodes().version, codesVersion());
  // The codes stored agencies carry since the directory began.
  for (const char* code : {"ngo", "shelter", "police", "border_guard", "prosecutor",
                           "labour_inspectorate", "health_service", "legal_service",
                           "social_service", "international_organisation", "embassy", "other"}) {
    EXPECT_TRUE(agencyTypeCodes().contains(code)) << code;
  }
  EXPECT_EQ(agencyTypeCodes().codes.size(), 12u);
  for (const char* code : {"shelter", "legal_aid", "medical_care", "psychological_support",
                           "social_assistance", "interpretation", "repatriation", "reintegration",
                           "employment_support", "education", "financial_aid", "child_protection",
                           "identification", "investigation", "hotline", "other"}) {
    EXPECT_TRUE(agencyServiceCodes().contains(code)) << code;
  }
  EXPECT_EQ(agencyServiceCodes().codes.size(), 16u);
}

TEST(Agencies, TypeAndServicesAreCheckedAgainstTheirLists) {
  AgencyInput in;
  in.name = "Legal Aid Desk";
  in.type = "legal_service";
  in.country = "NL";
  in.services = {" legal_aid", "interpretation "};
  ASSERT_TRUE(normaliseAgency(in).has_value());
  EXPECT_EQ(in.services, (std::vector<std::string>{"legal_aid", "interpretation"}));

  AgencyInput unknown = in;
  unknown.type = "church";
  EXPECT_EQ(normaliseAgency(unknown).error().field, "type");
  // A code of another list is no agency type.
  unknown.type = "crisis";
  EXPECT_EQ(normaliseAgency(unknown).error().field, "type");
  unknown.type = "";
  EXPECT_EQ(normaliseAgency(unknown).error().field, "type");

  AgencyInput service = in;
  service.services = {"legal_aid", "ngo"};
  EXPECT_EQ(normaliseAgency(service).error().field, "services");
  service.services = {"shelter", "shelter"};
  EXPECT_EQ(normaliseAgency(service).error().field, "services");
}

TEST(Users, RolesRoundTrip) {
  for (Role r : allRoles()) {
    auto parsed = parseRole(roleName(r));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, r);
  }
  EXPECT_FALSE(parseRole("root").has_value());
}

TEST(Users, EmailIsNormalisedOrRefused) {
  auto e = normaliseEmail("  Consultant@Example.ORG ");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(*e, "consultant@example.org");
  for (const char* bad : {"", "no-at-sign", "@example.org", "a@b", "a@@b.org", "a b@c.org"}) {
    auto r = normaliseEmail(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field, "email");
  }
}

TEST(Organisations, CodeAndCountryAreChecked) {
  Organisation org{"id", "NL", "La Strada Nederland", "NL", {"nl", "en"}, 0};
  EXPECT_TRUE(validateOrganisation(org).has_value());
  org.code = "nl";
  EXPECT_EQ(validateOrganisation(org).error().field, "code");
  org.code = "NL";
  org.country = "XX";
  EXPECT_EQ(validateOrganisation(org).error().field, "country");
  org.country = "NL";
  org.languages = {"dutch"};
  EXPECT_EQ(validateOrganisation(org).error().field, "languages");
}

}  // namespace
}  // namespace strada::domain
