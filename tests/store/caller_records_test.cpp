// What the store keeps about a caller, on the backend named by STRADA_TEST_BACKEND: the draft rule
// in the repeat-caller queries (issue 2.6), and the rewrite of stored indexes and regions by the
// step of migration 0011 (issues 2.7 and 2.4), recorded in data_migrations.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "store/contact_repository.h"
#include "store/repositories.h"
#include "store/stored_contacts_upgrade.h"
#include "store/telephony_repository.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

constexpr domain::UnixMillis kT0 = 1700000000000;
const std::string kOld(64, 'a');
const std::string kNew(64, 'b');

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

class CallerRecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      domain::Organisation org{"org-a", "A", "Hotline A", "NL", {}, kT0};
      if (auto s = insertOrganisation(w, org); !s) {
        return s;
      }
      for (const char* id : {"user-a", "user-b", "user-c"}) {
        UserRecord r;
        r.user = domain::User{};
        r.user.id = id;
        r.user.org_id = "org-a";
        r.user.email = std::string(id) + "@example.org";
        r.user.roles = {domain::Role::kConsultant};
        r.user.created_at = kT0;
        r.password_hash = "x";
        if (auto s = insertUser(w, r); !s) {
          return s;
        }
      }
      return {};
    }));
  }

  Database& db() { return t_.db(); }

  // A data contact of org-a by `author` with the caller index `hash`.
  void insert(const std::string& id, const std::string& author, const std::string& status,
              const std::string& hash, domain::UnixMillis started_at) {
    ContactRow row;
    domain::Contact& c = row.contact;
    c.id = id;
    c.org_id = "org-a";
    c.created_by = author;
    c.created_at = started_at;
    c.updated_at = started_at;
    if (status == "final") {
      c.finalised_at = started_at;
    }
    c.code_version = "2026-11.3";
    c.data.status = status;
    c.data.channel = "phone";
    c.data.started_at = started_at;
    row.caller_hash = hash;
    row.caller_sealed = hash.empty() ? "" : "sealed " + id;
    auto s = db().write([&](WriteContext& w) { return insertContact(w, row); });
    ASSERT_TRUE(s) << s.error().detail;
  }

  void exec(const std::string& statement) {
    auto s = db().write([&](WriteContext& w) -> domain::Status {
      w.sql() << statement;
      return {};
    });
    ASSERT_TRUE(s) << s.error().detail;
  }

  std::string text(const std::string& query) {
    std::string out;
    db().read([&](soci::session& sql) {
      soci::indicator ind = soci::i_ok;
      sql << query, soci::into(out, ind);
    });
    return out;
  }

  std::vector<std::string> flagsOf(const std::string& hash) {
    auto flags = onReader(
        db(), [&](soci::session& s) { return listActiveCallerFlags(s, "org-a", hash, kT0); });
    EXPECT_TRUE(flags) << flags.error().detail;
    std::vector<std::string> out;
    for (const auto& f : flags.value_or(std::vector<CallerFlag>{})) {
      out.push_back(f.flag + "@" + std::to_string(f.expires_at));
    }
    return out;
  }

  testing::TestDatabase t_;
};

TEST_F(CallerRecordsTest, SomeoneElsesDraftIsNeitherListedNorCountedWhenTheRuleAsks) {
  const std::string final_id(32, '1');
  const std::string own_draft(32, '2');
  const std::string other_draft(32, '3');
  insert(final_id, "user-a", "final", kOld, kT0);
  insert(own_draft, "user-a", "draft", kOld, kT0 + 1000);
  insert(other_draft, "user-b", "draft", kOld, kT0 + 2000);

  const auto count = [&](const std::optional<std::string>& of) {
    auto n = onReader(
        db(), [&](soci::session& s) { return countContactsByCaller(s, "org-a", kOld, of); });
    EXPECT_TRUE(n);
    return n.value_or(-1);
  };
  EXPECT_EQ(count(std::nullopt), 3) << "a supervisor counts every draft";
  EXPECT_EQ(count(std::string("user-a")), 2);
  EXPECT_EQ(count(std::string("user-c")), 1);

  auto found = onReader(db(), [&](soci::session& s) {
    return findContactsByCaller(s, "org-a", kOld, 10, std::string("user-a"));
  });
  ASSERT_TRUE(found) << found.error().detail;
  std::vector<std::string> ids;
  for (const auto& row : *found) {
    ids.push_back(row.contact.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{own_draft, final_id}));
  auto before = onReader(db(), [&](soci::session& s) {
    return countContactsByCaller(s, "org-a", kOld, std::string("user-a"),
                                 ContactCursor{kT0 + 2000, other_draft});
  });
  ASSERT_TRUE(before);
  EXPECT_EQ(*before, 2);
}

TEST_F(CallerRecordsTest, TheUpgradeRewritesIndexesRegionsFlagsAndCalls) {
  const std::string with_caller(32, '4');
  const std::string region_only(32, '5');
  const std::string untouched(32, '6');
  insert(with_caller, "user-a", "final", kOld, kT0);
  insert(region_only, "user-a", "final", "", kT0 + 1);
  insert(untouched, "user-a", "final", "", kT0 + 2);
  exec("UPDATE contacts SET caller_region = 'Zeeland' WHERE id IN ('" + with_caller + "', '" +
       region_only + "')");
  const auto until = std::to_string(kT0 + 5000);
  for (const auto& [hash, flag, at] :
       {std::tuple{kOld, "abusive", until}, std::tuple{kOld, "at_risk", until},
        std::tuple{kNew, "abusive", std::to_string(kT0 + 9000)}}) {
    std::string insert_flag =
        "INSERT INTO caller_flags (org_id, caller_hash, flag, expires_at, created_by, "
        "created_at) VALUES ('org-a', '";
    insert_flag.append(hash).append("', '").append(flag).append("', ").append(at);
    exec(insert_flag + ", '', 0)");
  }
  const TelephonyLine line{std::string(32, '7'), "org-a", "PBX", "", true, kT0};
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertTelephonyLine(w, line); }));
  TelephonyCall call{line.id, "call-1", "org-a", "", kT0, std::nullopt, std::nullopt, kOld};
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertTelephonyCall(w, call); }));

  auto stored = onReader(db(), [](soci::session& s) { return listStoredCallerRecords(s, "", 10); });
  ASSERT_TRUE(stored) << stored.error().detail;
  ASSERT_EQ(stored->size(), 2u) << "only contacts with an identifier or a clear region";
  EXPECT_EQ((*stored)[0].id, with_caller);
  EXPECT_EQ((*stored)[0].caller_sealed, "sealed " + with_caller);
  EXPECT_EQ((*stored)[0].caller_region, "Zeeland");
  auto after =
      onReader(db(), [&](soci::session& s) { return listStoredCallerRecords(s, with_caller, 10); });
  ASSERT_TRUE(after);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].id, region_only);

  const std::vector<CallerRecordUpgrade> upgrades = {
      {with_caller, "org-a", kOld, kNew, std::string("sealed region 4")},
      {region_only, "org-a", "", "", std::string("sealed region 5")}};
  auto applied =
      db().write([&](WriteContext& w) { return applyCallerRecordUpgrades(w, upgrades); });
  ASSERT_TRUE(applied) << applied.error().detail;

  auto row = onReader(db(), [&](soci::session& s) { return findContact(s, with_caller); });
  ASSERT_TRUE(row && row->has_value());
  EXPECT_EQ((*row)->caller_hash, kNew);
  EXPECT_EQ((*row)->region_sealed, "sealed region 4");
  EXPECT_EQ(text("SELECT caller_region FROM contacts WHERE id = '" + with_caller + "'"), "");
  EXPECT_EQ(text("SELECT caller_region FROM contacts WHERE id = '" + region_only + "'"), "");
  EXPECT_TRUE(flagsOf(kOld).empty());
  EXPECT_EQ(flagsOf(kNew),
            (std::vector<std::string>{"abusive@" + std::to_string(kT0 + 9000), "at_risk@" + until}))
      << "the flag the new index had already is kept";
  auto moved =
      onReader(db(), [&](soci::session& s) { return findTelephonyCall(s, line.id, "call-1"); });
  ASSERT_TRUE(moved && moved->has_value());
  EXPECT_EQ((*moved)->caller_hash, kNew);
}

TEST_F(CallerRecordsTest, AStepIsRecordedOnce) {
  const auto done = [&] {
    auto d = onReader(db(), [](soci::session& s) { return isDataMigrationDone(s, "step-x"); });
    EXPECT_TRUE(d) << d.error().detail;
    return d.value_or(false);
  };
  EXPECT_FALSE(done());
  for (int i = 0; i < 2; ++i) {
    auto s = db().write([](WriteContext& w) { return recordDataMigration(w, "step-x"); });
    ASSERT_TRUE(s) << s.error().detail;
  }
  EXPECT_TRUE(done());
}

}  // namespace
}  // namespace strada::store
