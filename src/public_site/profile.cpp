// An organisation's public hotline profile (public_site/profile.h).
#include "public_site/profile.h"

#include <algorithm>
#include <boost/json.hpp>
#include <tuple>

#include "domain/codes.h"
#include "domain/contact.h"
#include "network/identity.h"
#include "network/outbox.h"
#include "network/report_submission.h"
#include "policy/policy.h"
#include "store/network_repository.h"
#include "store/organisation_repository.h"
#include "store/public_profile_repository.h"

namespace strada::public_site {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxHotlines = 20;
constexpr std::size_t kMaxNumbers = 10;
constexpr std::size_t kMaxChannels = 20;
constexpr std::size_t kMaxLanguages = 40;

// The length in characters of UTF-8 `text`.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

bool hasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

domain::Status checkText(std::string& text, const std::string& field, std::size_t min,
                         std::size_t max) {
  text = trimmed(text);
  const std::size_t n = characters(text);
  if (n < min || n > max || hasControl(text)) {
    return domain::invalidField(
        field, min > 0 ? "Write 1 to " + std::to_string(max) + " characters on one line."
                       : "Write at most " + std::to_string(max) + " characters on one line.");
  }
  return {};
}

// A phone number as E.164, or an error naming `field`.
domain::Status checkNumber(std::string& number, const std::string& field,
                           std::string_view country) {
  const bool phone_like = !number.empty() && std::all_of(number.begin(), number.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '.' || c == '(' ||
           c == ')';
  });
  std::string e164 = phone_like ? domain::normaliseCallerIdentifier(number, country) : "";
  if (e164.size() < 4 || e164.size() > 16 || e164.front() != '+') {
    return domain::invalidField(field, "Write a phone number, e.g. +40 800 800 678.");
  }
  number = std::move(e164);
  return {};
}

}  // namespace

domain::Status checkHotlines(std::vector<Hotline>& hotlines, std::string_view country) {
  if (hotlines.size() > kMaxHotlines) {
    return domain::invalidField("hotlines", "Publish at most 20 hotlines.");
  }
  for (std::size_t i = 0; i < hotlines.size(); ++i) {
    Hotline& h = hotlines[i];
    const std::string at = "hotlines[" + std::to_string(i) + "].";
    if (auto s = checkText(h.name, at + "name", 1, 200); !s) {
      return s;
    }
    if (h.numbers.empty() || h.numbers.size() > kMaxNumbers) {
      return domain::invalidField(at + "numbers", "Give 1 to 10 numbers.");
    }
    for (std::size_t n = 0; n < h.numbers.size(); ++n) {
      if (auto s = checkNumber(h.numbers[n], at + "numbers[" + std::to_string(n) + "]", country);
          !s) {
        return s;
      }
    }
    if (auto s = checkText(h.hours, at + "hours", 0, 200); !s) {
      return s;
    }
    if (h.languages.size() > kMaxLanguages) {
      return domain::invalidField(at + "languages", "Choose at most 40 languages.");
    }
    for (std::size_t n = 0; n < h.languages.size(); ++n) {
      if (!domain::languageCodes().contains(h.languages[n])) {
        return domain::invalidField(at + "languages[" + std::to_string(n) + "]",
                                    "Choose a language of the list.");
      }
    }
    if (h.channels.size() > kMaxChannels) {
      return domain::invalidField(at + "channels", "Give at most 20 other ways.");
    }
    for (std::size_t n = 0; n < h.channels.size(); ++n) {
      HotlineChannel& c = h.channels[n];
      const std::string cat = at + "channels[" + std::to_string(n) + "].";
      if (std::find(kChannelKinds.begin(), kChannelKinds.end(), c.kind) == kChannelKinds.end()) {
        return domain::invalidField(cat + "kind", "Choose phone, chat, email or messaging.");
      }
      if (c.kind == "phone") {
        if (auto s = checkNumber(c.value, cat + "value", country); !s) {
          return s;
        }
      } else if (auto s = checkText(c.value, cat + "value", 1, 300); !s) {
        return s;
      }
    }
  }
  return {};
}

std::string hotlinesJson(const std::vector<Hotline>& hotlines) {
  json::array out;
  for (const Hotline& h : hotlines) {
    json::array channels;
    for (const HotlineChannel& c : h.channels) {
      channels.push_back(json::object{{"kind", c.kind}, {"value", c.value}});
    }
    out.push_back(json::object{{"name", h.name},
                               {"numbers", json::array(h.numbers.begin(), h.numbers.end())},
                               {"hours", h.hours},
                               {"free_of_charge", h.free_of_charge},
                               {"languages", json::array(h.languages.begin(), h.languages.end())},
                               {"channels", std::move(channels)}});
  }
  return json::serialize(out);
}

domain::Result<std::vector<Hotline>> hotlinesFromJson(std::string_view text) {
  try {
    std::vector<Hotline> out;
    const json::value parsed = json::parse(text);
    for (const json::value& v : parsed.as_array()) {
      const json::object& o = v.as_object();
      Hotline h;
      h.name = json::value_to<std::string>(o.at("name"));
      h.numbers = json::value_to<std::vector<std::string>>(o.at("numbers"));
      h.hours = json::value_to<std::string>(o.at("hours"));
      h.free_of_charge = o.at("free_of_charge").as_bool();
      h.languages = json::value_to<std::vector<std::string>>(o.at("languages"));
      for (const json::value& c : o.at("channels").as_array()) {
        h.channels.push_back(HotlineChannel{json::value_to<std::string>(c.at("kind")),
                                            json::value_to<std::string>(c.at("value"))});
      }
      out.push_back(std::move(h));
    }
    return out;
  } catch (const std::exception&) {
    return domain::fail(domain::ErrorCode::kInternal,
                        "Something went wrong on the server. Please try again.", "",
                        "public_profiles.hotlines is not the expected JSON");
  }
}

namespace {

domain::Result<PublicProfile> profileOf(const store::StoredPublicProfile& stored,
                                        const vault::Vault& vault) {
  PublicProfile out;
  auto hotlines = hotlinesFromJson(stored.hotlines);
  if (!hotlines) {
    return tl::unexpected(hotlines.error());
  }
  out.hotlines = std::move(*hotlines);
  if (auto s = vault.openInto({vault::SealedField::kOrganisationAddress, stored.org_id},
                              stored.address_sealed, out.address);
      !s) {
    return tl::unexpected(s.error());
  }
  out.address_public = stored.address_public;
  out.version = stored.version;
  out.updated_at = stored.updated_at;
  return out;
}

}  // namespace

domain::Result<PublicProfile> readPublicProfile(store::Database& db, const vault::Vault& vault,
                                                const hotline::Actor& actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kPublicProfileManage); !may) {
    return tl::unexpected(may.error());
  }
  const std::string& org = actor.principal.org_id;
  domain::Result<std::optional<store::StoredPublicProfile>> stored;
  db.read([&](soci::session& sql) { stored = store::findPublicProfile(sql, org); });
  if (!stored) {
    return tl::unexpected(stored.error());
  }
  PublicProfile out;
  if (*stored) {
    auto opened = profileOf(**stored, vault);
    if (!opened) {
      return opened;
    }
    out = std::move(*opened);
  }
  auto recorded = db.write([&](store::WriteContext& w) {
    return w.audit(actor.entry(audit::AuditAction::kPublicProfileRead, org));
  });
  if (!recorded) {
    return tl::unexpected(recorded.error());
  }
  return out;
}

domain::Result<PublicProfile> changePublicProfile(store::Database& db, const vault::Vault& vault,
                                                  const hotline::Actor& actor,
                                                  PublicProfile profile,
                                                  std::int32_t expected_version) {
  if (auto may = policy::require(actor.principal, policy::Permission::kPublicProfileManage); !may) {
    return tl::unexpected(may.error());
  }
  const std::string& org_id = actor.principal.org_id;
  domain::Result<std::optional<domain::Organisation>> org;
  db.read([&](soci::session& sql) { org = store::findOrganisationById(sql, org_id); });
  if (!org) {
    return tl::unexpected(org.error());
  }
  const std::string country = *org ? (*org)->country : std::string();
  if (auto s = checkHotlines(profile.hotlines, country); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = checkText(profile.address, "address", 0, 500); !s) {
    return tl::unexpected(s.error());
  }
  if (profile.address.empty()) {
    profile.address_public = false;
  }
  store::StoredPublicProfile stored;
  stored.org_id = org_id;
  stored.hotlines = hotlinesJson(profile.hotlines);
  stored.address_sealed =
      profile.address.empty()
          ? std::string()
          : vault.seal({vault::SealedField::kOrganisationAddress, org_id}, profile.address);
  stored.address_public = profile.address_public;
  stored.public_address = profile.address_public ? profile.address : std::string();
  stored.updated_by = actor.principal.user_id;
  const std::string object =
      "hotlines=" + std::to_string(profile.hotlines.size()) + ",address=" +
      (profile.address.empty() ? "none" : (profile.address_public ? "public" : "secret"));
  // A member of a network tells the hub (only what is public). No network identity: nothing to do.
  auto self = network::loadIdentity(db, vault);
  const bool to_hub =
      self && self->instance.role == "member" && self->instance.membership == "active";
  domain::UnixMillis written_at = 0;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto s = store::writePublicProfile(w, stored, expected_version); !s) {
      return s;
    }
    if (to_hub) {
      auto member_org = network::memberOrganisationId(w.sql(), self->instance.code);
      if (!member_org) {
        return tl::unexpected(member_org.error());
      }
      if (*member_org == org_id) {
        const std::string body = json::serialize(json::object{
            {"hotlines", json::parse(stored.hotlines)}, {"address", stored.public_address}});
        if (auto sent = network::sendMessage(w, *self, self->instance.hub_code,
                                             "public_profile.publish", body);
            !sent) {
          return sent;
        }
      }
    }
    written_at = w.now();
    return w.audit(actor.entry(audit::AuditAction::kPublicProfileUpdate, object));
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  profile.version = expected_version + 1;
  profile.updated_at = written_at;
  return profile;
}

domain::Result<std::vector<Listing>> publishedListings(store::Database& db) {
  domain::Result<std::vector<store::PublishedProfile>> rows;
  db.read([&](soci::session& sql) {
    rows = store::listPublishedProfiles(sql);
    if (!rows) {
      return;
    }
    auto members = store::listNetworkPublicProfiles(sql);
    if (!members) {
      rows = tl::unexpected(members.error());
      return;
    }
    rows->insert(rows->end(), members->begin(), members->end());
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::stable_sort(rows->begin(), rows->end(),
                   [](const store::PublishedProfile& a, const store::PublishedProfile& b) {
                     return std::tie(a.country, a.org_name) < std::tie(b.country, b.org_name);
                   });
  std::vector<Listing> out;
  for (const store::PublishedProfile& row : *rows) {
    auto hotlines = hotlinesFromJson(row.hotlines);
    if (!hotlines) {
      return tl::unexpected(hotlines.error());
    }
    if (hotlines->empty()) {
      continue;
    }
    out.push_back(
        Listing{row.org_code, row.org_name, row.country, std::move(*hotlines), row.public_address});
  }
  return out;
}

namespace {

// At the hub: public_profile.publish from an active member.
domain::Status onPublish(store::WriteContext& w, const network::Identity& self,
                         const network::Envelope& e) {
  if (self.instance.role != "hub") {
    return domain::invalidField("kind", "Only the hub keeps the members' public profiles.");
  }
  auto member = store::findNetworkMember(w.sql(), e.sender);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!*member || (*member)->status != "active" || (*member)->is_hub) {
    return domain::invalidField("sender", "Only an active member publishes a profile.");
  }
  boost::system::error_code ec;
  const json::value body = json::parse(e.body, ec);
  if (ec || !body.is_object() || !body.as_object().contains("hotlines") ||
      !body.as_object().at("hotlines").is_array() || !body.as_object().contains("address") ||
      !body.as_object().at("address").is_string()) {
    return domain::invalidField("body", "A public profile has hotlines and an address.");
  }
  auto hotlines = hotlinesFromJson(json::serialize(body.as_object().at("hotlines")));
  if (!hotlines) {
    return domain::invalidField("body", "The hotlines are not in the expected shape.");
  }
  if (auto s = checkHotlines(*hotlines, (*member)->country); !s) {
    return s;
  }
  std::string address(body.as_object().at("address").as_string());
  if (auto s = checkText(address, "address", 0, 500); !s) {
    return s;
  }
  return store::putNetworkPublicProfile(w, e.sender, hotlinesJson(*hotlines), address,
                                        e.message_id);
}

}  // namespace

void addPublicProfileHandlers(network::MessageHandlers& handlers) {
  handlers.add("public_profile.publish", onPublish);
}

}  // namespace strada::public_site
