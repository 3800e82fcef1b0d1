#include "app/commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>

#include "admin/organisations.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "domain/ids.h"
#include "store/repositories.h"

namespace strada::app {
namespace {

std::string readPassword() {
  if (const char* env = std::getenv("STRADA_PASSWORD"); env != nullptr) {
    return env;
  }
  if (::isatty(STDIN_FILENO) != 0) {
    std::cerr << "Password (input is shown; prefer STRADA_PASSWORD): " << std::flush;
  }
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

}  // namespace

int reportFailure(const domain::Error& error) {
  std::cerr << "strada: " << error.message;
  if (!error.field.empty()) {
    std::cerr << " (" << error.field << ")";
  }
  std::cerr << "\n";
  return error.code == domain::ErrorCode::kInvalidArgument ? 2 : 1;
}

int runInit(const DataOptions& data) {
  if (auto ok = crypto::initialise(); !ok) {
    return reportFailure(ok.error());
  }
  std::error_code ec;
  std::filesystem::create_directories(data.data_dir, ec);
  if (ec) {
    return reportFailure(domain::Error{
        domain::ErrorCode::kUnavailable,
        "Cannot create the data folder " + data.data_dir.string() + ": " + ec.message(), "", ""});
  }
  ::chmod(data.data_dir.c_str(), 0700);
  auto key = crypto::MasterKey::create(data.data_dir / "master.key");
  if (!key) {
    return reportFailure(key.error());
  }
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  auto version = opened->db->schemaVersion();
  std::cout << "Initialised " << data.data_dir.string() << " (" << opened->db->backendName()
            << ", schema version " << version.value_or(0) << ").\n"
            << "Keep " << (data.data_dir / "master.key").string()
            << " safe and backed up apart from the database: without it no sealed field can be "
               "read.\n";
  return 0;
}

int runMigrate(const DataOptions& data) {
  return withOpenData(data, [](OpenedData& opened) {
    auto version = opened.db->schemaVersion();
    std::cout << "Database is at schema version " << version.value_or(0) << ".\n";
    return 0;
  });
}

int runOrgAdd(const DataOptions& data, const std::string& code, const std::string& name,
              const std::string& country, const std::vector<std::string>& languages) {
  return withOpenData(data, [&](OpenedData& opened) {
    auto org = admin::addOrganisation(*opened.db, {"", code, name, country, languages, 0});
    if (!org) {
      return reportFailure(org.error());
    }
    std::cout << "Added organisation " << org->organisation.code << ".\n";
    return 0;
  });
}

int runUserAdd(const DataOptions& data, const std::string& org_code, const std::string& email,
               const std::string& name, const std::vector<std::string>& roles,
               const std::string& agency_id) {
  return withOpenData(data, [&](OpenedData& opened) {
    auto user =
        admin::addUser(*opened.db, org_code, {email, name, roles, readPassword(), {}, agency_id});
    if (!user) {
      return reportFailure(user.error());
    }
    std::cout << "Added user " << user->email << " to " << org_code << ".\n";
    return 0;
  });
}

int runAuditVerify(const DataOptions& data, const std::string& anchor) {
  // "SEQ:HASH": a positive sequence number and 64 lowercase hex digits.
  std::int64_t anchor_seq = 0;
  std::string anchor_hash;
  if (!anchor.empty()) {
    const std::size_t colon = anchor.find(':');
    const std::string seq_text = anchor.substr(0, colon);
    if (colon != std::string::npos) {
      anchor_hash = anchor.substr(colon + 1);
    }
    if (!seq_text.empty() && seq_text.size() <= 18 &&
        seq_text.find_first_not_of("0123456789") == std::string::npos) {
      anchor_seq = std::stoll(seq_text);
    }
    if (anchor_seq <= 0 || !domain::isLowerHex(anchor_hash, 64)) {
      std::cerr << "strada: --anchor takes SEQ:HASH as `strada audit verify` printed it, for "
                   "example 1042:3f5a... (64 hex digits).\n";
      return 2;
    }
  }
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  audit::ChainVerifier verifier;
  std::optional<audit::AuditEvent> head;
  std::optional<std::string> hash_at_anchor;
  domain::Status walked;
  opened->db->read([&](soci::session& sql) {
    walked = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
      if (!verifier.feed(e)) {
        return false;
      }
      if (e.seq == anchor_seq) {
        hash_at_anchor = e.hash;
      }
      head = e;
      return true;
    });
  });
  if (!walked) {
    return reportFailure(walked.error());
  }
  if (!verifier.intact()) {
    std::cerr << "strada: the audit trail is broken at event " << verifier.firstBrokenSeq() << ": "
              << verifier.problem()
              << ". Keep a copy of the database as evidence and restore from a backup.\n";
    return 3;
  }
  if (anchor_seq > 0 && !hash_at_anchor) {
    std::cerr << "strada: the audit trail ends at event " << (head ? head->seq : 0)
              << ", before the anchor " << anchor_seq
              << ": events were cut off its end. Keep a copy of the database as evidence and "
                 "restore from a backup.\n";
    return 3;
  }
  if (hash_at_anchor && *hash_at_anchor != anchor_hash) {
    std::cerr << "strada: event " << anchor_seq
              << " no longer has the anchored hash: the trail was rewritten from there on. Keep "
                 "a copy of the database as evidence and restore from a backup.\n";
    return 3;
  }
  std::cout << "Audit trail intact: " << verifier.count() << " events"
            << (anchor_seq > 0 ? ", including the anchored event " + std::to_string(anchor_seq)
                               : std::string())
            << ".\n";
  if (head) {
    std::cout << "Anchor for the next check (keep it apart from this server): " << head->seq << ":"
              << head->hash << "\n";
  }
  return 0;
}

int runServe(const DataOptions& data, const ServeOptions& serve) {
  auto server = StradaServer::start(data, serve);
  if (!server) {
    return reportFailure(server.error());
  }
  (*server)->run();
  return 0;
}

}  // namespace strada::app
