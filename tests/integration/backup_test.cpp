// Backups, restore and the master key's rotation (issue 10, section 4), on the backend under
// test: `strada backup` while the server writes, `strada restore` into a fresh data folder (and,
// on PostgreSQL, a new empty database) with every sealed field read back and the audit chain
// verified; a tampered or truncated backup refused; a restore over data refused; `strada keys
// rotate` with the server restarted after it reading every sealed field and finding a person by
// phone; and a person erased after a backup unreadable once that backup is restored.
#include <libpq-fe.h>
#include <soci/soci.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/backup_commands.h"
#include "app/commands.h"
#include "app/data_lock.h"
#include "app/strada_server.h"
#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/client_repository.h"
#include "vault/vault.h"

namespace strada::testing {
namespace {

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// Runs one statement on the PostgreSQL server of the tests (its admin database).
void adminExec(const std::string& statement) {
  const char* admin = std::getenv("STRADA_TEST_PG_URL");
  PGconn* conn = PQconnectdb(admin != nullptr ? admin : "");
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, statement.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) {
    throw std::runtime_error(error);
  }
}

// An empty place to restore into: a new data folder holding a copy of `source`'s master key
// (and its erasure ledger when `with_ledger`), and on PostgreSQL a new, empty database.
class RestoreTarget {
 public:
  RestoreTarget(const TestDatabase& source, bool with_ledger) {
    dir_ = source.dir().parent_path() / ("strada_restore_" + crypto::toHex(crypto::randomBytes(6)));
    std::filesystem::create_directories(dir_);
    std::filesystem::copy_file(source.dir() / "master.key", dir_ / "master.key");
    std::filesystem::permissions(dir_ / "master.key", std::filesystem::perms::owner_read |
                                                          std::filesystem::perms::owner_write);
    if (with_ledger && std::filesystem::exists(source.dir() / "erasures")) {
      std::filesystem::copy_file(source.dir() / "erasures", dir_ / "erasures");
    }
    if (source.isPostgres()) {
      db_name_ = "strada_restore_" + crypto::toHex(crypto::randomBytes(6));
      adminExec("CREATE DATABASE " + db_name_);
      const std::string& url = source.url();
      const std::size_t query = url.find('?');
      const std::size_t slash = url.rfind('/', query);
      url_ = url.substr(0, slash + 1) + db_name_ +
             (query == std::string::npos ? std::string() : url.substr(query));
    }
  }
  ~RestoreTarget() {
    if (!db_name_.empty()) {
      try {
        adminExec("DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
      } catch (const std::exception&) {
        // A leftover database on the throwaway test server.
      }
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  RestoreTarget(const RestoreTarget&) = delete;
  RestoreTarget& operator=(const RestoreTarget&) = delete;

  [[nodiscard]] app::DataOptions data() const { return app::DataOptions{dir_, url_}; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  std::string url_;  // empty on SQLite: DIR/strada.db
  std::string db_name_;
};

class BackupTest : public DeploymentTest<BackupTest> {
 protected:
  struct Person {
    std::string id;
    std::string name;
    std::string phone;  // as typed
    std::string code;
  };

  static Person newPerson(HttpClient& worker) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    Person p;
    p.name = "Backup Person " + tag;
    p.phone = "06 13 " + std::to_string(100000 + (std::stoul(tag, nullptr, 16) % 899999));
    const HttpResponse r = worker.post(
        "/api/v1/clients",
        toJson({{"person", {{"full_name", p.name}, {"phones", boost::json::array{p.phone}}}},
                {"coded", {{"gender", "Feminine"}}}}));
    EXPECT_EQ(r.status, 201u) << r.body;
    if (r.json) {
      p.id = std::string(r.json->at("id").as_string());
      p.code = std::string(r.json->at("client_code").as_string());
    }
    return p;
  }

  // A contact whose summary is `summary`; its id.
  static std::string newContact(HttpClient& consultant, const std::string& summary) {
    auto body = validContact();
    body["summary"] = summary;
    return createdId(consultant, "/api/v1/contacts", body);
  }

  static std::filesystem::path scratch(const std::string& name) {
    return deployment().database().dir() / name;
  }

  // Opens `data` as a server would (migrations, erasures re-applied, data keys) and checks in it
  // that each contact's summary and each person's name open; returns what did not.
  static std::vector<std::string> unreadable(const app::DataOptions& data,
                                             const std::map<std::string, std::string>& contacts,
                                             const std::vector<Person>& people) {
    std::vector<std::string> problems;
    const int code = app::withOpenData(data, [&](app::OpenedData& opened) {
      opened.db->read([&](soci::session& sql) {
        for (const auto& [id, summary] : contacts) {
          std::string hex;
          sql << "SELECT summary_sealed FROM contacts WHERE id = :id", soci::into(hex),
              soci::use(id);
          auto sealed = crypto::fromHex(hex);
          auto open = sealed ? opened.keys->open({vault::SealedField::kContactSummary, id}, *sealed)
                             : domain::Result<std::string>(tl::unexpected(sealed.error()));
          if (!open || *open != summary) {
            problems.push_back("contact " + id);
          }
        }
        for (const Person& p : people) {
          auto row = store::findClient(sql, p.id);
          if (!row || !*row) {
            problems.push_back("client row " + p.id);
            continue;
          }
          auto key = opened.keys->openPersonKey(p.id, (*row)->wrapped_key);
          if (!key) {
            problems.push_back("person key " + p.id);
            continue;
          }
          auto person = opened.keys->open(*key, {vault::SealedField::kClientPerson, p.id},
                                          (*row)->person_sealed);
          if (!person || person->find(p.name) == std::string::npos) {
            problems.push_back("person " + p.id);
          }
        }
      });
      return 0;
    });
    if (code != 0) {
      problems.push_back("the data folder did not open");
    }
    return problems;
  }
};

TEST_F(BackupTest, ARestoreDrillTakenWhileTheServerWritesReadsEverythingBack) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient worker = signedIn(kCaseWorkerA);
  std::map<std::string, std::string> contacts;
  for (int i = 0; i < 5; ++i) {
    const std::string summary =
        "Drill summary " + std::to_string(i) + " " + crypto::toHex(crypto::randomBytes(4));
    contacts.emplace(newContact(consultant, summary), summary);
  }
  std::vector<Person> people{newPerson(worker), newPerson(worker)};

  // Writers keep going while the backup is taken.
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    HttpClient busy = signedIn(kConsultantA);
    while (!stop.load()) {
      if (!newContact(busy, "Written during the backup").empty()) {
        ++written;
      }
    }
  });
  const auto wait_for = [&](int count) {
    for (int i = 0; i < 500 && written.load() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  };
  wait_for(3);
  const int written_before = written.load();
  const auto file = scratch("drill.backup");
  const int code = app::runBackup(deployment().data(), {file, {}, 0});
  wait_for(written.load() + 3);
  stop = true;
  writer.join();
  ASSERT_EQ(code, 0) << deployment().log();
  EXPECT_GE(written_before, 3);
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp"));
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // Encrypted: no summary and no name in the clear.
  const std::string bytes = readFile(file);
  EXPECT_TRUE(bytes.starts_with("STRADABK"));
  for (const auto& [id, summary] : contacts) {
    EXPECT_EQ(bytes.find(summary), std::string::npos);
    EXPECT_EQ(bytes.find(id), std::string::npos);
  }
  EXPECT_NE(deployment().log().find("backup: encrypting"), std::string::npos);

  RestoreTarget target(deployment().database(), true);
  ASSERT_EQ(app::runRestore(target.data(), file), 0) << deployment().log();
  EXPECT_EQ(unreadable(target.data(), contacts, people), std::vector<std::string>{});
  // The restored data passes the same check as `strada audit verify`, and every contact the
  // server had acknowledged before the backup began is there.
  EXPECT_EQ(app::runAuditVerify(target.data()), 0);
  long long restored = 0;
  long long live = 0;
  app::withOpenData(target.data(), [&](app::OpenedData& opened) {
    opened.db->read(
        [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM contacts", soci::into(restored); });
    return 0;
  });
  deployment().database().db().read(
      [&](soci::session& sql) { sql << "SELECT COUNT(*) FROM contacts", soci::into(live); });
  EXPECT_GE(restored, static_cast<long long>(contacts.size()) + written_before);
  EXPECT_LT(restored, live);  // the writes after the backup are not in it
}

// pg_dump and pg_restore get the URL without its password, the password in their environment:
// a command line is readable by every local user (ps), an environment only by its owner.
TEST(PgToolTarget, ThePasswordLeavesTheUrlForTheEnvironment) {
  const auto with =
      app::pgToolTarget("postgresql://strada:s%40cr3t@db.example:5432/strada?sslmode=require");
  EXPECT_EQ(with.url, "postgresql://strada@db.example:5432/strada?sslmode=require");
  EXPECT_EQ(with.password, "s@cr3t");
  const auto without = app::pgToolTarget("postgresql://strada@localhost/strada");
  EXPECT_EQ(without.url, "postgresql://strada@localhost/strada");
  EXPECT_EQ(without.password, "");
  EXPECT_EQ(app::pgToolTarget("not a url").url, "not a url");
}

// On the test server the role strada_password_check must give its password
// (scripts/pg-test-server.sh): a backup with the right password in the URL is written, with a
// wrong one pg_dump is refused and nothing is left behind.
TEST_F(BackupTest, APasswordInTheUrlReachesPgDump) {
  if (!deployment().database().isPostgres()) {
    GTEST_SKIP() << "PostgreSQL only";
  }
  const std::string password = "pw-" + crypto::toHex(crypto::randomBytes(8));
  adminExec("DROP ROLE IF EXISTS strada_password_check");
  adminExec("CREATE ROLE strada_password_check LOGIN SUPERUSER PASSWORD '" + password + "'");
  const std::string& url = deployment().database().url();
  const std::size_t at = url.find('@');
  ASSERT_NE(at, std::string::npos) << "postgresql://USER@HOST/DB";
  const auto as = [&](const std::string& secret) {
    app::DataOptions data = deployment().data();
    data.db_url = "postgresql://strada_password_check:" + secret + url.substr(at);
    return data;
  };
  const auto good = scratch("password.backup");
  EXPECT_EQ(app::runBackup(as(password), {good, {}, 0}), 0) << deployment().log();
  EXPECT_TRUE(std::filesystem::exists(good));
  const auto bad = scratch("wrong-password.backup");
  EXPECT_EQ(app::runBackup(as("wrong"), {bad, {}, 0}), 1);
  EXPECT_FALSE(std::filesystem::exists(bad));
  EXPECT_FALSE(std::filesystem::exists(bad.string() + ".tmp"));
}

TEST_F(BackupTest, ATamperedOrTruncatedBackupIsRefusedAndNothingIsRestored) {
  HttpClient consultant = signedIn(kConsultantA);
  newContact(consultant, "Tamper check");
  const auto file = scratch("tamper.backup");
  ASSERT_EQ(app::runBackup(deployment().data(), {file, {}, 0}), 0);
  const std::string good = readFile(file);
  ASSERT_GT(good.size(), 2000u);

  struct Case {
    std::string name;
    std::string bytes;
    std::string says;
  };
  std::string flipped = good;
  flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x01);
  // A digit of the creation time: still a well-formed header, but not the one authenticated.
  std::string header = good;
  const std::size_t digit = good.find("created_ms=") + 11;
  header[digit] = header[digit] == '1' ? '2' : '1';
  const std::vector<Case> cases{
      {"flipped", flipped, "does not authenticate"},
      {"truncated", good.substr(0, good.size() - 100), "truncated"},
      {"cut at a chunk", good.substr(0, good.size() - 17 - 4), "truncated"},
      {"header", header, "header was altered"},
      {"appended", good + "x", "follow its last chunk"},
  };
  for (const Case& c : cases) {
    const auto bad = scratch("bad.backup");
    writeFile(bad, c.bytes);
    RestoreTarget target(deployment().database(), true);
    const std::size_t before = deployment().log().size();
    EXPECT_EQ(app::runRestore(target.data(), bad), 1) << c.name;
    const std::string said = deployment().log().substr(before);
    EXPECT_NE(said.find(c.says), std::string::npos) << c.name << ": " << said;
    EXPECT_FALSE(std::filesystem::exists(target.dir() / "strada.db")) << c.name;
    // Nothing of the database is left in the clear in the folder.
    for (const auto& entry : std::filesystem::directory_iterator(target.dir())) {
      const std::string name = entry.path().filename().string();
      EXPECT_TRUE(name == "master.key" || name == "erasures") << c.name << ": " << name;
    }
  }
  // Another master key does not open it.
  RestoreTarget other(deployment().database(), false);
  std::filesystem::remove(other.dir() / "master.key");
  ASSERT_TRUE(crypto::MasterKey::create(other.dir() / "master.key"));
  EXPECT_EQ(app::runRestore(other.data(), file), 1);
  EXPECT_NE(deployment().log().find("does not open with this master key"), std::string::npos);
}

TEST_F(BackupTest, ARestoreIntoAFolderOrDatabaseWithDataIsRefused) {
  const auto file = scratch("refuse.backup");
  ASSERT_EQ(app::runBackup(deployment().data(), {file, {}, 0}), 0);
  const std::size_t before = deployment().log().size();
  EXPECT_EQ(app::runRestore(deployment().data(), file), 1);
  const std::string said = deployment().log().substr(before);
  EXPECT_TRUE(said.find("already has a database") != std::string::npos ||
              said.find("already has") != std::string::npos)
      << said;
  // The live data is untouched and still verifies.
  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0);
}

TEST_F(BackupTest, ScheduledBackupsKeepTheNewestN) {
  const auto dir = scratch("scheduled");
  std::filesystem::create_directories(dir);
  // Older backups of the same naming, as earlier runs of the timer left them.
  for (const char* name : {"strada-20200101-000000.backup", "strada-20200102-000000.backup",
                           "strada-20200103-000000.backup"}) {
    writeFile(dir / name, "old");
  }
  writeFile(dir / "notes.txt", "not a backup: left alone");
  ASSERT_EQ(app::runBackup(deployment().data(), {{}, dir, 2}), 0);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "notes.txt");
  EXPECT_EQ(names[1], "strada-20200103-000000.backup");
  EXPECT_TRUE(names[2].starts_with("strada-20") && names[2].ends_with(".backup")) << names[2];
  EXPECT_TRUE(readFile(dir / names[2]).starts_with("STRADABK"));
}

TEST_F(BackupTest, APersonErasedAfterABackupCannotBeReadFromItOnceRestored) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const Person p = newPerson(worker);
  const auto file = scratch("before-erasure.backup");
  ASSERT_EQ(app::runBackup(deployment().data(), {file, {}, 0}), 0);

  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse erased = supervisor.post(
      "/api/v1/clients/" + p.id + "/erasure",
      toJson({{"reason", "Asked to be forgotten"}, {"confirm_client_code", p.code}}));
  ASSERT_EQ(erased.status, 200u) << erased.body;

  // Restored with the master key and the current erasure ledger (kept apart from backups).
  RestoreTarget target(deployment().database(), true);
  ASSERT_TRUE(std::filesystem::exists(target.dir() / "erasures"));
  ASSERT_EQ(app::runRestore(target.data(), file), 0) << deployment().log();
  const auto problems = unreadable(target.data(), {}, {p});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "person key " + p.id);
  app::withOpenData(target.data(), [&](app::OpenedData& opened) {
    opened.db->read([&](soci::session& sql) {
      auto row = store::findClient(sql, p.id).value();
      ASSERT_TRUE(row);
      EXPECT_TRUE(row->wrapped_key.empty());
      EXPECT_TRUE(row->person_sealed.empty());
      EXPECT_EQ(opened.keys->openPersonKey(p.id, row->wrapped_key).error().code,
                domain::ErrorCode::kNotFound);
    });
    return 0;
  });
}

// Last in the suite (tests run in the order of the file): it replaces the deployment's key.
TEST_F(BackupTest, ZRotatingTheMasterKeyKeepsEverythingReadableAndDestroysTheOldKey) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string summary = "Rotation summary " + crypto::toHex(crypto::randomBytes(4));
  const std::map<std::string, std::string> contacts{{newContact(consultant, summary), summary}};
  const Person p = newPerson(worker);
  const auto backup = scratch("before-rotation.backup");
  ASSERT_EQ(app::runBackup(deployment().data(), {backup, {}, 0}), 0);

  const auto key_file = deployment().database().dir() / "master.key";
  const std::string old_key = readFile(key_file);
  std::string person_sealed_before;
  std::string wrapped_before;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT person_sealed FROM clients WHERE id = :id", soci::into(person_sealed_before),
        soci::use(p.id);
    sql << "SELECT wrapped_key FROM client_keys WHERE client_id = :id", soci::into(wrapped_before),
        soci::use(p.id);
  });

  // Not while a server runs on the folder: it would go on with the old key.
  EXPECT_EQ(app::runKeysRotate(deployment().data()), 1);
  EXPECT_EQ(readFile(key_file), old_key);
  deployment().stopServer();
  ASSERT_EQ(app::runKeysRotate(deployment().data()), 0) << deployment().log();
  const std::string new_key = readFile(key_file);
  EXPECT_EQ(new_key.size(), 65u);
  EXPECT_NE(new_key, old_key);
  EXPECT_FALSE(std::filesystem::exists(key_file.string() + ".new"));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  // Only the wrapped keys changed: the sealed person is the same bytes.
  std::string person_sealed_after;
  std::string wrapped_after;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT person_sealed FROM clients WHERE id = :id", soci::into(person_sealed_after),
        soci::use(p.id);
    sql << "SELECT wrapped_key FROM client_keys WHERE client_id = :id", soci::into(wrapped_after),
        soci::use(p.id);
  });
  EXPECT_EQ(person_sealed_after, person_sealed_before);
  EXPECT_NE(wrapped_after, wrapped_before);
  // The old key opens nothing any more.
  const std::string old_hex = old_key.substr(0, 64);
  ::setenv("STRADA_MASTER_KEY", old_hex.c_str(), 1);
  EXPECT_NE(app::runMigrate(deployment().data()), 0);
  ::unsetenv("STRADA_MASTER_KEY");

  // Nor does a server start while such a command has the folder to itself.
  {
    auto alone = app::DataFolderLock::take(deployment().data().data_dir,
                                           app::DataFolderLock::Kind::kExclusive);
    ASSERT_TRUE(alone);
    auto refused = app::StradaServer::start(deployment().data(), app::ServeOptions{});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, domain::ErrorCode::kConflict) << refused.error().message;
  }

  // A server started after the rotation reads every sealed field and finds the person by phone.
  deployment().startServer();
  EXPECT_EQ(unreadable(deployment().data(), contacts, {p}), std::vector<std::string>{});
  HttpClient again = signedIn(kCaseWorkerA);
  const HttpResponse got = again.get("/api/v1/clients/" + p.id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->at("person").at("full_name"), boost::json::value(p.name));
  const HttpResponse by_phone = again.post("/api/v1/clients/search", toJson({{"phone", p.phone}}));
  ASSERT_EQ(by_phone.status, 200u) << by_phone.body;
  ASSERT_EQ(by_phone.json->at("matches").as_array().size(), 1u) << by_phone.body;
  EXPECT_EQ(by_phone.json->at("matches").at(0).at("client_id"), boost::json::value(p.id));
  const HttpResponse by_name =
      again.post("/api/v1/clients/search", toJson({{"full_name", p.name}}));
  ASSERT_EQ(by_name.json->at("matches").as_array().size(), 1u) << by_name.body;
  HttpClient reader = signedIn(kConsultantA);
  const HttpResponse contact = reader.get("/api/v1/contacts/" + contacts.begin()->first);
  ASSERT_EQ(contact.status, 200u) << contact.body;
  EXPECT_EQ(contact.json->at("summary"), boost::json::value(summary));
  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0);

  // A backup taken before the rotation needs the old key, which is gone.
  RestoreTarget target(deployment().database(), true);
  EXPECT_EQ(app::runRestore(target.data(), backup), 1);
}

}  // namespace
}  // namespace strada::testing
