// The organisation, user, session, data-key, contact and audit repositories, on the backend named
// by STRADA_TEST_BACKEND (the sign-in counters: login_throttle_repository_test.cpp).
#include "store/repositories.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "store/contact_queries.h"
#include "store/contact_repository.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

domain::Organisation makeOrg(const std::string& id, const std::string& code) {
  domain::Organisation org;
  org.id = id;
  org.code = code;
  org.name = "Hotline " + code;
  org.country = "NL";
  org.languages = {"nl", "en"};
  org.created_at = 1700000000000;
  return org;
}

UserRecord makeUser(const std::string& id, const std::string& org_id, const std::string& email) {
  UserRecord r;
  r.user.id = id;
  r.user.org_id = org_id;
  r.user.email = email;
  r.user.name = "Consultant " + id;
  r.user.roles = {domain::Role::kConsultant, domain::Role::kSupervisor};
  r.user.active = true;
  r.user.created_at = 1700000000001;
  r.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
  return r;
}

ContactRow makeContact(const std::string& id, const std::string& org_id, const std::string& user_id,
                       domain::UnixMillis started_at) {
  ContactRow row;
  row.contact.id = id;
  row.contact.org_id = org_id;
  row.contact.created_by = user_id;
  row.contact.created_at = started_at + 1000;
  row.contact.code_version = "2026.1";
  row.contact.data.channel = "phone";
  row.contact.data.started_at = started_at;
  row.contact.data.duration_s = 300;
  row.contact.data.caller_type = "victim";
  row.contact.data.anonymous = false;
  row.contact.data.language = "en";
  return row;
}

// Runs `fn` on a pooled read connection and returns what it returned.
template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

class RepositoriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
      auto s = insertOrganisation(w, makeOrg("org-a", "LS-NL"));
      if (!s) {
        return s;
      }
      s = insertOrganisation(w, makeOrg("org-b", "LS-BE"));
      if (!s) {
        return s;
      }
      s = insertUser(w, makeUser("user-a", "org-a", "a@example.org"));
      if (!s) {
        return s;
      }
      return insertUser(w, makeUser("user-b", "org-b", "b@example.org"));
    }));
  }

  Database& db() { return t_.db(); }

  testing::TestDatabase t_;
};

TEST_F(RepositoriesTest, OrganisationsRoundTrip) {
  auto by_code =
      onReader(db(), [](soci::session& s) { return findOrganisationByCode(s, "LS-NL"); });
  ASSERT_TRUE(by_code) << by_code.error().detail;
  ASSERT_TRUE(by_code->has_value());
  EXPECT_EQ((*by_code)->id, "org-a");
  EXPECT_EQ((*by_code)->name, "Hotline LS-NL");
  EXPECT_EQ((*by_code)->country, "NL");
  EXPECT_EQ((*by_code)->languages, (std::vector<std::string>{"nl", "en"}));
  EXPECT_EQ((*by_code)->created_at, 1700000000000);

  auto by_id = onReader(db(), [](soci::session& s) { return findOrganisationById(s, "org-b"); });
  ASSERT_TRUE(by_id);
  ASSERT_TRUE(by_id->has_value());
  EXPECT_EQ((*by_id)->code, "LS-BE");

  auto missing = onReader(db(), [](soci::session& s) { return findOrganisationByCode(s, "XX"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());

  auto all = onReader(db(), [](soci::session& s) { return listOrganisations(s); });
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2U);
  EXPECT_EQ((*all)[0].code, "LS-BE");  // ordered by code
  EXPECT_EQ((*all)[1].code, "LS-NL");
}

TEST_F(RepositoriesTest, OrganisationWithNoLanguages) {
  auto org = makeOrg("org-c", "HUB");
  org.languages.clear();
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertOrganisation(w, org); }));
  auto found = onReader(db(), [](soci::session& s) { return findOrganisationById(s, "org-c"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_TRUE((*found)->languages.empty());
}

TEST_F(RepositoriesTest, OrganisationConflicts) {
  auto same_code =
      db().write([](WriteContext& w) { return insertOrganisation(w, makeOrg("org-z", "LS-NL")); });
  ASSERT_FALSE(same_code);
  EXPECT_EQ(same_code.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(same_code.error().field, "code");

  auto same_id =
      db().write([](WriteContext& w) { return insertOrganisation(w, makeOrg("org-a", "OTHER")); });
  ASSERT_FALSE(same_id);
  EXPECT_EQ(same_id.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(same_id.error().field, "id");
}

TEST_F(RepositoriesTest, UsersRoundTrip) {
  auto by_email =
      onReader(db(), [](soci::session& s) { return findUserByEmail(s, "a@example.org"); });
  ASSERT_TRUE(by_email) << by_email.error().detail;
  ASSERT_TRUE(by_email->has_value());
  const UserRecord& r = **by_email;
  EXPECT_EQ(r.user.id, "user-a");
  EXPECT_EQ(r.user.org_id, "org-a");
  EXPECT_EQ(r.user.name, "Consultant user-a");
  EXPECT_EQ(r.user.roles,
            (std::vector<domain::Role>{domain::Role::kConsultant, domain::Role::kSupervisor}));
  EXPECT_TRUE(r.user.active);
  EXPECT_EQ(r.user.created_at, 1700000000001);
  EXPECT_EQ(r.password_hash, "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");

  auto by_id = onReader(db(), [](soci::session& s) { return findUserById(s, "user-b"); });
  ASSERT_TRUE(by_id && by_id->has_value());
  EXPECT_EQ((*by_id)->email, "b@example.org");

  auto missing = onReader(db(), [](soci::session& s) { return findUserById(s, "nobody"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(RepositoriesTest, InactiveUserWithoutRoles) {
  auto u = makeUser("user-c", "org-a", "c@example.org");
  u.user.active = false;
  u.user.roles.clear();
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertUser(w, u); }));
  auto found = onReader(db(), [](soci::session& s) { return findUserById(s, "user-c"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_FALSE((*found)->active);
  EXPECT_TRUE((*found)->roles.empty());
}

TEST_F(RepositoriesTest, OrganisationUsersByNameWithoutEmails) {
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    auto zoe = makeUser("user-z", "org-a", "zoe@example.org");
    zoe.user.name = "Zoe";
    zoe.user.roles = {domain::Role::kSupervisor};
    auto nameless = makeUser("user-n", "org-a", "nameless@example.org");
    nameless.user.name = "";
    nameless.user.active = false;
    nameless.user.roles.clear();
    // Same name as user-a's: the id decides.
    auto twin = makeUser("user-0", "org-a", "twin@example.org");
    twin.user.name = "Consultant user-a";
    for (const auto* u : {&zoe, &nameless, &twin}) {
      if (auto s = insertUser(w, *u); !s) {
        return s;
      }
    }
    return {};
  }));
  auto users = onReader(db(), [](soci::session& s) { return listOrganisationUsers(s, "org-a"); });
  ASSERT_TRUE(users) << users.error().detail;
  ASSERT_EQ(users->size(), 4U);
  // By name, then id; org-b's user-b is not there.
  EXPECT_EQ((*users)[0].id, "user-n");
  EXPECT_EQ((*users)[0].name, "");
  EXPECT_FALSE((*users)[0].active);
  EXPECT_TRUE((*users)[0].roles.empty());
  EXPECT_EQ((*users)[1].id, "user-0");
  EXPECT_EQ((*users)[2].id, "user-a");
  EXPECT_EQ((*users)[2].name, "Consultant user-a");
  EXPECT_EQ((*users)[2].roles,
            (std::vector<domain::Role>{domain::Role::kConsultant, domain::Role::kSupervisor}));
  EXPECT_TRUE((*users)[2].active);
  EXPECT_EQ((*users)[3].id, "user-z");
  EXPECT_EQ((*users)[3].roles, (std::vector<domain::Role>{domain::Role::kSupervisor}));

  auto other = onReader(db(), [](soci::session& s) { return listOrganisationUsers(s, "org-b"); });
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1U);
  EXPECT_EQ((*other)[0].id, "user-b");

  auto none = onReader(db(), [](soci::session& s) { return listOrganisationUsers(s, "no-org"); });
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_F(RepositoriesTest, DuplicateEmailIsConflictWithoutTheAddress) {
  auto dup = db().write(
      [](WriteContext& w) { return insertUser(w, makeUser("user-x", "org-a", "a@example.org")); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "email");
  // Personal data never reaches a message or a log detail.
  EXPECT_EQ(dup.error().message.find("a@example.org"), std::string::npos);
  EXPECT_EQ(dup.error().detail.find("a@example.org"), std::string::npos);

  auto dup_id = db().write([](WriteContext& w) {
    return insertUser(w, makeUser("user-a", "org-a", "new@example.org"));
  });
  ASSERT_FALSE(dup_id);
  EXPECT_EQ(dup_id.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(dup_id.error().field, "id");
}

TEST_F(RepositoriesTest, UserOfUnknownOrganisationIsInternal) {
  auto bad = db().write(
      [](WriteContext& w) { return insertUser(w, makeUser("user-y", "no-org", "y@example.org")); });
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, domain::ErrorCode::kInternal);
  EXPECT_EQ(bad.error().detail.find("y@example.org"), std::string::npos);
}

TEST_F(RepositoriesTest, SessionsLifecycle) {
  SessionRecord s{"sess-1", "user-a", "org-a", 1000, 1000};
  SessionRecord old_idle{"sess-2", "user-a", "org-a", 1000, 1500};
  SessionRecord too_old{"sess-3", "user-b", "org-b", 10, 9000};
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    for (const auto* r : {&s, &old_idle, &too_old}) {
      auto st = insertSession(w, *r);
      if (!st) {
        return st;
      }
    }
    return {};
  }));
  auto dup = db().write([&](WriteContext& w) { return insertSession(w, s); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);

  auto found = onReader(db(), [](soci::session& sql) { return findSession(sql, "sess-1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->user_id, "user-a");
  EXPECT_EQ((*found)->org_id, "org-a");
  EXPECT_EQ((*found)->created_at, 1000);
  EXPECT_EQ((*found)->last_seen_at, 1000);

  ASSERT_TRUE(db().write([](WriteContext& w) { return touchSession(w, "sess-1", 5000); }));
  found = onReader(db(), [](soci::session& sql) { return findSession(sql, "sess-1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->last_seen_at, 5000);

  auto touch_missing = db().write([](WriteContext& w) { return touchSession(w, "nope", 1); });
  ASSERT_FALSE(touch_missing);
  EXPECT_EQ(touch_missing.error().code, domain::ErrorCode::kNotFound);

  // sess-2 idle since 1500 < 2000; sess-3 created at 10 < 100; sess-1 stays.
  std::int64_t deleted = -1;
  ASSERT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
    auto n = deleteExpiredSessions(w, 2000, 100);
    if (!n) {
      return tl::unexpected(n.error());
    }
    deleted = *n;
    return {};
  }));
  EXPECT_EQ(deleted, 2);
  EXPECT_TRUE(onReader(db(), [](soci::session& sql) {
                return findSession(sql, "sess-2");
              })->has_value() == false);

  ASSERT_TRUE(db().write([](WriteContext& w) { return deleteSession(w, "sess-1"); }));
  ASSERT_TRUE(
      db().write([](WriteContext& w) { return deleteSession(w, "sess-1"); }));  // idempotent
  found = onReader(db(), [](soci::session& sql) { return findSession(sql, "sess-1"); });
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->has_value());
}

TEST_F(RepositoriesTest, WrappedKeysKeepEveryByte) {
  std::string wrapped;
  for (int i = 0; i < 256; ++i) {
    wrapped += static_cast<char>(i);
  }
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertWrappedKey(w, "k1", wrapped); }));
  auto found = onReader(db(), [](soci::session& s) { return findWrappedKey(s, "k1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ(**found, wrapped);

  auto dup = db().write([&](WriteContext& w) { return insertWrappedKey(w, "k1", "x"); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "key_id");

  auto missing = onReader(db(), [](soci::session& s) { return findWrappedKey(s, "k2"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(RepositoriesTest, ContactRoundTripKeepsSealedBytes) {
  auto row = makeContact("c-1", "org-a", "user-a", 1700000100000);
  row.summary_sealed = std::string("\x00\x01\xfe\xff sealed", 11);
  ASSERT_TRUE(db().write([&](WriteContext& w) { return insertContact(w, row); }));

  auto found = onReader(db(), [](soci::session& s) { return findContact(s, "c-1"); });
  ASSERT_TRUE(found) << found.error().detail;
  ASSERT_TRUE(found->has_value());
  const ContactRow& got = **found;
  EXPECT_EQ(got.summary_sealed, row.summary_sealed);
  EXPECT_EQ(got.contact.id, "c-1");
  EXPECT_EQ(got.contact.org_id, "org-a");
  EXPECT_EQ(got.contact.created_by, "user-a");
  EXPECT_EQ(got.contact.created_at, row.contact.created_at);
  EXPECT_EQ(got.contact.code_version, "2026.1");
  EXPECT_EQ(got.contact.data.channel, "phone");
  EXPECT_EQ(got.contact.data.started_at, 1700000100000);
  EXPECT_EQ(got.contact.data.duration_s, 300);
  EXPECT_EQ(got.contact.data.caller_type, "victim");
  EXPECT_FALSE(got.contact.data.anonymous);
  EXPECT_EQ(got.contact.data.language, "en");
  EXPECT_TRUE(got.contact.data.summary.empty());

  auto dup = db().write([&](WriteContext& w) { return insertContact(w, row); });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);

  auto missing = onReader(db(), [](soci::session& s) { return findContact(s, "c-404"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(RepositoriesTest, KeysetPaginationAcrossEqualStartTimes) {
  // 25 contacts of org-a, five per started_at value; 7 of org-b interleaved.
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    for (int i = 0; i < 25; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "a-%02d", i);
      auto s = insertContact(w, makeContact(id, "org-a", "user-a", 1000 + (i / 5) * 10));
      if (!s) {
        return s;
      }
    }
    for (int i = 0; i < 7; ++i) {
      auto s = insertContact(w, makeContact("b-" + std::to_string(i), "org-b", "user-b", 1020));
      if (!s) {
        return s;
      }
    }
    return {};
  }));

  std::vector<std::string> seen;
  ContactFilter q;
  q.org_id = "org-a";
  q.status.clear();
  q.limit = 4;
  for (int page = 0; page < 20; ++page) {
    auto rows = onReader(db(), [&](soci::session& s) { return searchContacts(s, q); });
    ASSERT_TRUE(rows) << rows.error().detail;
    for (const domain::Contact& r : *rows) {
      EXPECT_EQ(r.org_id, "org-a");
      EXPECT_TRUE(r.data.summary.empty());
      seen.push_back(r.id);
    }
    if (rows->size() < 4) {
      break;
    }
    q.after = ContactCursor{rows->back().data.started_at, rows->back().id};
  }
  // Newest first, ties broken by id descending, each row exactly once.
  std::vector<std::string> expected;
  for (int i = 24; i >= 0; --i) {
    char id[16];
    std::snprintf(id, sizeof id, "a-%02d", i);
    expected.emplace_back(id);
  }
  EXPECT_EQ(seen, expected);

  auto count_a = onReader(db(), [](soci::session& s) { return countContacts(s, "org-a"); });
  auto count_b = onReader(db(), [](soci::session& s) { return countContacts(s, "org-b"); });
  ASSERT_TRUE(count_a && count_b);
  EXPECT_EQ(*count_a, 25);
  EXPECT_EQ(*count_b, 7);

  // from is inclusive, to exclusive: started_at in [1010, 1030) -> 10 rows.
  ContactFilter range;
  range.org_id = "org-a";
  range.status.clear();
  range.from = 1010;
  range.to = 1030;
  range.limit = 100;
  auto in_range = onReader(db(), [&](soci::session& s) { return searchContacts(s, range); });
  ASSERT_TRUE(in_range);
  ASSERT_EQ(in_range->size(), 10U);
  EXPECT_EQ(in_range->front().id, "a-14");
  EXPECT_EQ(in_range->back().id, "a-05");

  ContactFilter other;
  other.org_id = "org-b";
  other.status.clear();
  auto b_rows = onReader(db(), [&](soci::session& s) { return searchContacts(s, other); });
  ASSERT_TRUE(b_rows);
  EXPECT_EQ(b_rows->size(), 7U);
}

TEST_F(RepositoriesTest, AuditEventsForObjectNewestFirst) {
  auto empty = onReader(db(), [](soci::session& s) { return lastAuditEvent(s); });
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->has_value());

  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(db().write([i](WriteContext& w) -> domain::Status {
      auto s = w.audit({"user-a", "org-a", i == 0 ? "contact.create" : "contact.read", "contact",
                        "c-1", "req-" + std::to_string(i)});
      if (!s) {
        return s;
      }
      return w.audit({"user-a", "org-a", "contact.read", "contact", "c-2", ""});
    }));
  }
  auto events =
      onReader(db(), [](soci::session& s) { return auditEventsFor(s, "contact", "c-1"); });
  ASSERT_TRUE(events) << events.error().detail;
  ASSERT_EQ(events->size(), 3U);
  EXPECT_EQ((*events)[0].input.request_id, "req-2");
  EXPECT_EQ((*events)[2].input.action, "contact.create");
  EXPECT_GT((*events)[0].seq, (*events)[1].seq);

  auto last = onReader(db(), [](soci::session& s) { return lastAuditEvent(s); });
  ASSERT_TRUE(last && last->has_value());
  EXPECT_EQ((*last)->seq, 6);
  EXPECT_EQ((*last)->input.object_id, "c-2");
  EXPECT_EQ((*last)->hash, audit::computeHash(**last));

  // forEachAuditEvent stops when asked to.
  int visited = 0;
  auto walked = onReader(db(), [&](soci::session& s) {
    return forEachAuditEvent(s, [&](const audit::AuditEvent&) { return ++visited < 4; });
  });
  ASSERT_TRUE(walked);
  EXPECT_EQ(visited, 4);
}

}  // namespace
}  // namespace strada::store
