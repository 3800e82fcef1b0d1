// The writer connection's prepared statements (store/statement_cache.h), on the backend named by
// STRADA_TEST_BACKEND: contacts and audit events written in one group commit through statements
// bound once keep each its own values, a job that fails inside a prepared statement rolls back
// alone and leaves the statement usable, and a contact with more codes than a prepared INSERT
// holds takes the one-time path.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <future>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/contact_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

constexpr domain::UnixMillis kT0 = 1700000000000;

domain::Status seed(WriteContext& w) {
  domain::Organisation org;
  org.id = "org-a";
  org.code = "A";
  org.name = "Hotline A";
  org.country = "NL";
  if (auto s = insertOrganisation(w, org); !s) {
    return s;
  }
  UserRecord u;
  u.user.id = "user-a";
  u.user.org_id = "org-a";
  u.user.email = "a@example.org";
  u.user.roles = {domain::Role::kConsultant};
  return insertUser(w, u);
}

// A final data contact; `n` varies every value, `codes` sets how many indicator codes it has.
ContactRow dataContact(int n, std::size_t codes) {
  ContactRow row;
  domain::Contact& c = row.contact;
  c.id = std::string(31, 'd') + std::to_string(n);
  c.org_id = "org-a";
  c.created_by = "user-a";
  c.created_at = kT0 + n;
  c.updated_at = kT0 + n + 1;
  c.finalised_at = kT0 + n + 2;
  c.code_version = "v" + std::to_string(n);
  domain::ContactInput& d = c.data;
  d.channel = n % 2 == 0 ? "phone" : "chat";
  d.started_at = kT0 - n;
  d.duration_s = 100 + n;
  d.category = n % 2 == 0 ? "tip" : "crisis";
  d.caller_type = "family_member";
  d.language = "en";
  d.exploitation = {"ForcedLabour"};
  for (std::size_t i = 0; i < codes; ++i) {
    // Two digits: the store loads codes in code order.
    d.indicators.push_back("indicator_" + std::to_string(n) + "_" + (i < 10 ? "0" : "") +
                           std::to_string(i));
  }
  d.follow_up_needed = n % 2 == 0;
  if (d.follow_up_needed) {
    d.follow_up_due = kT0 + 86400000;
  }
  row.summary_sealed = "sealed summary " + std::to_string(n);
  // The region is sealed (the store keeps only its sealed bytes).
  row.region_sealed = "sealed region " + std::to_string(n);
  row.caller_hash = n % 2 == 0 ? std::string(64, 'a') : "";
  return row;
}

// A non-data contact: nulls and no codes where the contacts before it had values.
ContactRow silentContact(int n) {
  ContactRow row;
  domain::Contact& c = row.contact;
  c.id = std::string(31, 's') + std::to_string(n);
  c.org_id = "org-a";
  c.created_by = "user-a";
  c.created_at = kT0 + n;
  c.updated_at = kT0 + n;
  c.code_version = "v" + std::to_string(n);
  c.data.status = "draft";
  c.data.kind = "non_data";
  c.data.non_data_type = "silent";
  c.data.channel = "phone";
  c.data.started_at = kT0 + n;
  return row;
}

void expectStoredAsWritten(Database& db, const ContactRow& want) {
  std::optional<ContactRow> got;
  db.read([&](soci::session& sql) {
    auto found = findContact(sql, want.contact.id);
    ASSERT_TRUE(found) << found.error().detail;
    got = *found;
  });
  ASSERT_TRUE(got.has_value()) << want.contact.id;
  const domain::Contact& g = got->contact;
  const domain::Contact& w = want.contact;
  EXPECT_EQ(g.created_at, w.created_at);
  EXPECT_EQ(g.updated_at, w.updated_at);
  EXPECT_EQ(g.finalised_at, w.finalised_at);
  EXPECT_EQ(g.code_version, w.code_version);
  EXPECT_EQ(g.data.status, w.data.status);
  EXPECT_EQ(g.data.kind, w.data.kind);
  EXPECT_EQ(g.data.non_data_type, w.data.non_data_type);
  EXPECT_EQ(g.data.channel, w.data.channel);
  EXPECT_EQ(g.data.started_at, w.data.started_at);
  EXPECT_EQ(g.data.duration_s, w.data.duration_s);
  EXPECT_EQ(g.data.category, w.data.category);
  EXPECT_EQ(got->region_sealed, want.region_sealed);
  EXPECT_EQ(g.data.follow_up_due, w.data.follow_up_due);
  EXPECT_EQ(g.data.exploitation, w.data.exploitation);
  EXPECT_EQ(g.data.indicators, w.data.indicators);
  EXPECT_EQ(got->summary_sealed, want.summary_sealed);
  EXPECT_EQ(got->caller_hash, want.caller_hash);
}

class PreparedWritesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t_.db().write(seed)); }

  // Holds the writer until `open` is set, so the jobs submitted meanwhile share one batch.
  void holdWriter(std::shared_future<void> open) {
    std::promise<void> reached;
    std::future<void> inside = reached.get_future();
    t_.db().submit(
        [open, &reached](WriteContext&) -> domain::Status {
          reached.set_value();
          open.wait();
          return {};
        },
        nullptr);
    inside.wait();
  }

  testing::TestDatabase t_;
};

TEST_F(PreparedWritesTest, ContactsOfOneBatchKeepTheirOwnValuesAndAFailureRollsBackAlone) {
  const std::vector<ContactRow> rows = {dataContact(0, 1), silentContact(1), dataContact(2, 3),
                                        dataContact(3, 20), dataContact(4, 0)};
  std::promise<void> gate;
  holdWriter(gate.get_future().share());
  std::vector<std::promise<domain::Status>> results(rows.size() + 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    t_.db().submit(
        [row = rows[i]](WriteContext& w) -> domain::Status {
          if (auto s = insertContact(w, row); !s) {
            return s;
          }
          return w.audit({"user-a", "org-a", "contact.create", "contact", row.contact.id, ""});
        },
        [&results, i](domain::Status s) { results[i].set_value(std::move(s)); });
    if (i == 1) {
      // The first contact again, after its audit event: the prepared INSERT fails on the id.
      t_.db().submit(
          [row = rows[0]](WriteContext& w) -> domain::Status {
            if (auto s = w.audit({"user-a", "org-a", "contact.create", "contact", "dup", ""}); !s) {
              return s;
            }
            return insertContact(w, row);
          },
          [&results, n = rows.size()](domain::Status s) { results[n].set_value(std::move(s)); });
    }
  }
  gate.set_value();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto s = results[i].get_future().get();
    EXPECT_TRUE(s) << i << ": " << s.error().detail;
  }
  auto dup = results[rows.size()].get_future().get();
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "id");

  // The next batch reuses the statement that failed.
  const ContactRow later = dataContact(5, 2);
  ASSERT_TRUE(t_.db().write([&](WriteContext& w) { return insertContact(w, later); }));

  for (const ContactRow& row : rows) {
    expectStoredAsWritten(t_.db(), row);
  }
  expectStoredAsWritten(t_.db(), later);
  t_.db().read([](soci::session& sql) {
    auto dup_events = auditEventsFor(sql, "contact", "dup");
    ASSERT_TRUE(dup_events);
    EXPECT_TRUE(dup_events->empty()) << "the failed job's audit event rolled back with it";
    auto last = lastAuditEvent(sql);
    ASSERT_TRUE(last && last->has_value());
    EXPECT_EQ((*last)->seq, 5) << "five contacts, one event each, no gap";
  });
}

}  // namespace
}  // namespace strada::store
