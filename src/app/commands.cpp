#include "app/commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include "admin/organisations.h"
#include "app/audit_anchor.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "crypto/public_key.h"
#include "domain/encoding.h"
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

namespace {

std::string lineOf(const AnchorLine& line, const std::filesystem::path& file) {
  return "line " + std::to_string(line.number) + " of " + file.string();
}

// Every anchor of `lines` that is well formed and signed by `public_key`, in file order; prints
// why any other is refused (and a seq lower than an earlier anchor's). False when one was.
bool checkAnchorLines(const std::vector<AnchorLine>& lines, const std::filesystem::path& file,
                      std::string_view public_key, std::vector<const AnchorLine*>& good) {
  bool ok = true;
  const AnchorLine* highest = nullptr;
  for (const AnchorLine& line : lines) {
    if (!line.anchor) {
      std::cerr << "strada: " << lineOf(line, file)
                << " is not an anchor: " << line.anchor.error().message << ".\n";
      ok = false;
      continue;
    }
    if (!anchorSigned(*line.anchor, public_key)) {
      std::cerr << "strada: the anchor on " << lineOf(line, file) << " (event " << line.anchor->seq
                << ") is not signed by this instance's anchor key: it was forged or altered, or "
                   "is another instance's.\n";
      ok = false;
      continue;
    }
    if (highest != nullptr && line.anchor->seq < highest->anchor->seq) {
      std::cerr << "strada: the anchor on " << lineOf(line, file) << " names event "
                << line.anchor->seq << ", below event " << highest->anchor->seq
                << " anchored before it on line " << highest->number
                << ": the trail was cut between the two.\n";
      ok = false;
    }
    if (highest == nullptr || line.anchor->seq >= highest->anchor->seq) {
      highest = &line;
    }
    good.push_back(&line);
  }
  return ok;
}

}  // namespace

int runAuditVerify(const DataOptions& data, const std::string& anchor,
                   const std::filesystem::path& anchors_file) {
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
  std::vector<AnchorLine> anchor_lines;
  if (!anchors_file.empty()) {
    auto read = readAnchorsFile(anchors_file);
    if (!read) {
      return reportFailure(read.error());
    }
    anchor_lines = std::move(*read);
  }
  auto opened = openData(data);
  if (!opened) {
    return reportFailure(opened.error());
  }
  const vault::AuditKeys& keys = opened->keys->auditKeys();
  // The anchors' signatures first: a forged anchor proves nothing.
  std::vector<const AnchorLine*> anchors;
  const bool anchors_signed =
      checkAnchorLines(anchor_lines, anchors_file, keys.anchor_public_key, anchors);
  std::map<std::int64_t, std::string> mac_at;  // the trail's MAC at every anchored seq
  for (const AnchorLine* line : anchors) {
    mac_at[line->anchor->seq];
  }
  audit::ChainVerifier verifier(keys.mac->bytes());
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
      if (auto at = mac_at.find(e.seq); at != mac_at.end()) {
        at->second = e.hash;
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
  const std::int64_t head_seq = head ? head->seq : 0;
  if (anchor_seq > 0 && !hash_at_anchor) {
    std::cerr << "strada: the audit trail ends at event " << head_seq << ", before the anchor "
              << anchor_seq
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
  bool anchors_hold = anchors_signed;
  for (const AnchorLine* line : anchors) {
    const AuditAnchor& a = *line->anchor;
    if (a.seq > head_seq) {
      std::cerr << "strada: the audit trail ends at event " << head_seq << ", before event "
                << a.seq << " anchored on " << lineOf(*line, anchors_file)
                << ": events were cut off its end.\n";
      anchors_hold = false;
    } else if (mac_at[a.seq] != a.mac) {
      std::cerr << "strada: event " << a.seq << " no longer has the MAC anchored on "
                << lineOf(*line, anchors_file) << ": the trail was rewritten from there on.\n";
      anchors_hold = false;
    }
  }
  if (!anchors_hold) {
    std::cerr << "strada: the audit trail does not match its anchors. Keep a copy of the "
                 "database and of the anchors file as evidence and restore from a backup.\n";
    return 3;
  }
  std::cout << "Audit trail intact: " << verifier.count() << " events, chained under the audit key"
            << (anchor_seq > 0 ? ", including the anchored event " + std::to_string(anchor_seq)
                               : std::string())
            << (anchors_file.empty() ? std::string()
                                     : ", and it holds all " + std::to_string(anchors.size()) +
                                           " anchor(s) of " + anchors_file.string())
            << ".\n";
  if (head) {
    std::cout << "Anchor for the next check (keep it apart from this server): " << head->seq << ":"
              << head->hash << "\n";
  }
  return 0;
}

int runAuditAnchor(const DataOptions& data, const std::filesystem::path& to,
                   const std::string& label) {
  if (to.empty()) {
    std::cerr << "strada: name the anchors file with --to FILE.\n";
    return 2;
  }
  return withOpenData(data, [&](OpenedData& opened) {
    const vault::AuditKeys& keys = opened.keys->auditKeys();
    auto anchor = writeAuditAnchor(*opened.db, keys, to, label.empty() ? hostAnchorLabel() : label);
    if (!anchor) {
      return reportFailure(anchor.error());
    }
    std::cout << "Anchored event " << anchor->seq << " of the audit trail in " << to.string()
              << ".\nAnchor public key (also in " << anchorPublicKeyPath(to).string()
              << "): " << domain::toHex(keys.anchor_public_key) << "\n";
    return 0;
  });
}

int runAuditCheckAnchors(const std::filesystem::path& anchors_file,
                         const std::string& public_key_hex) {
  std::string hex = public_key_hex;
  if (hex.empty()) {
    std::ifstream in(anchorPublicKeyPath(anchors_file));
    in >> hex;
  }
  auto public_key = domain::fromHex(hex);
  if (!domain::isLowerHex(hex, 2 * crypto::kPublicKeyBytes) || !public_key) {
    std::cerr << "strada: give the anchor public key (64 hex digits, as `strada audit anchor` "
                 "printed it) with --public-key, or keep it in "
              << anchorPublicKeyPath(anchors_file).string() << ".\n";
    return 2;
  }
  auto lines = readAnchorsFile(anchors_file);
  if (!lines) {
    return reportFailure(lines.error());
  }
  std::vector<const AnchorLine*> good;
  if (!checkAnchorLines(*lines, anchors_file, *public_key, good)) {
    return 3;
  }
  std::cout << "All " << good.size() << " anchor(s) of " << anchors_file.string()
            << " are signed by " << hex << ", in seq order.\n";
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
