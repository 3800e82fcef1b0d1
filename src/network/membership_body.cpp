#include "network/membership_body.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/codes.h"

namespace strada::network::detail {
namespace {

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxUrlBytes = 500;

}  // namespace

domain::Status validateDetails(const InstanceDetails& d) {
  if (!isMemberCode(d.code)) {
    return domain::invalidField("code", "Use 1 to 32 letters, digits, - or _ for the code.");
  }
  if (d.name.empty() || d.name.size() > kMaxNameBytes) {
    return domain::invalidField("name", "Give a name of 1 to 200 characters.");
  }
  if (!domain::countryCodes().contains(d.country)) {
    return domain::invalidField("country", "Use an ISO 3166-1 country code, such as NL.");
  }
  const bool web = d.url.rfind("http://", 0) == 0 || d.url.rfind("https://", 0) == 0;
  if (!web || d.url.size() > kMaxUrlBytes || d.url.back() == '/') {
    return domain::invalidField("url",
                                "Give the address this instance is reached at, such as "
                                "https://strada.example.org (no / at the end).");
  }
  return {};
}

json::object keysJson(const std::string& key_id, const std::string& signing_public,
                      const std::string& box_public) {
  return {{"key_id", key_id},
          {"signing_public", crypto::toBase64Url(signing_public)},
          {"box_public", crypto::toBase64Url(box_public)}};
}

json::object memberJson(const store::NetworkMember& m, const store::PeerKey& key) {
  json::object o = keysJson(m.key_id, key.signing_public, key.box_public);
  o["code"] = m.code;
  o["name"] = m.name;
  o["country"] = m.country;
  o["url"] = m.url;
  return o;
}

domain::Result<PublicKeys> keysFrom(const json::object& o) {
  const auto text = [&](const char* key) -> std::string {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto signing = crypto::fromBase64Url(text("signing_public"));
  auto box = crypto::fromBase64Url(text("box_public"));
  if (!signing || !box || signing->size() != crypto::kPublicKeyBytes ||
      box->size() != crypto::kPublicKeyBytes || keyIdOf(*signing) != text("key_id")) {
    return domain::invalidField("body", "The public keys are malformed.");
  }
  return PublicKeys{text("key_id"), std::move(*signing), std::move(*box)};
}

std::string stringIn(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

domain::Result<json::object> bodyOf(const Envelope& e) {
  boost::system::error_code ec;
  auto value = json::parse(e.body, ec);
  if (ec || !value.is_object()) {
    return domain::invalidField("body", "The body is not a JSON object.");
  }
  return std::move(value.as_object());
}

// The body of network.member_approved: the hub's keys and every active member's.
domain::Result<std::string> memberListBody(soci::session& sql, const Identity& self) {
  auto members = store::listNetworkMembers(sql);
  if (!members) {
    return tl::unexpected(members.error());
  }
  json::array list;
  for (const auto& m : *members) {
    if (m.status != "active") {
      continue;
    }
    auto key = store::findPeerKey(sql, m.key_id);
    if (!key || !key->has_value()) {
      return domain::internalError("an active member has no key");
    }
    list.push_back(memberJson(m, **key));
  }
  json::object hub = keysJson(self.key_id, self.signing_public, self.box_public);
  hub["code"] = self.instance.code;
  hub["name"] = self.instance.name;
  hub["country"] = self.instance.country;
  hub["url"] = self.instance.url;
  return json::serialize(json::object{{"hub", std::move(hub)}, {"members", std::move(list)}});
}

// Records an instance the hub told us of, and its key (active).
domain::Status rememberInstance(store::WriteContext& w, const json::object& o, bool is_hub) {
  auto keys = keysFrom(o);
  if (!keys) {
    return tl::unexpected(keys.error());
  }
  store::NetworkMember m;
  m.code = stringIn(o, "code");
  if (!isMemberCode(m.code)) {
    return domain::invalidField("body", "A member code is malformed.");
  }
  m.name = stringIn(o, "name");
  m.country = stringIn(o, "country");
  m.url = stringIn(o, "url");
  m.key_id = keys->key_id;
  m.status = "active";
  m.is_hub = is_hub;
  m.joined_at = w.now();
  m.approved_at = w.now();
  if (auto put = store::putNetworkMember(w, m); !put) {
    return put;
  }
  return store::putPeerKey(w, store::PeerKey{keys->key_id, m.code, keys->signing_public,
                                             keys->box_public, "active", w.now()});
}

}  // namespace strada::network::detail
