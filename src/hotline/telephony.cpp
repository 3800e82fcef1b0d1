#include "hotline/telephony.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <utility>

#include "crypto/crypto.h"
#include "domain/contact.h"
#include "domain/enum_names.h"
#include "domain/ids.h"
#include "domain/user.h"
#include "hotline/contact_records.h"
#include "hotline/contacts.h"
#include "hotline/use_case_steps.h"
#include "store/repositories.h"

namespace strada::hotline {
namespace {

using domain::UnixMillis;

constexpr std::size_t kMaxLineNameBytes = 100;
constexpr std::size_t kSecretBytes = 32;

// The event's part of its idempotency key ("<call id>:answered").
constexpr std::array<domain::EnumName<CallEventType>, 3> kEventNames = {{
    {CallEventType::kOffered, "offered"},
    {CallEventType::kAnswered, "answered"},
    {CallEventType::kEnded, "ended"},
}};
static_assert(domain::listsEveryValue(kEventNames, CallEventType::kEnded));

tl::unexpected<domain::Error> refused(std::string reason) {
  return domain::fail(domain::ErrorCode::kUnauthenticated,
                      "This event is not signed correctly for an active telephony line.", "",
                      std::move(reason));
}

domain::Error unknownAgent() {
  return domain::Error{domain::ErrorCode::kInvalidArgument,
                       "No active consultant of this line's organisation has this e-mail "
                       "address.",
                       "agent_email", ""};
}

// A call's duration in whole seconds, within the contact's range.
std::int32_t durationSeconds(UnixMillis answered, UnixMillis ended) {
  const std::int64_t seconds = (ended - answered) / 1000;
  return static_cast<std::int32_t>(
      std::clamp<std::int64_t>(seconds, 0, domain::kMaxContactDurationS));
}

// Sets the duration of a linked contact if it is still a draft (its version bumped).
domain::Status applyDuration(store::WriteContext& w, const store::TelephonyCall& call) {
  if (call.contact_id.empty() || !call.answered_at || !call.ended_at) {
    return {};
  }
  auto found = store::findContact(w.sql(), call.contact_id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!found->has_value() || (*found)->contact.data.status != domain::kStatusDraft) {
    return {};  // finalised (or erased) meanwhile: the consultant's record stands
  }
  store::ContactRow row = std::move(**found);
  const std::int32_t expected = row.contact.version;
  row.contact.data.duration_s = durationSeconds(*call.answered_at, *call.ended_at);
  row.contact.version = expected + 1;
  row.contact.updated_at = w.now();
  return store::updateContact(w, row, expected);
}

// What one accepted event does, in one transaction with its idempotency record.
struct EventJob {
  store::TelephonyLine line;
  CallEvent event;
  std::string caller_hash;                     // "" when no number
  std::optional<store::ContactRow> new_draft;  // for answered
  std::string request_id;
};

domain::Status answerCall(store::WriteContext& w, const EventJob& job, store::TelephonyCall& call) {
  const UnixMillis at = job.event.at;
  call.answered_at = at;
  if (!call.contact_id.empty() || !job.new_draft) {
    return {};
  }
  store::ContactRow row = *job.new_draft;
  if (row.caller_hash.empty()) {
    row.caller_hash = call.caller_hash;  // the number came with "offered" only
  }
  if (call.ended_at) {  // "ended" arrived first
    row.contact.data.duration_s = durationSeconds(at, *call.ended_at);
  }
  if (auto s = store::insertContact(w, row); !s) {
    return s;
  }
  call.contact_id = row.contact.id;
  return w.audit(audit::AuditEntry{row.contact.created_by, job.line.org_id,
                                   AuditAction::kTelephonyAnswered, row.contact.id,
                                   job.request_id});
}

domain::Status endCall(store::WriteContext& w, const EventJob& job, store::TelephonyCall& call) {
  call.ended_at = job.event.at;
  if (auto s = applyDuration(w, call); !s) {
    return s;
  }
  const bool matched = !call.contact_id.empty();
  return w.audit(audit::AuditEntry{
      "", job.line.org_id,
      matched ? AuditAction::kTelephonyEnded : AuditAction::kTelephonyEndedUnmatched,
      matched ? call.contact_id : job.line.id, job.request_id});
}

domain::Status applyEvent(store::WriteContext& w, const EventJob& job, std::string& result) {
  const std::string key =
      job.event.call_id + ":" + std::string(domain::nameOf(kEventNames, job.event.type, ""));
  auto seen = store::findTelephonyEventSeen(w.sql(), job.line.id, key);
  if (!seen) {
    return tl::unexpected(seen.error());
  }
  if (seen->has_value()) {  // a replay: the first result, no second effect
    result = **seen;
    return {};
  }
  auto found = store::findTelephonyCall(w.sql(), job.line.id, job.event.call_id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  const bool exists = found->has_value();
  store::TelephonyCall call;
  if (exists) {
    call = std::move(**found);
  } else {
    call.line_id = job.line.id;
    call.call_id = job.event.call_id;
    call.org_id = job.line.org_id;
  }
  if (call.caller_hash.empty()) {
    call.caller_hash = job.caller_hash;
  }
  domain::Status applied;
  switch (job.event.type) {
    case CallEventType::kOffered:
      if (!call.offered_at) {
        call.offered_at = job.event.at;
      }
      break;
    case CallEventType::kAnswered:
      applied = answerCall(w, job, call);
      break;
    case CallEventType::kEnded:
      applied = endCall(w, job, call);
      break;
  }
  if (!applied) {
    return applied;
  }
  if (auto s = exists ? store::updateTelephonyCall(w, call) : store::insertTelephonyCall(w, call);
      !s) {
    return s;
  }
  result = call.contact_id;
  return store::insertTelephonyEventSeen(w, job.line.id, key, w.now(), result);
}

// The id of the active consultant of `org_id` whose address is `email`; unknownAgent() otherwise.
awaitable<Result<std::string>> answeringConsultant(Context ctx, std::string org_id,
                                                   std::string email) {
  auto normalised = domain::normaliseEmail(email);
  if (!normalised) {
    co_return tl::unexpected(unknownAgent());
  }
  auto find_agent = [e = *normalised](soci::session& sql) {
    return store::findUserByEmail(sql, e);
  };
  domain::Error missing = unknownAgent();
  auto agent = co_await readOne(ctx, std::move(find_agent), std::move(missing));
  if (!agent) {
    co_return tl::unexpected(agent.error());
  }
  const domain::User& user = agent->user;
  if (user.org_id != org_id || !user.active ||
      !policy::allows(policy::Principal{user.id, user.org_id, user.roles, ""},
                      policy::Permission::kContactCreate)) {
    co_return tl::unexpected(unknownAgent());
  }
  co_return user.id;
}

// The draft contact an answered call creates: a data contact by phone, anonymous, started when
// the call was answered, the caller's number in E.164 (newContact's rules, the event's field
// names in its errors), sealed with its blind index as every contact's.
Result<store::ContactRow> draftFor(const Context& ctx, const store::TelephonyLine& line,
                                   const CallEvent& ev, std::string agent_id,
                                   std::string_view region) {
  domain::ContactInput input;
  input.status = std::string(domain::kStatusDraft);
  input.kind = std::string(domain::kKindData);
  input.channel = "phone";
  input.started_at = ev.at;
  input.anonymous = true;
  input.caller_identifier = domain::normaliseCallerIdentifier(ev.caller_number, region);
  auto contact = newContact(line.org_id, std::move(agent_id), ctx.clock(), std::move(input));
  if (!contact) {
    domain::Error e = contact.error();
    if (e.field == "started_at") {
      e.field = "at";
    } else if (e.field == "caller_identifier") {
      e.field = "caller_number";
    }
    e.detail.clear();
    return tl::unexpected(e);
  }
  return sealContact(ctx.vault, std::move(*contact), region);
}

}  // namespace

awaitable<Result<NewTelephonyLine>> addTelephonyLine(Context ctx, std::string org_code,
                                                     std::string name) {
  if (name.empty() || name.size() > kMaxLineNameBytes) {
    co_return domain::invalidField("name",
                                   "Give the line a name of 1 to 100 characters, such as "
                                   "\"Asterisk main office\".");
  }
  auto find_org = [org_code](soci::session& sql) {
    return store::findOrganisationByCode(sql, org_code);
  };
  domain::Error missing{
      domain::ErrorCode::kInvalidArgument,
      "No organisation with code " + org_code + ". Add it first with `strada org add`.", "org", ""};
  auto org = co_await readOne(ctx, std::move(find_org), std::move(missing));
  if (!org) {
    co_return tl::unexpected(org.error());
  }
  NewTelephonyLine created{crypto::newId(), org_code, name, crypto::randomToken(kSecretBytes)};
  store::TelephonyLine line{created.id, org->id, name, "", true, ctx.clock()};
  line.secret_sealed =
      ctx.vault.seal({vault::SealedField::kTelephonySecret, line.id}, created.secret);
  audit::AuditEntry entry{"", line.org_id, AuditAction::kTelephonyLineCreate, line.id, ""};
  auto insert = [line = std::move(line)](store::WriteContext& w) {
    return store::insertTelephonyLine(w, line);
  };
  if (auto written = co_await writeAudited(ctx, std::move(insert), std::move(entry)); !written) {
    crypto::wipe(created.secret);
    co_return tl::unexpected(written.error());
  }
  co_return created;
}

awaitable<domain::Status> deactivateTelephonyLine(Context ctx, std::string id) {
  auto lookup = [id](soci::session& sql) { return store::findTelephonyLine(sql, id); };
  domain::Error missing{domain::ErrorCode::kNotFound, "No telephony line with this id.", "id", ""};
  auto line = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (!line) {
    co_return tl::unexpected(line.error());
  }
  audit::AuditEntry entry{"", line->org_id, AuditAction::kTelephonyLineDeactivate, id, ""};
  auto deactivate = [id](store::WriteContext& w) {
    return store::setTelephonyLineActive(w, id, false);
  };
  co_return co_await writeAudited(ctx, std::move(deactivate), std::move(entry));
}

awaitable<Result<TelephonyLineKey>> openTelephonyLine(Context ctx, std::string line_id) {
  if (!domain::isIdShaped(line_id)) {
    co_return refused("unknown line");
  }
  auto lookup = [line_id](soci::session& sql) { return store::findTelephonyLine(sql, line_id); };
  domain::Error missing = refused("unknown line").value();
  auto line = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (!line) {
    co_return tl::unexpected(line.error());
  }
  if (!line->active) {
    co_return refused("inactive line");
  }
  TelephonyLineKey key{std::move(*line), {}};
  auto secret =
      ctx.vault.open({vault::SealedField::kTelephonySecret, key.line.id}, key.line.secret_sealed);
  if (!secret) {
    co_return tl::unexpected(secret.error());
  }
  key.secret = std::move(*secret);
  co_return key;
}

awaitable<Result<std::string>> applyCallEvent(Context ctx, store::TelephonyLine line,
                                              CallEvent event, std::string request_id) {
  EventJob job;
  const bool answered = event.type == CallEventType::kAnswered;
  std::string region;
  if (!event.caller_number.empty() || answered) {
    auto country = co_await organisationCountry(ctx, line.org_id);
    if (!country) {
      co_return tl::unexpected(country.error());
    }
    region = std::move(*country);
  }
  if (!event.caller_number.empty()) {
    job.caller_hash = callerIndex(ctx.vault, line.org_id, region, event.caller_number);
  }
  if (answered) {
    auto agent = co_await answeringConsultant(ctx, line.org_id, event.agent_email);
    if (!agent) {
      co_return tl::unexpected(agent.error());
    }
    auto draft = draftFor(ctx, line, event, std::move(*agent), region);
    if (!draft) {
      co_return tl::unexpected(draft.error());
    }
    job.new_draft = std::move(*draft);
  }
  job.line = std::move(line);
  job.event = std::move(event);
  job.request_id = std::move(request_id);
  auto result = std::make_shared<std::string>();
  store::WriteJob write = [job = std::move(job), result](store::WriteContext& w) {
    return applyEvent(w, job, *result);
  };
  if (auto status = co_await store::awaitWrite(ctx.db, std::move(write)); !status) {
    co_return tl::unexpected(status.error());
  }
  co_return std::move(*result);
}

}  // namespace strada::hotline
