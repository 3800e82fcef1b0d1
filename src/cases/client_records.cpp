#include "cases/client_records.h"

#include <boost/json.hpp>

#include "crypto/crypto.h"
#include "domain/contact.h"
#include "store/async.h"
#include "store/case_repository.h"

namespace strada::cases {
namespace {

namespace json = boost::json;

json::array stringArray(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& s : items) {
    out.emplace_back(s);
  }
  return out;
}

std::vector<std::string> strings(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* v = o.if_contains(key); v != nullptr && v->is_array()) {
    for (const auto& s : v->as_array()) {
      if (s.is_string()) {
        out.emplace_back(s.as_string());
      }
    }
  }
  return out;
}

std::string text(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::string personToJson(const domain::ClientPerson& p) {
  json::array docs;
  for (const auto& d : p.id_documents) {
    docs.push_back(json::object{{"kind", d.kind}, {"number", d.number}, {"country", d.country}});
  }
  return json::serialize(json::object{{"full_name", p.full_name},
                                      {"other_names", stringArray(p.other_names)},
                                      {"birth_date", p.birth_date},
                                      {"phones", stringArray(p.phones)},
                                      {"email", p.email},
                                      {"address", p.address},
                                      {"id_documents", std::move(docs)}});
}

domain::Result<domain::ClientPerson> personFromJson(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return domain::internalError("a sealed person is not a JSON object");
  }
  const json::object& o = v.as_object();
  domain::ClientPerson p;
  p.full_name = text(o, "full_name");
  p.other_names = strings(o, "other_names");
  p.birth_date = text(o, "birth_date");
  p.phones = strings(o, "phones");
  p.email = text(o, "email");
  p.address = text(o, "address");
  if (const auto* docs = o.if_contains("id_documents"); docs != nullptr && docs->is_array()) {
    for (const auto& d : docs->as_array()) {
      if (d.is_object()) {
        const auto& doc = d.as_object();
        p.id_documents.push_back({text(doc, "kind"), text(doc, "number"), text(doc, "country")});
      }
    }
  }
  return p;
}

std::vector<store::ClientIndexEntry> personIndex(const vault::Vault& vault, std::string_view org_id,
                                                 std::string_view region,
                                                 const domain::ClientPerson& person) {
  std::vector<store::ClientIndexEntry> out;
  const auto add = [&](vault::BlindIndex purpose, const char* kind, const std::string& value) {
    if (!value.empty()) {
      out.push_back({kind, vault.blindIndex(purpose, org_id, value)});
    }
  };
  add(vault::BlindIndex::kClientName, "name", domain::normaliseName(person.full_name));
  for (const auto& other : person.other_names) {
    add(vault::BlindIndex::kClientName, "name", domain::normaliseName(other));
  }
  add(vault::BlindIndex::kClientBirthDate, "birth_date", person.birth_date);
  for (const auto& phone : person.phones) {
    add(vault::BlindIndex::kClientPhone, "phone", domain::normaliseCallerIdentifier(phone, region));
  }
  return out;
}

std::string newRecordCode(std::string_view prefix) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // 31
  const std::string bytes = crypto::randomBytes(8);
  std::string code(prefix);
  for (const char b : bytes) {
    code.push_back(kAlphabet[static_cast<unsigned char>(b) % kAlphabet.size()]);
  }
  return code;
}

domain::Status openPerson(const vault::Vault& vault, store::ClientRow& row) {
  auto key = vault.openPersonKey(row.client.id, row.wrapped_key);
  if (!key) {
    return tl::unexpected(key.error());
  }
  auto opened =
      vault.open(*key, {vault::SealedField::kClientPerson, row.client.id}, row.person_sealed);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  auto person = personFromJson(*opened);
  crypto::wipe(*opened);
  if (!person) {
    return tl::unexpected(person.error());
  }
  row.client.person = std::move(*person);
  return {};
}

domain::Error recordNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such record.", "", ""};
}

policy::CaseAccessFacts caseFacts(const domain::Case& kase, const std::string& client_created_by,
                                  bool break_glass) {
  return policy::CaseAccessFacts{kase.org_id, kase.assigned_to, kase.team, client_created_by,
                                 break_glass};
}

boost::asio::awaitable<domain::Result<LoadedClient>> loadClient(Context ctx, policy::Principal who,
                                                                std::string id) {
  const domain::UnixMillis now = ctx.clock();
  auto job = [id, who, now](soci::session& sql) -> domain::Result<LoadedClient> {
    auto row = store::findClient(sql, id);
    if (!row) {
      return tl::unexpected(row.error());
    }
    if (!row->has_value() || (*row)->client.org_id != who.org_id) {
      return tl::unexpected(recordNotFound());
    }
    LoadedClient loaded{std::move(**row), std::nullopt, {}};
    auto kase = store::findCaseOfClient(sql, who.org_id, id);
    if (!kase) {
      return tl::unexpected(kase.error());
    }
    loaded.kase = std::move(*kase);
    bool glass = false;
    if (loaded.kase) {
      auto held = store::hasBreakGlass(sql, loaded.kase->id, who.user_id, now);
      if (!held) {
        return tl::unexpected(held.error());
      }
      glass = *held;
      loaded.facts = caseFacts(*loaded.kase, loaded.row.client.created_by, glass);
    } else {
      loaded.facts =
          policy::CaseAccessFacts{who.org_id, "", {}, loaded.row.client.created_by, false};
    }
    return loaded;
  };
  co_return co_await store::awaitRead<domain::Result<LoadedClient>>(ctx.db, std::move(job));
}

}  // namespace strada::cases
