#include "cases/case_import.h"

#include <map>
#include <string>
#include <utility>

#include "cases/case_entry_steps.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "hotline/contact_records.h"
#include "store/async.h"
#include "store/client_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;

// One imported case made ready for the store: sealed, indexed, with its rows.
struct CaseRows {
  store::ClientRow client;
  std::vector<store::ClientIndexEntry> index;
  domain::Case opened;  // as created: intake, version 1
  domain::Case now;     // as it stands
  std::vector<store::CaseHistoryEntry> moves;
  std::vector<store::ConsentRow> consents;
  std::vector<store::ServiceRow> services;
  std::vector<store::NoteRow> notes;
};

domain::Status validated(const ImportedCase& c, domain::UnixMillis now) {
  if (auto ok = domain::validateClientPerson(c.client.person, now); !ok) {
    return ok;
  }
  if (auto ok = domain::validateClientCoded(c.client.coded, now); !ok) {
    return ok;
  }
  if (auto ok = domain::validateCaseReferral(c.kase.referral, now); !ok) {
    return ok;
  }
  if (!domain::isCaseStatus(c.kase.status)) {
    return domain::invalidField("status", "Give a case status from the list.");
  }
  for (const auto& e : c.consents) {
    if (auto ok = Consents::kKind.validate(e.input, now); !ok) {
      return ok;
    }
  }
  for (const auto& e : c.services) {
    if (auto ok = Services::kKind.validate(e.input, now); !ok) {
      return ok;
    }
  }
  for (const auto& n : c.notes) {
    if (n.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      return domain::invalidField("text", "Write the note in 1 to 20000 characters.");
    }
  }
  return {};
}

// The person and the notes sealed under a new key of the person; the index read in `region`.
CaseRows sealed(const vault::Vault& vault, ImportedCase c, const std::string& region) {
  CaseRows out;
  domain::Client& client = c.client;
  client.client_code = newRecordCode("CL-");
  client.updated_by = client.created_by;
  client.updated_at = client.created_at;
  client.version = 1;
  auto key = vault.createPersonKey(client.id);
  out.client.wrapped_key = key.wrapped;
  out.client.person_sealed = vault.seal(key.key, {vault::SealedField::kClientPerson, client.id},
                                        personToJson(client.person));
  out.index = personIndex(vault, client.org_id, region, client.person);
  for (auto& n : c.notes) {
    store::NoteRow row{crypto::newId(), c.kase.id, std::move(n.author), n.at, ""};
    row.text_sealed = vault.seal(key.key, {vault::SealedField::kCaseNote, row.id}, n.text);
    out.notes.push_back(std::move(row));
  }
  domain::Case& k = c.kase;
  k.org_id = client.org_id;
  k.client_id = client.id;
  k.case_code = newRecordCode("CS-");
  for (auto& e : c.consents) {
    out.consents.push_back(
        Consents::kKind.row(std::move(e.input), crypto::newId(), k.id, std::move(e.by), e.at));
  }
  for (auto& e : c.services) {
    out.services.push_back(
        Services::kKind.row(std::move(e.input), crypto::newId(), k.id, std::move(e.by), e.at));
  }
  for (auto& m : c.moves) {
    m.id = crypto::newId();
    m.case_id = k.id;
  }
  out.moves = std::move(c.moves);
  out.opened = k;
  out.opened.status = std::string(domain::kCaseIntake);
  out.opened.closure.reset();
  out.opened.reflection_start.clear();
  out.opened.reflection_end.clear();
  out.opened.updated_at = k.created_at;
  out.opened.version = 1;
  out.now = std::move(k);
  client.person = {};
  out.client.client = std::move(client);
  return out;
}

template <class Row>
domain::Status insertEach(store::WriteContext& w, const std::vector<Row>& rows,
                          domain::Status (*insert)(store::WriteContext&, const Row&)) {
  for (const auto& row : rows) {
    if (auto s = insert(w, row); !s) {
      return s;
    }
  }
  return {};
}

domain::Status insertCaseRows(store::WriteContext& w, const CaseRows& r) {
  const domain::Client& c = r.client.client;
  if (auto s = store::insertClient(w, r.client, r.index); !s) {
    return s;
  }
  if (auto s = w.audit({c.created_by, c.org_id, audit::AuditAction::kClientCreate, c.id, ""}); !s) {
    return s;
  }
  if (auto s = store::insertCase(w, r.opened, {}); !s) {
    return s;
  }
  if (auto s = w.audit(
          {r.opened.created_by, c.org_id, audit::AuditAction::kCaseCreate, r.opened.id, ""});
      !s) {
    return s;
  }
  if (auto s = insertEach(w, r.moves, store::insertCaseHistory); !s) {
    return s;
  }
  if (!r.moves.empty()) {
    if (auto s = store::updateCase(w, r.now, 1); !s) {
      return s;
    }
  }
  if (auto s = insertEach(w, r.consents, store::insertConsent); !s) {
    return s;
  }
  if (auto s = insertEach(w, r.services, store::insertService); !s) {
    return s;
  }
  return insertEach(w, r.notes, store::insertNote);
}

}  // namespace

awaitable<domain::Status> importCases(Context ctx, std::vector<ImportedCase> cases) {
  const domain::UnixMillis now = ctx.clock();
  std::map<std::string, std::string> region_of;  // organisation id -> country, read once each
  std::vector<CaseRows> rows;
  rows.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    if (auto valid = validated(cases[i], now); !valid) {
      domain::Error e = valid.error();
      e.detail = "imported case " + std::to_string(i);
      co_return tl::unexpected(std::move(e));
    }
    const std::string& org = cases[i].client.org_id;
    auto known = region_of.find(org);
    if (known == region_of.end()) {
      auto region = co_await hotline::organisationCountry(ctx, org);
      if (!region) {
        co_return tl::unexpected(region.error());
      }
      known = region_of.emplace(org, std::move(*region)).first;
    }
    rows.push_back(sealed(ctx.vault, std::move(cases[i]), known->second));
  }
  store::WriteJob insert = [rows = std::move(rows)](store::WriteContext& w) {
    for (const auto& r : rows) {
      if (auto s = insertCaseRows(w, r); !s) {
        return s;
      }
    }
    return domain::Status{};
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(insert));
}

}  // namespace strada::cases
