// Referrals between members (referrals.h): the use cases, the handlers of the "referral.*"
// messages and the deadline sweep.
#include "network/referrals.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "cases/case_entries.h"
#include "cases/case_records.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "cases/share_consent.h"
#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"
#include "network/outbox.h"
#include "observe/log.h"
#include "store/case_entry_repository.h"
#include "store/case_repository.h"
#include "store/network_repository.h"

namespace strada::network {

namespace json = boost::json;
using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;
using hotline::Actor;
using hotline::Context;

namespace {

constexpr domain::UnixMillis kHour = 60LL * 60 * 1000;
constexpr std::size_t kMaxNoteChars = 2000;
constexpr std::size_t kMaxReasonChars = 1000;
constexpr int kMaxListed = 500;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

std::string stringOf(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

domain::Error notFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such referral.", "id", ""};
}

// ---- sealing --------------------------------------------------------------------------------

// {"referral_id", "key_id", "sealed"}: `inner` sealed to `receiver`'s current box key.
Result<std::string> sealedBody(soci::session& sql, const std::string& receiver,
                               const std::string& referral_id, const json::object& inner) {
  auto member = store::findNetworkMember(sql, receiver);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!member->has_value() || (*member)->status != "active" || (*member)->is_hub) {
    return domain::invalidField("receiver", "No active member of the network has this code.");
  }
  auto key = store::findPeerKey(sql, (*member)->key_id);
  if (!key) {
    return tl::unexpected(key.error());
  }
  if (!key->has_value() || (*key)->status != "active") {
    return domain::invalidField("receiver", "This member has no key to seal a referral to.");
  }
  auto sealed = crypto::sealTo((*key)->box_public, json::serialize(inner));
  if (!sealed) {
    return tl::unexpected(sealed.error());
  }
  return json::serialize(json::object{{"referral_id", referral_id},
                                      {"key_id", (*key)->key_id},
                                      {"sealed", crypto::toBase64Url(*sealed)}});
}

// The sealed box of a referral message body and the key it names.
struct SealedPart {
  std::string referral_id, key_id, sealed;
};

Result<SealedPart> sealedPartOf(const Envelope& e) {
  json::value body;
  try {
    body = json::parse(e.body);
  } catch (const std::exception&) {
    return domain::invalidField("body", "A referral message is a JSON object.");
  }
  if (!body.is_object()) {
    return domain::invalidField("body", "A referral message is a JSON object.");
  }
  SealedPart part{stringOf(body.get_object(), "referral_id"), stringOf(body.get_object(), "key_id"),
                  ""};
  auto sealed = crypto::fromBase64Url(stringOf(body.get_object(), "sealed"));
  if (!domain::isIdShaped(part.referral_id) || !sealed) {
    return domain::invalidField("body", "A referral message names its referral and seals a box.");
  }
  part.sealed = std::move(*sealed);
  return part;
}

// Opens `sealed` with this instance's box key `key_id` (the current one when it is `self`'s);
// the JSON object inside. Unauthenticated when it does not open or is not an object.
Result<json::object> openBox(soci::session& sql, const vault::Vault& vault, const Identity& self,
                             const std::string& key_id, const std::string& sealed) {
  domain::Result<std::string> plain = domain::internalError("not opened");
  if (key_id == self.key_id) {
    plain = crypto::openSealed(self.box_public, self.box_secret, sealed);
  } else {
    auto older = loadIdentity(sql, vault, key_id);
    if (!older) {
      return domain::fail(domain::ErrorCode::kUnauthenticated, "The packet does not open.",
                          "packet", "unknown box key");
    }
    plain = crypto::openSealed(older->box_public, older->box_secret, sealed);
  }
  if (!plain) {
    return domain::fail(domain::ErrorCode::kUnauthenticated, "The packet does not open.", "packet",
                        "sealed box does not open");
  }
  try {
    json::value v = json::parse(*plain);
    crypto::wipe(*plain);
    if (v.is_object()) {
      return std::move(v.get_object());
    }
  } catch (const std::exception&) {
    crypto::wipe(*plain);
  }
  return domain::fail(domain::ErrorCode::kUnauthenticated, "The packet does not open.", "packet",
                      "not a JSON object");
}

// ---- rows, events, timeline -----------------------------------------------------------------

store::NetworkReferralEvent eventOf(const vault::Vault& vault, const std::string& referral_id,
                                    std::string kind, domain::UnixMillis at, std::string by_user,
                                    std::string by_member, const std::string& note) {
  store::NetworkReferralEvent e{
      crypto::newId(),      referral_id, std::move(kind), at, std::move(by_user),
      std::move(by_member), ""};
  if (!note.empty()) {
    e.note_sealed = vault.seal({vault::SealedField::kNetworkReferralText, e.id}, note);
  }
  return e;
}

// A timeline entry on `case_id` (kind network_referral_*, summary a code: never personal data).
domain::Status onTimeline(store::WriteContext& w, const std::string& case_id,
                          const std::string& kind, const std::string& by,
                          const std::string& summary) {
  if (case_id.empty()) {
    return {};
  }
  auto kase = store::findCase(w.sql(), case_id);
  if (!kase) {
    return tl::unexpected(kase.error());
  }
  if (!kase->has_value()) {
    return {};  // the case is gone (erased): the referral's own history keeps it
  }
  const std::string status = (*kase)->status;
  return store::insertCaseHistory(w, store::CaseHistoryEntry{crypto::newId(), case_id, status,
                                                             status, kind, w.now(), by, summary});
}

audit::AuditEntry systemEntry(AuditAction action, const std::string& id) {
  return audit::AuditEntry{"", "", action, id, ""};
}

// Reads the referral `id` in a write job (the writes are serialised: what it checks holds).
Result<store::NetworkReferralRow> referralIn(store::WriteContext& w, const std::string& id,
                                             const std::string& direction) {
  auto row = store::findNetworkReferral(w.sql(), id);
  if (!row) {
    return tl::unexpected(row.error());
  }
  if (!row->has_value() || (*row)->direction != direction) {
    return tl::unexpected(notFound());
  }
  return std::move(**row);
}

// Whether organisation `org_id` may see `row`: a referral of its own, or an incoming one no
// organisation of this instance has taken on yet.
bool visibleTo(const store::NetworkReferralRow& row, const std::string& org_id) {
  return row.org_id == org_id || (row.direction == "incoming" && row.org_id.empty());
}

domain::Error wrongStatus(const std::string& message) {
  return domain::Error{domain::ErrorCode::kConflict, message, "status", ""};
}

// ---- views ----------------------------------------------------------------------------------

struct ReadBack {
  store::NetworkReferralRow row;
  std::vector<store::NetworkReferralEvent> events;
  std::map<std::string, std::string> names;
  std::optional<store::NetworkMember> peer;
};

Result<ReadBack> readBack(soci::session& sql, const std::string& id, const std::string& org_id) {
  auto row = store::findNetworkReferral(sql, id);
  if (!row) {
    return tl::unexpected(row.error());
  }
  if (!row->has_value() || !visibleTo(**row, org_id)) {
    return tl::unexpected(notFound());
  }
  auto events = store::listNetworkReferralEvents(sql, id);
  auto names = cases::userNames(sql, org_id);
  auto peer = store::findNetworkMember(sql, (*row)->peer_code);
  if (!events || !names || !peer) {
    return tl::unexpected(!events ? events.error() : !names ? names.error() : peer.error());
  }
  return ReadBack{std::move(**row), std::move(*events), std::move(*names), std::move(*peer)};
}

ReferralView coded(store::NetworkReferralRow row, const std::optional<store::NetworkMember>& peer,
                   domain::UnixMillis now) {
  ReferralView v;
  v.overdue =
      row.status == (row.direction == "incoming" ? "received" : "sent") && now > row.answer_by;
  row.packet_sealed.clear();
  v.row = std::move(row);
  if (peer) {
    v.peer_name = peer->name;
    v.peer_country = peer->country;
  }
  return v;
}

Result<ReferralView> fullView(const vault::Vault& vault, ReadBack read, domain::UnixMillis now) {
  ReferralView v = coded(read.row, read.peer, now);
  for (auto& e : read.events) {
    ReferralEventView ev;
    if (!e.note_sealed.empty()) {
      auto note = vault.open({vault::SealedField::kNetworkReferralText, e.id}, e.note_sealed);
      if (!note) {
        return tl::unexpected(note.error());
      }
      ev.note = std::move(*note);
    }
    e.note_sealed.clear();
    if (auto it = read.names.find(e.by_user); it != read.names.end()) {
      ev.by_name = it->second;
    }
    ev.event = std::move(e);
    v.events.push_back(std::move(ev));
  }
  return v;
}

// The referral `id` with its events (and, with `open_packet`, an incoming packet opened).
awaitable<Result<ReferralView>> viewOf(Context ctx, std::string id, std::string org_id,
                                       bool open_packet) {
  const vault::Vault* vault = &ctx.vault;
  auto job = [id, org_id, vault, open_packet](soci::session& sql) -> Result<ReferralView> {
    auto read = readBack(sql, id, org_id);
    if (!read) {
      return tl::unexpected(read.error());
    }
    const std::string sealed = read->row.packet_sealed;
    const std::string key_id = read->row.box_key_id;
    auto view = fullView(*vault, std::move(*read), domain::nowMillis());
    if (!view || !open_packet || sealed.empty()) {
      return view;
    }
    auto self = loadIdentity(sql, *vault);
    if (!self) {
      return tl::unexpected(self.error());
    }
    auto packet = openBox(sql, *vault, *self, key_id, sealed);
    if (!packet) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "This referral's packet cannot be opened: it was altered or sealed to "
                          "another key. Ask the sending member to send it again.",
                          "packet", "sealed box does not open");
    }
    view->packet = std::move(*packet);
    view->packet_opened = true;
    return view;
  };
  co_return co_await store::awaitRead<Result<ReferralView>>(ctx.db, std::move(job));
}

// ---- validation -----------------------------------------------------------------------------

domain::Status checkCodes(const std::vector<std::string>& codes, const char* list,
                          const char* field, const char* message) {
  if (codes.empty()) {
    return domain::invalidField(field, message);
  }
  std::set<std::string> seen;
  for (const auto& c : codes) {
    if (!cases::inCodeList(list, c) || !seen.insert(c).second) {
      return domain::invalidField(field, message);
    }
  }
  return {};
}

Result<domain::UnixMillis> validateInput(ReferralInput& in, domain::UnixMillis now) {
  if (!isMemberCode(in.receiver)) {
    return domain::invalidField("receiver", "Choose the member of the network to refer to.");
  }
  if (auto ok = checkCodes(in.services, "referral_service", "services",
                           "Choose at least one service the person needs, each once.");
      !ok) {
    return tl::unexpected(ok.error());
  }
  if (!cases::inCodeList("referral_urgency", in.urgency)) {
    return domain::invalidField("urgency", "Choose the urgency: routine, urgent or emergency.");
  }
  domain::UnixMillis answer_by = now + defaultAnswerWindow(in.urgency);
  if (!in.answer_by.empty()) {
    auto parsed = domain::parseRfc3339(in.answer_by, "answer_by");
    if (!parsed) {
      return tl::unexpected(parsed.error());
    }
    if (*parsed <= now) {
      return domain::invalidField("answer_by",
                                  "The deadline for the answer must be in the future.");
    }
    answer_by = *parsed;
  }
  std::set<std::string> seen;
  for (const auto& f : in.fields) {
    const bool known = std::any_of(std::begin(kReferralFieldNames), std::end(kReferralFieldNames),
                                   [&f](const char* name) { return f == name; });
    if (!known || !seen.insert(f).second) {
      return domain::invalidField("fields",
                                  "Choose the fields that travel from the list, each once.");
    }
  }
  const bool location = seen.count("location") > 0;
  const bool needs = seen.count("needs_summary") > 0;
  if (location ? !cases::isTextWithin(in.location, 500) : !in.location.empty()) {
    return domain::invalidField("location",
                                "Write the person's current location (1 to 500 characters) when "
                                "the location travels, and only then.");
  }
  if (needs ? !cases::isTextWithin(in.needs_summary, kMaxNoteChars) : !in.needs_summary.empty()) {
    return domain::invalidField("needs_summary",
                                "Summarise what the person needs (1 to 2000 characters) when the "
                                "summary travels, and only then.");
  }
  if (!in.note.empty() && !cases::isTextWithin(in.note, kMaxNoteChars)) {
    return domain::invalidField("note", "Write the note in at most 2000 characters.");
  }
  if (!in.partner_name.empty() || !in.partner_country.empty()) {
    if (!cases::isTextWithin(in.partner_name, 200)) {
      return domain::invalidField("partner.name",
                                  "Name the receiving member's partner (1 to 200 characters), or "
                                  "leave the partner out.");
    }
    if (!cases::inCodeList("country", in.partner_country)) {
      return domain::invalidField("partner.country", "Choose the partner's country from the list.");
    }
  }
  return answer_by;
}

json::array arrayOf(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) {
    a.emplace_back(s);
  }
  return a;
}

// The chosen fields of the person, read from the opened client.
json::object chosenFields(const ReferralInput& in, const domain::Client& client) {
  json::object f;
  const auto& p = client.person;
  const auto& c = client.coded;
  for (const auto& name : in.fields) {
    if (name == "full_name") {
      f[name] = p.full_name;
    } else if (name == "birth_date") {
      f[name] = p.birth_date;
    } else if (name == "age_band") {
      f[name] = c.age_band;
    } else if (name == "gender") {
      f[name] = c.gender;
    } else if (name == "citizenships") {
      f[name] = arrayOf(c.citizenships);
    } else if (name == "languages") {
      f[name] = arrayOf(c.primary_language.empty() ? std::vector<std::string>{}
                                                   : std::vector<std::string>{c.primary_language});
    } else if (name == "phone") {
      f[name] = p.phones.empty() ? std::string() : p.phones.front();
    } else if (name == "exploitation_types") {
      f[name] = arrayOf(c.exploitation_types);
    } else if (name == "location") {
      f[name] = in.location;
    } else if (name == "needs_summary") {
      f[name] = in.needs_summary;
    }
  }
  return f;
}

// What the actor needs for every referral use case.
domain::Status mayWork(const Actor& actor) {
  return policy::require(actor.principal, policy::Permission::kNetworkReferralsWork);
}

awaitable<Result<Identity>> readIdentity(Context ctx) {
  const vault::Vault* vault = &ctx.vault;
  auto job = [vault](soci::session& sql) { return loadIdentity(sql, *vault); };
  co_return co_await store::awaitRead<Result<Identity>>(ctx.db, std::move(job));
}

// Runs `change(w, self, row)` on the referral `id` of `direction` in one write job with the audit
// event `action`; then answers the referral as changed.
template <class Change>
ReferralAnswer changeReferral(Context ctx, Actor actor, std::string id, std::string direction,
                              AuditAction action, Change change) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(notFound());
  }
  auto self = co_await readIdentity(ctx);
  if (!self) {
    co_return tl::unexpected(self.error());
  }
  auto shared = std::make_shared<Identity>(std::move(*self));
  auto job = [shared, id, direction, org_id = actor.principal.org_id,
              change = std::move(change)](store::WriteContext& w) {
    auto row = referralIn(w, id, direction);
    if (!row) {
      return domain::Status(tl::unexpected(row.error()));
    }
    if (!visibleTo(*row, org_id)) {
      return domain::Status(tl::unexpected(notFound()));
    }
    const std::int32_t expected = row->version;
    if (auto done = change(w, *shared, *row); !done) {
      return done;
    }
    return store::updateNetworkReferral(w, *row, expected);
  };
  auto entry = actor.entry(action, id);
  if (auto s = co_await hotline::writeAudited(ctx, std::move(job), std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  std::string org_id = actor.principal.org_id;
  co_return co_await viewOf(ctx, std::move(id), std::move(org_id), false);
}

// ---- handlers -------------------------------------------------------------------------------

// A referral message from an active member to this member; its sealed part opened. Nothing (and
// no error: a message about no referral of ours is recorded in the inbox and left) when it names
// no referral of `direction` with the sender as peer.
struct Opened {
  store::NetworkReferralRow row;
  json::object inner;
};

Result<std::optional<Opened>> openedMessage(store::WriteContext& w, const vault::Vault& vault,
                                            const Identity& self, const Envelope& e,
                                            const std::string& direction) {
  auto part = sealedPartOf(e);
  if (!part) {
    return tl::unexpected(part.error());
  }
  auto row = store::findNetworkReferral(w.sql(), part->referral_id);
  if (!row) {
    return tl::unexpected(row.error());
  }
  if (!row->has_value() || (*row)->direction != direction || (*row)->peer_code != e.sender) {
    observe::logWarn("referral message about no referral of ours", {{"kind", e.kind}});
    return std::nullopt;
  }
  auto inner = openBox(w.sql(), vault, self, part->key_id, part->sealed);
  if (!inner) {
    observe::logWarn("referral message does not open", {{"kind", e.kind}});
    return std::nullopt;
  }
  return Opened{std::move(**row), std::move(*inner)};
}

domain::Status onOffer(store::WriteContext& w, const vault::Vault& vault, const Identity& self,
                       const Envelope& e) {
  if (self.instance.role != "member") {
    return domain::invalidField("kind", "Only a member receives referrals.");
  }
  auto part = sealedPartOf(e);
  if (!part) {
    return tl::unexpected(part.error());
  }
  auto existing = store::findNetworkReferral(w.sql(), part->referral_id);
  if (!existing) {
    return tl::unexpected(existing.error());
  }
  if (existing->has_value()) {
    return {};  // received before under another message id
  }
  store::NetworkReferralRow row;
  row.id = part->referral_id;
  row.direction = "incoming";
  row.peer_code = e.sender;
  row.status = "received";
  row.packet_sealed = part->sealed;
  row.box_key_id = part->key_id;
  row.created_at = w.now();
  auto inner = openBox(w.sql(), vault, self, part->key_id, part->sealed);
  bool readable = inner.has_value() && stringOf(*inner, "referral_id") == row.id;
  if (readable) {
    std::vector<std::string> services;
    if (const auto* s = inner->if_contains("services"); s != nullptr && s->is_array()) {
      for (const auto& v : s->get_array()) {
        services.push_back(v.is_string() ? std::string(v.get_string()) : std::string());
      }
    }
    const std::string urgency = stringOf(*inner, "urgency");
    const auto* by = inner->if_contains("answer_by");
    readable = checkCodes(services, "referral_service", "services", "").has_value() &&
               cases::inCodeList("referral_urgency", urgency) && by != nullptr && by->is_int64();
    if (readable) {
      row.services = joined(services);
      row.urgency = urgency;
      row.answer_by = by->get_int64();
      std::vector<std::string> names;
      if (const auto* f = inner->if_contains("fields"); f != nullptr && f->is_object()) {
        for (const auto& kv : f->get_object()) {
          names.emplace_back(kv.key());
        }
      }
      row.fields = joined(names);
    }
  }
  if (!readable) {
    row.status = "unreadable";
    observe::logWarn("referral packet does not open", {{"sender", e.sender}});
  }
  if (auto s = store::insertNetworkReferral(w, row); !s) {
    return s;
  }
  auto received =
      eventOf(vault, row.id, readable ? "received" : "unreadable", w.now(), "", e.sender, "");
  if (auto s = store::insertNetworkReferralEvent(w, received); !s) {
    return s;
  }
  if (!readable) {  // the sender is told, so that it can send again
    json::object answer{{"referral_id", row.id},
                        {"decision", "declined"},
                        {"reason", "The packet could not be opened by the receiving member."}};
    auto body = sealedBody(w.sql(), e.sender, row.id, answer);
    if (body) {
      if (auto sent = sendMessage(w, self, e.sender, "referral.answer", *body); !sent) {
        return sent;
      }
    }
  }
  return w.audit(systemEntry(AuditAction::kNetworkReferralReceive, row.id));
}

domain::Status onAnswer(store::WriteContext& w, const vault::Vault& vault, const Identity& self,
                        const Envelope& e) {
  auto opened = openedMessage(w, vault, self, e, "outgoing");
  if (!opened || !opened->has_value()) {
    return opened ? domain::Status{} : domain::Status(tl::unexpected(opened.error()));
  }
  auto& [row, inner] = **opened;
  const std::string decision = stringOf(inner, "decision");
  if ((decision != "accepted" && decision != "declined") || row.status != "sent") {
    return {};
  }
  const std::int32_t expected = row.version;
  row.status = decision;
  row.answered_at = w.now();
  auto event = eventOf(vault, row.id, decision, w.now(), "", e.sender, stringOf(inner, "reason"));
  if (auto s = store::insertNetworkReferralEvent(w, event); !s) {
    return s;
  }
  if (auto s = onTimeline(w, row.case_id, "network_referral_" + decision, "", e.sender); !s) {
    return s;
  }
  if (auto s = store::updateNetworkReferral(w, row, expected); !s) {
    return s;
  }
  return w.audit(systemEntry(AuditAction::kNetworkReferralUpdate, row.id));
}

domain::Status onFeedback(store::WriteContext& w, const vault::Vault& vault, const Identity& self,
                          const Envelope& e) {
  auto opened = openedMessage(w, vault, self, e, "outgoing");
  if (!opened || !opened->has_value()) {
    return opened ? domain::Status{} : domain::Status(tl::unexpected(opened.error()));
  }
  auto& [row, inner] = **opened;
  const std::string kind = stringOf(inner, "kind");
  if (!cases::inCodeList("referral_feedback", kind)) {
    return {};
  }
  const std::int32_t expected = row.version;
  row.last_feedback = kind;
  auto event = eventOf(vault, row.id, kind, w.now(), "", e.sender, stringOf(inner, "note"));
  if (auto s = store::insertNetworkReferralEvent(w, event); !s) {
    return s;
  }
  if (auto s = onTimeline(w, row.case_id, "network_referral_feedback", "", kind); !s) {
    return s;
  }
  if (auto s = store::updateNetworkReferral(w, row, expected); !s) {
    return s;
  }
  return w.audit(systemEntry(AuditAction::kNetworkReferralUpdate, row.id));
}

// A reminder or a withdrawal of consent, at the receiver.
domain::Status onSenderNotice(store::WriteContext& w, const vault::Vault& vault,
                              const Identity& self, const Envelope& e) {
  auto opened = openedMessage(w, vault, self, e, "incoming");
  if (!opened || !opened->has_value()) {
    return opened ? domain::Status{} : domain::Status(tl::unexpected(opened.error()));
  }
  auto& row = (*opened)->row;
  const std::int32_t expected = row.version;
  const bool withdrawal = e.kind == "referral.consent_withdrawn";
  if (withdrawal) {
    if (row.consent_withdrawn_at > 0) {
      return {};
    }
    row.consent_withdrawn_at = w.now();
    if (auto s = onTimeline(w, row.case_id, "network_referral_consent_withdrawn", "", e.sender);
        !s) {
      return s;
    }
  } else {
    row.reminded_at = w.now();
  }
  auto event = eventOf(vault, row.id, withdrawal ? "consent_withdrawn" : "reminder", w.now(), "",
                       e.sender, "");
  if (auto s = store::insertNetworkReferralEvent(w, event); !s) {
    return s;
  }
  if (auto s = store::updateNetworkReferral(w, row, expected); !s) {
    return s;
  }
  return w.audit(systemEntry(AuditAction::kNetworkReferralUpdate, row.id));
}

// At the hub: a member's escalation (metadata only, never sealed).
domain::Status onEscalated(store::WriteContext& w, const Identity& self, const Envelope& e) {
  if (self.instance.role != "hub") {
    return domain::invalidField("kind", "Only the hub receives escalations.");
  }
  json::value body;
  try {
    body = json::parse(e.body);
  } catch (const std::exception&) {
    return domain::invalidField("body", "An escalation is a JSON object.");
  }
  if (!body.is_object()) {
    return domain::invalidField("body", "An escalation is a JSON object.");
  }
  const auto& o = body.get_object();
  const auto* by = o.if_contains("answer_by");
  store::ReferralEscalation row{stringOf(o, "referral_id"), e.sender, stringOf(o, "receiver"),
                                by != nullptr && by->is_int64() ? by->get_int64() : 0, w.now()};
  if (!domain::isIdShaped(row.referral_id) || !isMemberCode(row.receiver_code)) {
    return domain::invalidField("body", "An escalation names a referral and its receiver.");
  }
  if (auto s = store::insertReferralEscalation(w, row); !s) {
    return s;
  }
  return w.audit(systemEntry(AuditAction::kNetworkReferralEscalate, row.referral_id));
}

// Sends `inner` sealed to the referral's peer as `kind`.
domain::Status sendSealed(store::WriteContext& w, const Identity& self,
                          const store::NetworkReferralRow& row, const std::string& kind,
                          json::object inner) {
  inner["referral_id"] = row.id;
  auto body = sealedBody(w.sql(), row.peer_code, row.id, inner);
  if (!body) {
    return tl::unexpected(body.error());
  }
  return sendMessage(w, self, row.peer_code, kind, *body);
}

// The sender's side of a withdrawal of consent (the use case and the sweep).
domain::Status tellConsentWithdrawn(store::WriteContext& w, const Identity& self,
                                    store::NetworkReferralRow& row, const std::string& by) {
  row.consent_withdrawn_at = w.now();
  if (auto s = sendSealed(w, self, row, "referral.consent_withdrawn", json::object{}); !s) {
    return s;
  }
  store::NetworkReferralEvent event{
      crypto::newId(), row.id, "consent_withdrawn", w.now(), by, "", ""};
  if (auto s = store::insertNetworkReferralEvent(w, event); !s) {
    return s;
  }
  return onTimeline(w, row.case_id, "network_referral_consent_withdrawn", by, row.peer_code);
}

bool isOpen(const store::NetworkReferralRow& row) {
  return row.status == "sent" || row.status == "accepted";
}

}  // namespace

domain::UnixMillis defaultAnswerWindow(const std::string& urgency) {
  if (urgency == "emergency") {
    return kHour * 4;
  }
  if (urgency == "urgent") {
    return kHour * 24;
  }
  return kHour * 24 * 7;
}

ReferralAnswer sendReferral(Context ctx, Actor actor, ReferralInput input) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  std::string case_id = input.case_id;
  auto loaded = co_await cases::allowedCase(ctx, actor, std::move(case_id),
                                            policy::Permission::kCaseUpdate, cases::CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  auto answer_by = validateInput(input, now);
  if (!answer_by) {
    co_return tl::unexpected(answer_by.error());
  }
  auto self = co_await readIdentity(ctx);
  if (!self) {
    co_return tl::unexpected(self.error());
  }
  if (self->instance.role != "member" || self->instance.membership != "active") {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This organisation is not an active member of a network yet.",
                           "receiver");
  }
  if (input.receiver == self->instance.code) {
    co_return domain::invalidField("receiver", "Choose another member than your own.");
  }
  cases::ShareTarget target{"", "", true};
  std::string consent_case = loaded->kase.id;
  std::string today = cases::calendarDate(now);
  auto consent =
      co_await cases::checkShareConsent(ctx, std::move(consent_case), target, std::move(today));
  if (!consent) {
    co_return tl::unexpected(consent.error());
  }
  store::ClientRow client = loaded->client;
  if (auto opened = cases::openPerson(ctx.vault, client); !opened) {
    co_return tl::unexpected(opened.error());
  }
  store::NetworkReferralRow row;
  row.id = crypto::newId();
  row.direction = "outgoing";
  row.peer_code = input.receiver;
  row.org_id = loaded->kase.org_id;
  row.case_id = loaded->kase.id;
  row.status = "sent";
  row.urgency = input.urgency;
  row.services = joined(input.services);
  row.fields = joined(input.fields);
  row.answer_by = *answer_by;
  row.created_at = now;
  row.created_by = actor.principal.user_id;
  json::object inner{{"version", 1},
                     {"services", arrayOf(input.services)},
                     {"urgency", input.urgency},
                     {"answer_by", *answer_by},
                     {"fields", chosenFields(input, client.client)},
                     {"note", input.note}};
  // The sender's record of a partner named: the "sent" event's sealed note (the packet itself
  // is not kept here).
  std::string partner_note;
  if (!input.partner_name.empty()) {
    inner["partner"] =
        json::object{{"name", input.partner_name}, {"country", input.partner_country}};
    partner_note = "For a partner of " + input.receiver + ": " + input.partner_name + " (" +
                   input.partner_country + ")";
  }
  auto shared = std::make_shared<Identity>(std::move(*self));
  const vault::Vault* vault = &ctx.vault;
  auto job = [shared, row, vault, partner_note,
              inner = std::move(inner)](store::WriteContext& w) -> domain::Status {
    if (auto s = store::insertNetworkReferral(w, row); !s) {
      return s;
    }
    if (auto s = sendSealed(w, *shared, row, "referral.offer", inner); !s) {
      return s;
    }
    store::NetworkReferralEvent sent =
        eventOf(*vault, row.id, "sent", w.now(), row.created_by, "", partner_note);
    if (auto s = store::insertNetworkReferralEvent(w, sent); !s) {
      return s;
    }
    return onTimeline(w, row.case_id, "network_referral_sent", row.created_by, row.peer_code);
  };
  auto entry = actor.entry(AuditAction::kNetworkReferralSend, row.id);
  if (auto s = co_await hotline::writeAudited(ctx, std::move(job), std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  std::string sent_id = row.id;
  std::string org_id = actor.principal.org_id;
  co_return co_await viewOf(ctx, std::move(sent_id), std::move(org_id), false);
}

awaitable<Result<std::vector<ReferralView>>> listReferrals(Context ctx, Actor actor,
                                                           std::string direction) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!direction.empty() && direction != "incoming" && direction != "outgoing") {
    co_return domain::invalidField("direction", "Choose incoming or outgoing referrals.");
  }
  auto job = [direction, org_id = actor.principal.org_id](
                 soci::session& sql) -> Result<std::vector<ReferralView>> {
    auto rows = store::listNetworkReferrals(sql, direction, kMaxListed);
    auto members = store::listNetworkMembers(sql);
    if (!rows || !members) {
      return tl::unexpected(!rows ? rows.error() : members.error());
    }
    std::vector<ReferralView> out;
    const domain::UnixMillis now = domain::nowMillis();
    for (auto& row : *rows) {
      if (!visibleTo(row, org_id)) {
        continue;
      }
      std::optional<store::NetworkMember> peer;
      for (const auto& m : *members) {
        if (m.code == row.peer_code) {
          peer = m;
        }
      }
      out.push_back(coded(std::move(row), peer, now));
    }
    return out;
  };
  auto list = co_await store::awaitRead<Result<std::vector<ReferralView>>>(ctx.db, std::move(job));
  if (list) {
    auto entry =
        actor.entry(AuditAction::kNetworkReferralList, "rows=" + std::to_string(list->size()));
    if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
      co_return tl::unexpected(s.error());
    }
  }
  co_return list;
}

ReferralAnswer readReferral(Context ctx, Actor actor, std::string id) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(notFound());
  }
  // Recorded before anything of it is shown (a packet that does not open is recorded too).
  auto entry = actor.entry(AuditAction::kNetworkReferralRead, id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  std::string org_id = actor.principal.org_id;
  co_return co_await viewOf(ctx, std::move(id), std::move(org_id), true);
}

ReferralAnswer acceptReferral(Context ctx, Actor actor, std::string id) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  std::string read_id = id;
  auto opened = co_await readReferral(ctx, actor, std::move(read_id));
  if (!opened) {
    co_return tl::unexpected(opened.error());
  }
  if (opened->row.direction != "incoming") {
    co_return tl::unexpected(notFound());
  }
  if (opened->row.status != "received") {
    co_return tl::unexpected(wrongStatus("Only a referral waiting for an answer can be accepted."));
  }
  // The person, pre-filled from the fields that travelled.
  const json::object fields =
      opened->packet.contains("fields") && opened->packet.at("fields").is_object()
          ? opened->packet.at("fields").get_object()
          : json::object{};
  domain::ClientPerson person;
  domain::ClientCoded coded_fields;
  person.full_name = stringOf(fields, "full_name");
  if (person.full_name.empty()) {
    person.full_name = "Referred by " + opened->row.peer_code + " " + id.substr(0, 8);
  }
  person.birth_date = stringOf(fields, "birth_date");
  if (!stringOf(fields, "phone").empty()) {
    person.phones.push_back(stringOf(fields, "phone"));
  }
  auto codes_in = [&fields](const char* key, const char* list) {
    std::vector<std::string> out;
    if (const auto* a = fields.if_contains(key); a != nullptr && a->is_array()) {
      for (const auto& v : a->get_array()) {
        if (v.is_string() && cases::inCodeList(list, v.get_string())) {
          out.emplace_back(v.get_string());
        }
      }
    }
    return out;
  };
  const std::string gender = stringOf(fields, "gender");
  coded_fields.gender = cases::inCodeList("gender", gender) ? gender : "";
  const std::string age_band = stringOf(fields, "age_band");
  coded_fields.age_band = cases::inCodeList("age_band", age_band) ? age_band : "";
  coded_fields.citizenships = codes_in("citizenships", "country");
  const auto languages = codes_in("languages", "language");
  coded_fields.primary_language = languages.empty() ? "" : languages.front();
  coded_fields.exploitation_types = codes_in("exploitation_types", "exploitation");
  auto client =
      co_await cases::registerClient(ctx, actor, std::move(person), std::move(coded_fields));
  if (!client) {
    co_return tl::unexpected(client.error());
  }
  cases::CaseInput input;
  input.client_id = client->client.id;
  // Counted as a cross-border referral in (reports/report_sources.cpp).
  input.referral = {"network_member", "", cases::calendarDate(ctx.clock())};
  auto case_id =
      co_await cases::openCase(ctx, actor, std::move(input), cases::NewCaseAssignment::kToWorker);
  if (!case_id) {
    co_return tl::unexpected(case_id.error());
  }
  // What travelled in free text becomes the case's first note (sealed under the person's key).
  std::string text = "Referral from network member " + opened->row.peer_code + ".";
  for (const auto& [key, label] :
       {std::pair{"location", "Current location"}, std::pair{"needs_summary", "Needs"}}) {
    if (!stringOf(fields, key).empty()) {
      text += std::string("\n") + label + ": " + stringOf(fields, key);
    }
  }
  if (const auto* partner = opened->packet.if_contains("partner");
      partner != nullptr && partner->is_object()) {
    text += "\nFor our partner: " + stringOf(partner->as_object(), "name") + " (" +
            stringOf(partner->as_object(), "country") + ")";
  }
  if (!stringOf(opened->packet, "note").empty()) {
    text += "\nNote from the sending member: " + stringOf(opened->packet, "note");
  }
  std::string note_case = *case_id;
  if (auto note = co_await cases::writeNote(ctx, actor, std::move(note_case), std::move(text));
      !note) {
    co_return tl::unexpected(note.error());
  }
  const std::string by = actor.principal.user_id;
  const std::string org_id = actor.principal.org_id;
  const std::string new_case = *case_id;
  auto change = [by, org_id, new_case](store::WriteContext& w, const Identity& self,
                                       store::NetworkReferralRow& row) -> domain::Status {
    if (row.status != "received") {
      return tl::unexpected(wrongStatus("Only a referral waiting for an answer can be accepted."));
    }
    row.status = "accepted";
    row.case_id = new_case;
    row.org_id = org_id;
    row.answered_at = w.now();
    row.answered_by = by;
    if (auto s =
            sendSealed(w, self, row, "referral.answer", json::object{{"decision", "accepted"}});
        !s) {
      return s;
    }
    store::NetworkReferralEvent event{crypto::newId(), row.id, "accepted", w.now(), by, "", ""};
    if (auto s = store::insertNetworkReferralEvent(w, event); !s) {
      return s;
    }
    if (auto s = onTimeline(w, new_case, "network_referral_received", "", row.peer_code); !s) {
      return s;
    }
    return onTimeline(w, new_case, "network_referral_accepted", by, row.peer_code);
  };
  std::string direction = "incoming";
  co_return co_await changeReferral(ctx, actor, std::move(id), std::move(direction),
                                    AuditAction::kNetworkReferralAccept, std::move(change));
}

ReferralAnswer declineReferral(Context ctx, Actor actor, std::string id, std::string reason) {
  if (!cases::isTextWithin(reason, kMaxReasonChars)) {
    co_return domain::invalidField("reason", "Say why you decline, in 1 to 1000 characters.");
  }
  const vault::Vault* vault = &ctx.vault;
  const std::string by = actor.principal.user_id;
  const std::string org_id = actor.principal.org_id;
  auto change = [vault, by, org_id, reason](store::WriteContext& w, const Identity& self,
                                            store::NetworkReferralRow& row) -> domain::Status {
    if (row.status != "received") {
      return tl::unexpected(wrongStatus("Only a referral waiting for an answer can be declined."));
    }
    row.status = "declined";
    row.org_id = org_id;
    row.answered_at = w.now();
    row.answered_by = by;
    json::object inner{{"decision", "declined"}, {"reason", reason}};
    if (auto s = sendSealed(w, self, row, "referral.answer", std::move(inner)); !s) {
      return s;
    }
    return store::insertNetworkReferralEvent(
        w, eventOf(*vault, row.id, "declined", w.now(), by, "", reason));
  };
  std::string direction = "incoming";
  co_return co_await changeReferral(ctx, actor, std::move(id), std::move(direction),
                                    AuditAction::kNetworkReferralDecline, std::move(change));
}

ReferralAnswer sendReferralFeedback(Context ctx, Actor actor, std::string id, std::string kind,
                                    std::string note) {
  if (!cases::inCodeList("referral_feedback", kind)) {
    co_return domain::invalidField("kind",
                                   "Choose the feedback: arrived_safely, services_started, "
                                   "case_closed or could_not_be_reached.");
  }
  if (!note.empty() && !cases::isTextWithin(note, kMaxNoteChars)) {
    co_return domain::invalidField("note", "Write the note in at most 2000 characters.");
  }
  const vault::Vault* vault = &ctx.vault;
  const std::string by = actor.principal.user_id;
  auto change = [vault, by, kind, note](store::WriteContext& w, const Identity& self,
                                        store::NetworkReferralRow& row) -> domain::Status {
    if (row.status != "accepted") {
      return tl::unexpected(wrongStatus("Feedback goes on an accepted referral only."));
    }
    row.last_feedback = kind;
    json::object inner{{"kind", kind}, {"note", note}};
    if (auto s = sendSealed(w, self, row, "referral.feedback", std::move(inner)); !s) {
      return s;
    }
    if (auto s = store::insertNetworkReferralEvent(
            w, eventOf(*vault, row.id, kind, w.now(), by, "", note));
        !s) {
      return s;
    }
    return onTimeline(w, row.case_id, "network_referral_feedback", by, kind);
  };
  std::string direction = "incoming";
  co_return co_await changeReferral(ctx, actor, std::move(id), std::move(direction),
                                    AuditAction::kNetworkReferralFeedback, std::move(change));
}

ReferralAnswer withdrawReferralConsent(Context ctx, Actor actor, std::string id) {
  const std::string by = actor.principal.user_id;
  auto change = [by](store::WriteContext& w, const Identity& self,
                     store::NetworkReferralRow& row) -> domain::Status {
    if (row.consent_withdrawn_at > 0 || !isOpen(row)) {
      return tl::unexpected(
          wrongStatus("The receiver was told already, or the referral is no longer open."));
    }
    return tellConsentWithdrawn(w, self, row, by);
  };
  std::string direction = "outgoing";
  co_return co_await changeReferral(ctx, actor, std::move(id), std::move(direction),
                                    AuditAction::kNetworkReferralConsentWithdrawn,
                                    std::move(change));
}

ReferralAnswer acknowledgeWithdrawal(Context ctx, Actor actor, std::string id,
                                     std::string what_was_done) {
  if (!cases::isTextWithin(what_was_done, kMaxReasonChars)) {
    co_return domain::invalidField("what_was_done",
                                   "Say what was done with the person's data, in 1 to 1000 "
                                   "characters.");
  }
  const vault::Vault* vault = &ctx.vault;
  const std::string by = actor.principal.user_id;
  auto change = [vault, by, what_was_done](store::WriteContext& w, const Identity&,
                                           store::NetworkReferralRow& row) -> domain::Status {
    if (row.consent_withdrawn_at == 0 || row.withdrawal_acknowledged_at > 0) {
      return tl::unexpected(wrongStatus("No withdrawal of consent waits to be acknowledged."));
    }
    row.withdrawal_acknowledged_at = w.now();
    return store::insertNetworkReferralEvent(
        w, eventOf(*vault, row.id, "withdrawal_acknowledged", w.now(), by, "", what_was_done));
  };
  std::string direction = "incoming";
  co_return co_await changeReferral(ctx, actor, std::move(id), std::move(direction),
                                    AuditAction::kNetworkReferralWithdrawalAck, std::move(change));
}

awaitable<Result<std::vector<ReferralReceiver>>> listReferralReceivers(Context ctx, Actor actor) {
  if (auto may = mayWork(actor); !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [](soci::session& sql) -> Result<std::vector<ReferralReceiver>> {
    auto self = store::loadNetworkInstance(sql);
    auto members = store::listNetworkMembers(sql);
    if (!self || !members) {
      return tl::unexpected(!self ? self.error() : members.error());
    }
    std::vector<ReferralReceiver> out;
    for (const auto& m : *members) {
      if (m.status == "active" && !m.is_hub && m.code != self->code) {
        out.push_back({m.code, m.name, m.country});
      }
    }
    return out;
  };
  co_return co_await store::awaitRead<Result<std::vector<ReferralReceiver>>>(ctx.db,
                                                                             std::move(job));
}

awaitable<Result<std::vector<store::ReferralEscalation>>> listOverdueReferrals(Context ctx,
                                                                               Actor actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkReferralsOverdue);
      !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [](soci::session& sql) { return store::listReferralEscalations(sql); };
  auto list = co_await store::awaitRead<Result<std::vector<store::ReferralEscalation>>>(
      ctx.db, std::move(job));
  if (list) {
    auto entry = actor.entry(AuditAction::kNetworkReferralOverdueList,
                             "rows=" + std::to_string(list->size()));
    if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
      co_return tl::unexpected(s.error());
    }
  }
  co_return list;
}

Result<SweepCounts> sweepReferrals(store::Database& db, const vault::Vault& vault,
                                   domain::UnixMillis now) {
  auto self = loadIdentity(db, vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (self->instance.role != "member") {
    return SweepCounts{};
  }
  SweepCounts counts;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    auto rows = store::openOutgoingReferrals(w.sql());
    if (!rows) {
      return tl::unexpected(rows.error());
    }
    for (auto& row : *rows) {
      const std::int32_t expected = row.version;
      bool changed = false;
      if (row.status == "sent" && row.reminded_at == 0 &&
          now >= row.created_at + (row.answer_by - row.created_at) / 2) {
        row.reminded_at = now;
        if (auto s = sendSealed(w, *self, row, "referral.reminder", json::object{}); !s) {
          return s;
        }
        store::NetworkReferralEvent e{crypto::newId(), row.id, "reminder", now, "", "", ""};
        if (auto s = store::insertNetworkReferralEvent(w, e); !s) {
          return s;
        }
        if (auto s = w.audit(systemEntry(AuditAction::kNetworkReferralRemind, row.id)); !s) {
          return s;
        }
        ++counts.reminded;
        changed = true;
      }
      if (row.status == "sent" && row.escalated_at == 0 && now > row.answer_by) {
        row.escalated_at = now;
        const std::string body = json::serialize(json::object{{"referral_id", row.id},
                                                              {"sender", self->instance.code},
                                                              {"receiver", row.peer_code},
                                                              {"answer_by", row.answer_by}});
        if (auto s = sendMessage(w, *self, self->instance.hub_code, "referral.escalated", body);
            !s) {
          return s;
        }
        store::NetworkReferralEvent e{crypto::newId(), row.id, "escalated", now, "", "", ""};
        if (auto s = store::insertNetworkReferralEvent(w, e); !s) {
          return s;
        }
        if (auto s = w.audit(systemEntry(AuditAction::kNetworkReferralEscalate, row.id)); !s) {
          return s;
        }
        ++counts.escalated;
        changed = true;
      }
      if (isOpen(row) && row.consent_withdrawn_at == 0 && !row.case_id.empty()) {
        auto consents = store::listConsents(w.sql(), row.case_id);
        if (!consents) {
          return tl::unexpected(consents.error());
        }
        if (!cases::shareConsentInForce(*consents, cases::ShareTarget{"", "", true},
                                        cases::calendarDate(now))) {
          if (auto s = tellConsentWithdrawn(w, *self, row, ""); !s) {
            return s;
          }
          if (auto s = w.audit(systemEntry(AuditAction::kNetworkReferralConsentWithdrawn, row.id));
              !s) {
            return s;
          }
          ++counts.consent_withdrawn;
          changed = true;
        }
      }
      if (changed) {
        if (auto s = store::updateNetworkReferral(w, row, expected); !s) {
          return s;
        }
      }
    }
    return {};
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return counts;
}

void addReferralHandlers(MessageHandlers& handlers, const vault::Vault& vault) {
  const vault::Vault* v = &vault;
  handlers.add("referral.offer", [v](store::WriteContext& w, const Identity& self,
                                     const Envelope& e) { return onOffer(w, *v, self, e); });
  handlers.add("referral.answer", [v](store::WriteContext& w, const Identity& self,
                                      const Envelope& e) { return onAnswer(w, *v, self, e); });
  handlers.add("referral.feedback", [v](store::WriteContext& w, const Identity& self,
                                        const Envelope& e) { return onFeedback(w, *v, self, e); });
  for (const char* kind : {"referral.reminder", "referral.consent_withdrawn"}) {
    handlers.add(kind, [v](store::WriteContext& w, const Identity& self, const Envelope& e) {
      return onSenderNotice(w, *v, self, e);
    });
  }
  handlers.add("referral.escalated", onEscalated);
}

}  // namespace strada::network
