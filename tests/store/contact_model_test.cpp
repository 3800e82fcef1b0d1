// The complete contact in the store (issue 3), on the backend named by STRADA_TEST_BACKEND:
// every field round-trips, multi-valued codes land in contact_codes, optimistic updates, drafts,
// repeat callers, caller flags with expiry, safety plans and referral targets.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "store/contact_queries.h"
#include "store/contact_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

constexpr domain::UnixMillis kT0 = 1700000000000;

domain::Organisation makeOrg(const std::string& id, const std::string& code) {
  domain::Organisation org;
  org.id = id;
  org.code = code;
  org.name = "Hotline " + code;
  org.country = "NL";
  org.created_at = kT0;
  return org;
}

UserRecord makeUser(const std::string& id, const std::string& org_id) {
  UserRecord r;
  r.user.id = id;
  r.user.org_id = org_id;
  r.user.email = id + "@example.org";
  r.user.name = id;
  r.user.roles = {domain::Role::kConsultant};
  r.user.active = true;
  r.user.created_at = kT0;
  r.password_hash = "x";
  return r;
}

const std::string kAgency1 = std::string(31, 'a') + "1";
const std::string kAgency2 = std::string(31, 'a') + "2";

// A data contact with every field set.
ContactRow fullContact(const std::string& id, domain::UnixMillis started_at) {
  ContactRow row;
  domain::Contact& c = row.contact;
  c.id = id;
  c.org_id = "org-a";
  c.created_by = "user-a";
  c.created_at = started_at + 1000;
  c.updated_at = started_at + 2000;
  c.finalised_at = started_at + 3000;
  c.follow_up_done_at = started_at + 4000;
  c.version = 1;
  c.code_version = "2026-11.2";
  domain::ContactInput& d = c.data;
  d.status = "final";
  d.kind = "data";
  d.channel = "chat";
  d.started_at = started_at;
  d.duration_s = 754;
  d.category = "tip";
  d.caller_type = "family_member";
  d.anonymous = false;
  d.caller_gender = "Feminine";
  d.caller_age_band = "age_25_34";
  d.language = "ro";
  d.caller_country = "RO";
  d.destination_country = "NL";
  d.exploitation = {"ForcedLabour", "SexualExploitation"};
  d.industry = {"A_AgricultureForestryAndFishing", "C_Manufacturing"};
  d.indicators = {"coercion_at_destination", "deceptive_recruitment"};
  d.imminent_danger = true;
  d.assistance = {"emotional_support", "safety_tips"};
  d.referral_agency_ids = {kAgency1, kAgency2};
  d.outcome = "referred";
  d.follow_up_needed = true;
  d.follow_up_due = started_at + 86400000;
  row.summary_sealed = std::string("\x01\x00\xff summary", 11);
  row.caller_hash = std::string(64, 'c');
  row.caller_sealed = std::string("\x01\x02\x00 caller", 10);
  row.region_sealed = std::string("\x01\x03\x00 region", 10);
  return row;
}

ContactRow nonDataContact(const std::string& id, domain::UnixMillis started_at) {
  ContactRow row;
  domain::Contact& c = row.contact;
  c.id = id;
  c.org_id = "org-a";
  c.created_by = "user-a";
  c.created_at = started_at;
  c.updated_at = started_at;
  c.finalised_at = started_at;
  c.code_version = "2026-11.2";
  c.data.kind = "non_data";
  c.data.non_data_type = "silent";
  c.data.channel = "phone";
  c.data.started_at = started_at;
  return row;
}

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

void expectSameContact(const ContactRow& got, const ContactRow& want) {
  const domain::Contact& g = got.contact;
  const domain::Contact& w = want.contact;
  EXPECT_EQ(g.id, w.id);
  EXPECT_EQ(g.org_id, w.org_id);
  EXPECT_EQ(g.created_by, w.created_by);
  EXPECT_EQ(g.created_at, w.created_at);
  EXPECT_EQ(g.updated_at, w.updated_at);
  EXPECT_EQ(g.finalised_at, w.finalised_at);
  EXPECT_EQ(g.follow_up_done_at, w.follow_up_done_at);
  EXPECT_EQ(g.version, w.version);
  EXPECT_EQ(g.code_version, w.code_version);
  const domain::ContactInput& a = g.data;
  const domain::ContactInput& b = w.data;
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.non_data_type, b.non_data_type);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_EQ(a.started_at, b.started_at);
  EXPECT_EQ(a.duration_s, b.duration_s);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.caller_type, b.caller_type);
  EXPECT_EQ(a.anonymous, b.anonymous);
  EXPECT_EQ(a.caller_gender, b.caller_gender);
  EXPECT_EQ(a.caller_age_band, b.caller_age_band);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.caller_country, b.caller_country);
  EXPECT_TRUE(a.caller_region.empty()) << "the region is sealed: the store never holds it clear";
  EXPECT_EQ(a.destination_country, b.destination_country);
  EXPECT_EQ(a.exploitation, b.exploitation);
  EXPECT_EQ(a.industry, b.industry);
  EXPECT_EQ(a.indicators, b.indicators);
  EXPECT_EQ(a.imminent_danger, b.imminent_danger);
  EXPECT_EQ(a.assistance, b.assistance);
  EXPECT_EQ(a.referral_agency_ids, b.referral_agency_ids);
  EXPECT_EQ(a.outcome, b.outcome);
  EXPECT_EQ(a.follow_up_needed, b.follow_up_needed);
  EXPECT_EQ(a.follow_up_due, b.follow_up_due);
  EXPECT_TRUE(a.summary.empty());
  EXPECT_TRUE(a.caller_identifier.empty());
  EXPECT_EQ(got.caller_hash, want.caller_hash);
}

class ContactModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      for (const auto& [id, code] : {std::pair{"org-a", "A"}, std::pair{"org-b", "B"}}) {
        if (auto s = insertOrganisation(w, makeOrg(id, code)); !s) {
          return s;
        }
      }
      for (const auto& [id, org] : {std::pair{"user-a", "org-a"}, std::pair{"user-a2", "org-a"},
                                    std::pair{"user-b", "org-b"}}) {
        if (auto s = insertUser(w, makeUser(id, org)); !s) {
          return s;
        }
      }
      return {};
    }));
  }

  Database& db() { return t_.db(); }

  void insert(const ContactRow& row) {
    auto s = db().write([&](WriteContext& w) { return insertContact(w, row); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  std::optional<ContactRow> find(const std::string& id) {
    auto found = onReader(db(), [&](soci::session& s) { return findContact(s, id); });
    EXPECT_TRUE(found) << found.error().detail;
    return found ? *found : std::nullopt;
  }

  testing::TestDatabase t_;
};

TEST_F(ContactModelTest, EveryFieldRoundTrips) {
  const ContactRow row = fullContact(std::string(32, '1'), kT0);
  insert(row);
  auto got = find(row.contact.id);
  ASSERT_TRUE(got.has_value());
  expectSameContact(*got, row);
  EXPECT_EQ(got->summary_sealed, row.summary_sealed);
  EXPECT_EQ(got->caller_sealed, row.caller_sealed);
  EXPECT_EQ(got->region_sealed, row.region_sealed);
}

TEST_F(ContactModelTest, NullableTimesAndEmptyListsRoundTrip) {
  ContactRow row = nonDataContact(std::string(32, '2'), kT0);
  row.contact.finalised_at.reset();
  row.contact.data.status = "draft";
  insert(row);
  auto got = find(row.contact.id);
  ASSERT_TRUE(got.has_value());
  expectSameContact(*got, row);
  EXPECT_FALSE(got->contact.finalised_at.has_value());
  EXPECT_FALSE(got->contact.data.follow_up_due.has_value());
  EXPECT_TRUE(got->summary_sealed.empty());
  EXPECT_TRUE(got->caller_sealed.empty());
}

TEST_F(ContactModelTest, MultiValuedCodesAreRowsWithTheirStartTime) {
  const ContactRow row = fullContact(std::string(32, '3'), kT0 + 5);
  insert(row);
  using Code = std::tuple<std::string, std::string, std::string, long long>;
  auto codes = onReader(db(), [&](soci::session& s) {
    std::vector<Code> out;
    std::string org, list, code;
    long long started_at = 0;
    soci::statement st = (s.prepare << "SELECT org_id, list, code, started_at FROM contact_codes "
                                       "WHERE contact_id = :id ORDER BY list, code",
                          soci::into(org), soci::into(list), soci::into(code),
                          soci::into(started_at), soci::use(row.contact.id));
    st.execute();
    while (st.fetch()) {
      out.emplace_back(org, list, code, started_at);
    }
    return out;
  });
  const long long at = kT0 + 5;
  EXPECT_EQ(codes, (std::vector<Code>{{"org-a", "assistance", "emotional_support", at},
                                      {"org-a", "assistance", "safety_tips", at},
                                      {"org-a", "exploitation", "ForcedLabour", at},
                                      {"org-a", "exploitation", "SexualExploitation", at},
                                      {"org-a", "indicator", "coercion_at_destination", at},
                                      {"org-a", "indicator", "deceptive_recruitment", at},
                                      {"org-a", "industry", "A_AgricultureForestryAndFishing", at},
                                      {"org-a", "industry", "C_Manufacturing", at}}));
  auto referrals = onReader(db(), [&](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM contact_referrals WHERE contact_id = :id", soci::into(n),
        soci::use(row.contact.id);
    return n;
  });
  EXPECT_EQ(referrals, 2);
}

TEST_F(ContactModelTest, UpdateReplacesEveryFieldAndTheCodeRows) {
  ContactRow row = fullContact(std::string(32, '4'), kT0);
  row.contact.data.status = "draft";
  row.contact.finalised_at.reset();
  insert(row);

  ContactRow next = row;
  next.contact.version = 2;
  next.contact.updated_at = kT0 + 99;
  next.contact.finalised_at = kT0 + 99;
  next.contact.data.status = "final";
  next.contact.data.category = "crisis";
  next.contact.data.exploitation = {"Servitude"};
  next.contact.data.industry.clear();
  next.contact.data.assistance = {"crisis_intervention"};
  next.contact.data.referral_agency_ids = {kAgency2};
  next.contact.data.follow_up_needed = false;
  next.contact.data.follow_up_due.reset();
  next.caller_hash.clear();
  next.caller_sealed.clear();
  next.summary_sealed = "other";
  // created_by and created_at are not the update's to change.
  next.contact.created_by = "user-a2";
  next.contact.created_at = 1;
  auto s = db().write([&](WriteContext& w) { return updateContact(w, next, 1); });
  ASSERT_TRUE(s) << s.error().detail;

  auto got = find(row.contact.id);
  ASSERT_TRUE(got.has_value());
  ContactRow want = next;
  want.contact.created_by = row.contact.created_by;
  want.contact.created_at = row.contact.created_at;
  expectSameContact(*got, want);
  EXPECT_EQ(got->summary_sealed, "other");
  EXPECT_TRUE(got->caller_sealed.empty());
  auto rows = onReader(db(), [&](soci::session& sq) {
    long long n = 0;
    sq << "SELECT COUNT(*) FROM contact_codes WHERE contact_id = :id", soci::into(n),
        soci::use(row.contact.id);
    return n;
  });
  EXPECT_EQ(rows, 4) << "exploitation 1, indicators 2, assistance 1: the old codes are gone";
}

TEST_F(ContactModelTest, UpdateWithAStaleVersionIsConflictAndChangesNothing) {
  const ContactRow row = fullContact(std::string(32, '5'), kT0);
  insert(row);
  ContactRow first = row;
  first.contact.version = 2;
  first.contact.data.outcome = "resolved";
  ASSERT_TRUE(db().write([&](WriteContext& w) { return updateContact(w, first, 1); }));

  ContactRow stale = row;
  stale.contact.version = 2;
  stale.contact.data.outcome = "case_opened";
  stale.contact.data.exploitation = {"OrganRemoval"};
  auto s = db().write([&](WriteContext& w) { return updateContact(w, stale, 1); });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(s.error().field, "version");
  auto got = find(row.contact.id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->contact.data.outcome, "resolved");
  EXPECT_EQ(got->contact.data.exploitation, row.contact.data.exploitation);
  EXPECT_EQ(got->contact.version, 2);

  // Another organisation's id behaves as a missing one.
  ContactRow foreign = first;
  foreign.contact.org_id = "org-b";
  foreign.contact.version = 3;
  auto f = db().write([&](WriteContext& w) { return updateContact(w, foreign, 2); });
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, domain::ErrorCode::kNotFound);
}

TEST_F(ContactModelTest, ListsCarryCodedFieldsAndHideOthersDrafts) {
  ContactRow mine = fullContact(std::string(32, '6'), kT0 + 3);
  mine.contact.data.status = "draft";
  ContactRow theirs = fullContact(std::string(32, '7'), kT0 + 2);
  theirs.contact.data.status = "draft";
  theirs.contact.created_by = "user-a2";
  ContactRow finished = fullContact(std::string(32, '8'), kT0 + 1);
  insert(mine);
  insert(theirs);
  insert(finished);

  ContactFilter all;
  all.org_id = "org-a";
  all.status.clear();
  auto everything = onReader(db(), [&](soci::session& s) { return searchContacts(s, all); });
  ASSERT_TRUE(everything) << everything.error().detail;
  ASSERT_EQ(everything->size(), 3u);
  EXPECT_EQ((*everything)[0].data.exploitation, mine.contact.data.exploitation);
  EXPECT_EQ((*everything)[2].data.referral_agency_ids, finished.contact.data.referral_agency_ids);
  EXPECT_TRUE((*everything)[0].data.summary.empty()) << "lists load no sealed column";
  EXPECT_TRUE((*everything)[0].data.caller_identifier.empty());

  ContactFilter visible = all;
  visible.drafts_of = "user-a";
  auto seen = onReader(db(), [&](soci::session& s) { return searchContacts(s, visible); });
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 2u);
  EXPECT_EQ((*seen)[0].id, mine.contact.id);
  EXPECT_EQ((*seen)[1].id, finished.contact.id);

  auto drafts =
      onReader(db(), [&](soci::session& s) { return listDrafts(s, "org-a", "user-a2", 10); });
  ASSERT_TRUE(drafts);
  ASSERT_EQ(drafts->size(), 1u);
  EXPECT_EQ((*drafts)[0].contact.id, theirs.contact.id);
  expectSameContact((*drafts)[0], theirs);
}

TEST_F(ContactModelTest, RepeatCallersByBlindIndexNewestFirstWithinTheOrganisation) {
  const std::string hash(64, 'd');
  for (int i = 0; i < 3; ++i) {
    ContactRow r = fullContact(std::string(31, 'e') + std::to_string(i), kT0 + i * 1000);
    r.caller_hash = hash;
    insert(r);
  }
  ContactRow other = fullContact(std::string(32, 'f'), kT0 + 500);
  other.caller_hash = std::string(64, '9');
  insert(other);
  ContactRow foreign = fullContact(std::string(32, '0'), kT0 + 600);
  foreign.contact.org_id = "org-b";
  foreign.contact.created_by = "user-b";
  foreign.contact.data.referral_agency_ids.clear();
  foreign.caller_hash = hash;
  insert(foreign);

  auto found = onReader(db(), [&](soci::session& s) {
    return findContactsByCaller(s, "org-a", hash, 2, std::nullopt);
  });
  ASSERT_TRUE(found) << found.error().detail;
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].contact.id, std::string(31, 'e') + "2");
  EXPECT_EQ((*found)[1].contact.id, std::string(31, 'e') + "1");
  EXPECT_TRUE((*found)[0].caller_sealed.empty());

  auto count = onReader(db(), [&](soci::session& s) {
    return countContactsByCaller(s, "org-a", hash, std::nullopt);
  });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 3);
  auto before = onReader(db(), [&](soci::session& s) {
    return countContactsByCaller(s, "org-a", hash, std::nullopt,
                                 ContactCursor{kT0 + 2000, std::string(31, 'e') + "2"});
  });
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 2);
  auto none = onReader(db(), [&](soci::session& s) {
    return findContactsByCaller(s, "org-a", "", 10, std::nullopt);
  });
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()) << "an empty hash matches nothing, never the anonymous contacts";
}

TEST_F(ContactModelTest, CallerFlagsExpireAndUpsert) {
  const std::string hash(64, 'a');
  const CallerFlag abusive{"org-a", hash, "abusive", kT0 + 1000, "user-a", kT0};
  const CallerFlag expired{"org-a", hash, "at_risk", kT0 - 1, "user-a", kT0 - 5000};
  const CallerFlag foreign{"org-b", hash, "known_case", kT0 + 1000, "user-b", kT0};
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    for (const auto& f : {abusive, expired, foreign}) {
      if (auto s = upsertCallerFlag(w, f); !s) {
        return s;
      }
    }
    return {};
  }));
  auto active = onReader(
      db(), [&](soci::session& s) { return listActiveCallerFlags(s, "org-a", hash, kT0); });
  ASSERT_TRUE(active) << active.error().detail;
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ((*active)[0].flag, "abusive");
  EXPECT_EQ((*active)[0].expires_at, kT0 + 1000);
  EXPECT_EQ((*active)[0].created_by, "user-a");

  // At its expiry instant a flag is no longer active.
  auto at_expiry = onReader(
      db(), [&](soci::session& s) { return listActiveCallerFlags(s, "org-a", hash, kT0 + 1000); });
  ASSERT_TRUE(at_expiry);
  EXPECT_TRUE(at_expiry->empty());

  // Upsert renews the expired flag.
  CallerFlag renewed = expired;
  renewed.expires_at = kT0 + 5000;
  ASSERT_TRUE(db().write([&](WriteContext& w) { return upsertCallerFlag(w, renewed); }));
  auto after = onReader(
      db(), [&](soci::session& s) { return listActiveCallerFlags(s, "org-a", hash, kT0); });
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 2u);
  EXPECT_EQ((*after)[1].flag, "at_risk");

  ASSERT_TRUE(
      db().write([&](WriteContext& w) { return deleteCallerFlag(w, "org-a", hash, "abusive"); }));
  auto again =
      db().write([&](WriteContext& w) { return deleteCallerFlag(w, "org-a", hash, "abusive"); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, domain::ErrorCode::kNotFound);
}

TEST_F(ContactModelTest, FlaggedCallersNewestFirstWithTheirContactsAndPages) {
  const std::string ha(64, 'a');
  const std::string hb(64, 'b');
  const std::string hd(64, 'd');
  // Three contacts of caller A, the newest two at the same instant (the id breaks the tie); one
  // of another organisation with the same index, which is not counted.
  for (const auto& [id, at] : {std::pair{std::string(31, 'e') + "1", kT0},
                               std::pair{std::string(31, 'e') + "2", kT0 + 2000},
                               std::pair{std::string(31, 'e') + "3", kT0 + 2000}}) {
    ContactRow r = fullContact(id, at);
    r.caller_hash = ha;
    insert(r);
  }
  ContactRow foreign = fullContact(std::string(32, '0'), kT0 + 9000);
  foreign.contact.org_id = "org-b";
  foreign.contact.created_by = "user-b";
  foreign.contact.data.referral_agency_ids.clear();
  foreign.caller_hash = ha;
  insert(foreign);

  const std::vector<CallerFlag> flags = {
      {"org-a", ha, "abusive", kT0 + 100000, "user-a", kT0 + 10},
      {"org-a", ha, "at_risk", kT0 + 100000, "user-a2", kT0 + 10},
      {"org-a", hd, "known_case", kT0 + 100000, "user-a", kT0 + 10},
      {"org-a", hb, "known_case", kT0 + 100000, "user-a2", kT0 + 20},
      {"org-a", hd, "abusive", kT0, "user-a", kT0 + 30},           // expires at `now`: left out
      {"org-b", ha, "abusive", kT0 + 100000, "user-b", kT0 + 40},  // another organisation
  };
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    for (const auto& f : flags) {
      if (auto s = upsertCallerFlag(w, f); !s) {
        return s;
      }
    }
    return {};
  }));

  FlaggedCallerQuery q;
  q.org_id = "org-a";
  q.now = kT0;
  auto all = onReader(db(), [&](soci::session& s) { return listFlaggedCallers(s, q); });
  ASSERT_TRUE(all) << all.error().detail;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& r : *all) {
    order.emplace_back(r.flag.caller_hash, r.flag.flag);
  }
  const std::vector<std::pair<std::string, std::string>> want = {
      {hb, "known_case"}, {hd, "known_case"}, {ha, "at_risk"}, {ha, "abusive"}};
  EXPECT_EQ(order, want) << "newest first; at one instant by index, then flag, descending";

  const FlaggedCaller& b = (*all)[0];
  EXPECT_EQ(b.flag.org_id, "org-a");
  EXPECT_EQ(b.flag.expires_at, kT0 + 100000);
  EXPECT_EQ(b.flag.created_by, "user-a2");
  EXPECT_EQ(b.flag.created_at, kT0 + 20);
  EXPECT_EQ(b.contact_count, 0);
  EXPECT_FALSE(b.latest_contact.has_value());
  const FlaggedCaller& a = (*all)[2];
  EXPECT_EQ(a.contact_count, 3);
  ASSERT_TRUE(a.latest_contact.has_value());
  EXPECT_EQ(a.latest_contact->id, std::string(31, 'e') + "3");
  EXPECT_EQ(a.latest_contact->started_at, kT0 + 2000);

  // Page by page, one row at a time, with cursors that carry only 16 characters of the index.
  std::vector<std::pair<std::string, std::string>> paged;
  FlaggedCallerQuery page = q;
  page.limit = 1;
  for (int i = 0; i < 10; ++i) {
    auto rows = onReader(db(), [&](soci::session& s) { return listFlaggedCallers(s, page); });
    ASSERT_TRUE(rows) << rows.error().detail;
    if (rows->empty()) {
      break;
    }
    ASSERT_EQ(rows->size(), 1u);
    const CallerFlag& last = rows->back().flag;
    paged.emplace_back(last.caller_hash, last.flag);
    page.after = FlaggedCallerCursor{last.created_at, last.caller_hash.substr(0, 16), last.flag};
  }
  EXPECT_EQ(paged, want);

  FlaggedCallerQuery other = q;
  other.org_id = "org-b";
  auto theirs = onReader(db(), [&](soci::session& s) { return listFlaggedCallers(s, other); });
  ASSERT_TRUE(theirs);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ((*theirs)[0].contact_count, 1) << "only the organisation's own contacts count";
}

TEST_F(ContactModelTest, SafetyPlansOnePerContactWithVersions) {
  const ContactRow contact = fullContact(std::string(32, 'b'), kT0);
  insert(contact);
  SafetyPlanRow plan{std::string(32, 'p'),
                     "org-a",
                     contact.contact.id,
                     std::string("\x01\x00sealed", 8),
                     "user-a",
                     kT0,
                     "user-a",
                     kT0,
                     1};
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertSafetyPlan(w, plan); }));
  SafetyPlanRow second = plan;
  second.id = std::string(32, 'q');
  auto dup = db().write([&](WriteContext& w) { return insertSafetyPlan(w, second); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "contact_id");

  auto by_contact = onReader(db(), [&](soci::session& s) {
    return findSafetyPlanByContact(s, "org-a", contact.contact.id);
  });
  ASSERT_TRUE(by_contact) << by_contact.error().detail;
  ASSERT_TRUE(by_contact->has_value());
  EXPECT_EQ((*by_contact)->sealed, plan.sealed);
  EXPECT_EQ((*by_contact)->id, plan.id);
  auto foreign = onReader(db(), [&](soci::session& s) {
    return findSafetyPlanByContact(s, "org-b", contact.contact.id);
  });
  ASSERT_TRUE(foreign);
  EXPECT_FALSE(foreign->has_value());

  SafetyPlanRow changed = plan;
  changed.sealed = "new";
  changed.updated_by = "user-a2";
  changed.updated_at = kT0 + 7;
  changed.version = 2;
  ASSERT_TRUE(db().write([&](WriteContext& w) { return updateSafetyPlan(w, changed, 1); }));
  auto stale = db().write([&](WriteContext& w) { return updateSafetyPlan(w, changed, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, domain::ErrorCode::kConflict);
  auto by_id = onReader(db(), [&](soci::session& s) { return findSafetyPlan(s, plan.id); });
  ASSERT_TRUE(by_id);
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->sealed, "new");
  EXPECT_EQ((*by_id)->version, 2);
  EXPECT_EQ((*by_id)->updated_by, "user-a2");
  EXPECT_EQ((*by_id)->updated_at, kT0 + 7);
  EXPECT_EQ((*by_id)->created_by, "user-a");
}

TEST_F(ContactModelTest, UnknownAgencyIdsAreThoseOfNoAgencyOfTheOrganisation) {
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    w.sql() << "INSERT INTO agencies (id, org_id, name) VALUES (:id, 'org-a', 'Shelter')",
        soci::use(kAgency1);
    w.sql() << "INSERT INTO agencies (id, org_id, name) VALUES (:id, 'org-b', 'Police')",
        soci::use(kAgency2);
    return {};
  }));
  auto unknown = onReader(db(), [&](soci::session& s) {
    return unknownAgencyIds(s, "org-a", {kAgency1, kAgency2, std::string(32, '0')});
  });
  ASSERT_TRUE(unknown) << unknown.error().detail;
  EXPECT_EQ(*unknown, (std::vector<std::string>{kAgency2, std::string(32, '0')}));
}

}  // namespace
}  // namespace strada::store
