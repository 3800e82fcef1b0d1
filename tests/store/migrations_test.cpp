// Choosing and splitting the embedded migrations (pure functions; no database).
#include "store/migrations.h"

#include <gtest/gtest.h>

namespace strada::store {
namespace {

TEST(MigrationsTest, EmbeddedFilesAreNumberedFromOne) {
  auto files = embeddedMigrationFiles();
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front().version, 1);
  EXPECT_EQ(files.front().name, "initial");
  for (Backend b : {Backend::kSqlite, Backend::kPostgresql}) {
    auto chosen = selectMigrations(files, b);
    ASSERT_TRUE(chosen) << chosen.error().detail;
    ASSERT_FALSE(chosen->empty());
    EXPECT_FALSE(chosen->front().statements.empty());
  }
}

TEST(MigrationsTest, DialectOverrideWinsOverNeutralFile) {
  const MigrationFile files[] = {
      {1, "initial", "", "CREATE TABLE a (x INTEGER);"},
      {2, "blobs", "", "CREATE TABLE b (x TEXT);"},
      {2, "blobs", "postgresql", "CREATE TABLE b (x BYTEA);"},
      {3, "pg_only", "postgresql", "CREATE EXTENSION x;"},
      {3, "pg_only", "sqlite", "SELECT 1;"},
  };
  auto sqlite = selectMigrations(files, Backend::kSqlite);
  ASSERT_TRUE(sqlite);
  ASSERT_EQ(sqlite->size(), 3U);
  EXPECT_EQ((*sqlite)[1].statements, std::vector<std::string>{"CREATE TABLE b (x TEXT)"});
  EXPECT_EQ((*sqlite)[2].statements, std::vector<std::string>{"SELECT 1"});
  auto pg = selectMigrations(files, Backend::kPostgresql);
  ASSERT_TRUE(pg);
  ASSERT_EQ(pg->size(), 3U);
  EXPECT_EQ((*pg)[1].statements, std::vector<std::string>{"CREATE TABLE b (x BYTEA)"});
  EXPECT_EQ((*pg)[2].name, "pg_only");
}

TEST(MigrationsTest, MissingOrDuplicateFilesAreErrors) {
  const MigrationFile only_pg[] = {{1, "x", "postgresql", "SELECT 1;"}};
  EXPECT_FALSE(selectMigrations(only_pg, Backend::kSqlite));
  EXPECT_TRUE(selectMigrations(only_pg, Backend::kPostgresql));
  const MigrationFile twice[] = {{1, "x", "", "SELECT 1;"}, {1, "y", "", "SELECT 2;"}};
  EXPECT_FALSE(selectMigrations(twice, Backend::kSqlite));
}

TEST(MigrationsTest, SplitKeepsQuotedSemicolonsAndDropsComments) {
  const auto statements = splitSqlStatements(
      "-- a comment; with a semicolon\n"
      "CREATE TABLE t (x TEXT DEFAULT 'a;b', \"we;ird\" INTEGER);\n"
      "/* block; comment */ INSERT INTO t VALUES ('it''s; fine', 1);\n"
      "  ;\n"
      "SELECT 1");
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[0], "CREATE TABLE t (x TEXT DEFAULT 'a;b', \"we;ird\" INTEGER)");
  EXPECT_EQ(statements[1], "INSERT INTO t VALUES ('it''s; fine', 1)");
  EXPECT_EQ(statements[2], "SELECT 1");
}

}  // namespace
}  // namespace strada::store
