// store/guarded.h on the backend named by STRADA_TEST_BACKEND: a database exception becomes an
// internal error naming what failed, a unique violation the conflict of the first rule that names
// its column, an UPDATE that changed no row a not-found error, and an unchanged versioned row is
// told apart from a missing one.
#include "store/guarded.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "store/knowledge_repository.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

domain::Organisation makeOrg(std::string id, std::string code) {
  domain::Organisation org;
  org.id = std::move(id);
  org.code = std::move(code);
  org.name = "Hotline";
  org.country = "NL";
  return org;
}

// Runs `fn` as a write job: its failure rolls the job back and is what the write returns.
template <class Fn>
domain::Status inWrite(Database& db, Fn fn) {
  return db.write([&](WriteContext& w) -> domain::Status { return fn(w); });
}

class GuardedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        db().write([](WriteContext& w) { return insertOrganisation(w, makeOrg("org-a", "A")); }));
  }
  Database& db() { return test_db_.db(); }

 private:
  testing::TestDatabase test_db_;
};

domain::Status insertOrgRow(WriteContext& w, const std::string& id, const std::string& code) {
  return detail::guardedWrite(
      "insert test organisation", "organisations",
      {{"code", "This code is taken.", "code"}, {"", "This id is taken.", "id"}},
      [&]() -> domain::Status {
        w.sql() << "INSERT INTO organisations (id, code, name, country, languages, created_at) "
                   "VALUES (:id, :code, 'n', 'NL', '', 0)",
            soci::use(id), soci::use(code);
        return {};
      });
}

TEST_F(GuardedTest, ADatabaseErrorBecomesAnInternalErrorNamingWhatFailed) {
  const domain::Status s = inWrite(db(), [](WriteContext& w) {
    return detail::guarded("read a missing table", [&]() -> domain::Status {
      w.sql() << "SELECT no_such_column FROM no_such_table";
      return {};
    });
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, domain::ErrorCode::kInternal);
  EXPECT_EQ(s.error().detail.rfind("read a missing table: ", 0), 0u) << s.error().detail;
}

TEST_F(GuardedTest, AUniqueViolationIsAnsweredByTheFirstRuleNamingItsColumn) {
  const domain::Status code_taken =
      inWrite(db(), [](WriteContext& w) { return insertOrgRow(w, "org-b", "A"); });
  ASSERT_FALSE(code_taken);
  EXPECT_EQ(code_taken.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(code_taken.error().field, "code");
  EXPECT_EQ(code_taken.error().message, "This code is taken.");

  const domain::Status id_taken =
      inWrite(db(), [](WriteContext& w) { return insertOrgRow(w, "org-a", "B"); });
  ASSERT_FALSE(id_taken);
  EXPECT_EQ(id_taken.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(id_taken.error().field, "id");
}

TEST_F(GuardedTest, AnUpdateThatChangedNoRowIsNotFound) {
  const domain::Status s = inWrite(db(), [](WriteContext& w) {
    const std::string id = "org-missing";
    soci::statement st =
        (w.sql().prepare << "UPDATE organisations SET name = 'x' WHERE id = :id", soci::use(id));
    return detail::changeOneRow(st, "No such organisation.", "id");
  });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, domain::ErrorCode::kNotFound);
  EXPECT_EQ(s.error().field, "id");
}

TEST_F(GuardedTest, AnUnchangedVersionedRowIsMissingOrChangedMeanwhile) {
  ASSERT_TRUE(db().write([](WriteContext& w) -> domain::Status {
    domain::KnowledgeArticle a;
    a.id = "art-1";
    a.org_id = "org-a";
    a.data.kind = "law";
    a.data.country = "NL";
    a.data.language = "en";
    a.data.title = "Title";
    a.data.body = "Body";
    return insertKnowledgeArticle(w, a);
  }));
  const detail::VersionedTable articles = {"knowledge_articles", "Gone.", "Changed meanwhile."};
  domain::Status missing, changed;
  db().read([&](soci::session& sql) {
    missing = detail::explainUnchangedRow(sql, articles, "art-1", "org-other");
    changed = detail::explainUnchangedRow(sql, articles, "art-1", "org-a");
  });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, domain::ErrorCode::kNotFound);
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error().code, domain::ErrorCode::kConflict);
  EXPECT_EQ(changed.error().field, "version");
}

}  // namespace
}  // namespace strada::store
