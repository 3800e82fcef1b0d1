// The writer's deferred rows (store/deferred_writes.h), on the backend named by
// STRADA_TEST_BACKEND: a job that only adds a contact and its audit event runs no statement and
// its rows are written at the batch's end, yet a later job's statements in the same batch see
// them; a job whose deferred row fails fails alone, with its insert's error, without its
// statistics and without a gap in the audit chain; a job that deferred rows and then ran
// statements rolls back alone, rows included.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <future>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_event.h"
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

ContactRow contact(int n) {
  ContactRow row;
  domain::Contact& c = row.contact;
  c.id = std::string(31, 'c') + std::to_string(n);
  c.org_id = "org-a";
  c.created_by = "user-a";
  c.created_at = kT0 + n;
  c.updated_at = kT0 + n;
  c.finalised_at = kT0 + n;
  c.code_version = "v1";
  c.data.channel = "phone";
  c.data.started_at = kT0;
  c.data.category = "tip";
  c.data.caller_type = "family_member";
  c.data.language = "en";
  c.data.exploitation = {"ForcedLabour"};
  row.summary_sealed = "sealed summary " + std::to_string(n);
  return row;
}

audit::AuditEventInput created(const ContactRow& row) {
  return {"user-a", "org-a", "contact.create", "contact", row.contact.id, ""};
}

// Creates a contact the way hotline::createContact does: its rows, then its audit event.
WriteJob create(const ContactRow& row) {
  return [row](WriteContext& w) -> domain::Status {
    if (auto s = insertContact(w, row); !s) {
      return s;
    }
    return w.audit(created(row));
  };
}

class DeferredWritesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t_.db().write(seed)); }

  // Runs `jobs` in one group commit (the writer is held until all are queued); their results.
  std::vector<domain::Status> runInOneBatch(std::vector<WriteJob> jobs) {
    std::promise<void> gate;
    std::shared_future<void> open = gate.get_future().share();
    std::promise<void> reached;
    t_.db().submit(
        [open, &reached](WriteContext&) -> domain::Status {
          reached.set_value();
          open.wait();
          return {};
        },
        nullptr);
    reached.get_future().wait();
    std::vector<std::promise<domain::Status>> done(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      t_.db().submit(std::move(jobs[i]),
                     [&done, i](domain::Status s) { done[i].set_value(std::move(s)); });
    }
    gate.set_value();
    std::vector<domain::Status> results;
    for (auto& d : done) {
      results.push_back(d.get_future().get());
    }
    return results;
  }

  // Every audit event, checked as a chain; the object ids in seq order.
  std::vector<std::string> auditChain() {
    std::vector<std::string> ids;
    audit::ChainVerifier verifier;
    t_.db().read([&](soci::session& sql) {
      ASSERT_TRUE(forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        ids.push_back(e.input.object_id);
        return verifier.feed(e);
      }));
    });
    EXPECT_TRUE(verifier.intact()) << verifier.problem();
    return ids;
  }

  long long countWhere(const std::string& sql_text) {
    long long n = -1;
    t_.db().read([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }

  long long contactsNamed(const ContactRow& row) {
    return countWhere("SELECT COUNT(*) FROM contacts WHERE id = '" + row.contact.id + "'");
  }

  long long statsTotal() {
    return countWhere(
        "SELECT COALESCE(SUM(n), 0) FROM contact_stats_daily WHERE dimension = 'total'");
  }

  testing::TestDatabase t_;
};

TEST_F(DeferredWritesTest, ALaterJobsStatementsSeeTheRowsDeferredBeforeIt) {
  const ContactRow first = contact(1);
  const ContactRow last = contact(3);
  long long seen = -1;
  WriteJob look = [&seen, id = first.contact.id](WriteContext& w) -> domain::Status {
    w.sql() << "SELECT COUNT(*) FROM contacts WHERE id = :id", soci::use(id), soci::into(seen);
    return w.audit({"user-a", "org-a", "contact.read", "contact", "looked", ""});
  };
  auto results = runInOneBatch({create(first), std::move(look), create(last)});
  for (const auto& r : results) {
    EXPECT_TRUE(r) << r.error().detail;
  }
  EXPECT_EQ(seen, 1) << "the first job's deferred contact was written before the second's SELECT";
  EXPECT_EQ(contactsNamed(first), 1);
  EXPECT_EQ(contactsNamed(last), 1);
  EXPECT_EQ(auditChain(), (std::vector<std::string>{first.contact.id, "looked", last.contact.id}));
  EXPECT_EQ(statsTotal(), 2);
}

TEST_F(DeferredWritesTest, AFailingDeferredRowFailsItsJobAloneWithoutItsStatistics) {
  const ContactRow a = contact(1);
  const ContactRow b = contact(2);
  auto results = runInOneBatch({create(a), create(a), create(b), create(b)});
  ASSERT_EQ(results.size(), 4u);
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(results[1].error().field, "id");
  EXPECT_TRUE(results[2]);
  ASSERT_FALSE(results[3]);
  EXPECT_EQ(results[3].error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(contactsNamed(a), 1);
  EXPECT_EQ(contactsNamed(b), 1);
  EXPECT_EQ(auditChain(), (std::vector<std::string>{a.contact.id, b.contact.id}))
      << "one event per contact written, seq 1 and 2: no gap";
  EXPECT_EQ(statsTotal(), 2) << "the failed jobs' statistics were not applied";

  // The writer goes on: a later batch writes and chains on.
  const ContactRow c = contact(3);
  ASSERT_TRUE(t_.db().write(create(c)));
  EXPECT_EQ(auditChain(), (std::vector<std::string>{a.contact.id, b.contact.id, c.contact.id}));
}

TEST_F(DeferredWritesTest, AJobThatDeferredRowsThenRanStatementsRollsBackAlone) {
  const ContactRow before = contact(1);
  const ContactRow doomed = contact(2);
  const ContactRow after = contact(3);
  WriteJob fails = [doomed](WriteContext& w) -> domain::Status {
    if (auto s = insertContact(w, doomed); !s) {
      return s;
    }
    if (auto s = w.audit(created(doomed)); !s) {
      return s;
    }
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM contacts", soci::into(n);  // writes the deferred rows
    return domain::fail(domain::ErrorCode::kConflict, "changed meanwhile");
  };
  auto results = runInOneBatch({create(before), std::move(fails), create(after)});
  EXPECT_TRUE(results[0]);
  ASSERT_FALSE(results[1]);
  EXPECT_EQ(results[1].error().code, domain::ErrorCode::kConflict);
  EXPECT_TRUE(results[2]);
  EXPECT_EQ(contactsNamed(before), 1);
  EXPECT_EQ(contactsNamed(doomed), 0) << "its rows rolled back with its savepoint";
  EXPECT_EQ(contactsNamed(after), 1);
  EXPECT_EQ(auditChain(), (std::vector<std::string>{before.contact.id, after.contact.id}));
  EXPECT_EQ(statsTotal(), 2);
}

TEST_F(DeferredWritesTest, AJobWhoseOwnDeferredRowFailsWhenItRunsStatementsFails) {
  const ContactRow a = contact(1);
  ASSERT_TRUE(t_.db().write(create(a)));
  WriteJob again = [a](WriteContext& w) -> domain::Status {
    if (auto s = insertContact(w, a); !s) {  // deferred: fails only when written
      return s;
    }
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM contacts", soci::into(n);
    return w.audit(created(a));
  };
  const ContactRow b = contact(2);
  auto results = runInOneBatch({std::move(again), create(b)});
  ASSERT_FALSE(results[0]);
  EXPECT_EQ(results[0].error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(results[0].error().field, "id");
  EXPECT_TRUE(results[1]);
  EXPECT_EQ(auditChain(), (std::vector<std::string>{a.contact.id, b.contact.id}));
  EXPECT_EQ(statsTotal(), 2);
}

}  // namespace
}  // namespace strada::store
