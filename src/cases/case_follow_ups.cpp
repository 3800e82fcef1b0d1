// A case's social-inclusion outcomes at closure and at follow-ups (case_follow_ups.h).
#include "cases/case_follow_ups.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "cases/case_documents.h"
#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "store/async.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

namespace {

constexpr std::size_t kMaxNoteChars = 5000;

domain::Status validateFollowUp(const FollowUpInput& f, domain::UnixMillis now) {
  auto day =
      dayNotAfter(f.followed_on, "date", now, "A follow-up is recorded on or after its day.");
  if (!day) {
    return tl::unexpected(day.error());
  }
  if (f.outcomes.empty()) {
    return domain::invalidField("outcomes", "Record the outcome of at least one domain.");
  }
  if (auto ok = checkInclusionOutcomes(f.outcomes, "outcomes"); !ok) {
    return ok;
  }
  if (utf8Length(f.note) > kMaxNoteChars) {
    return domain::invalidField("note", "Keep the note under 5000 characters.");
  }
  return {};
}

// The case's follow-ups, each note opened with `key` (none: not shown).
Result<FollowUpList> openFollowUps(const Context& ctx, const std::optional<vault::PersonKey>& key,
                                   std::vector<store::FollowUpRow> rows,
                                   std::map<std::string, std::string> names) {
  FollowUpList out{{}, std::move(names)};
  for (auto& row : rows) {
    auto note = openText(ctx, key, {vault::SealedField::kFollowUpNote, row.id}, row.note_sealed);
    if (!note) {
      return tl::unexpected(note.error());
    }
    row.note_sealed.clear();
    out.items.push_back({std::move(row), std::move(*note), key.has_value()});
  }
  return out;
}

struct FollowUpRecords {
  std::vector<store::FollowUpRow> rows;
  std::map<std::string, std::string> names;
};

awaitable<Result<FollowUpRecords>> readFollowUps(Context ctx, const LoadedCase& loaded) {
  auto job = [org_id = loaded.kase.org_id,
              case_id = loaded.kase.id](soci::session& sql) -> Result<FollowUpRecords> {
    auto rows = store::listFollowUps(sql, case_id);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    return FollowUpRecords{std::move(*rows), std::move(*names)};
  };
  co_return co_await store::awaitRead<Result<FollowUpRecords>>(ctx.db, std::move(job));
}

}  // namespace

domain::Status checkInclusionOutcomes(const std::vector<store::InclusionOutcomeRow>& outcomes,
                                      const std::string& field) {
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    const auto before = outcomes.begin() + static_cast<std::ptrdiff_t>(i);
    const bool repeated = std::any_of(
        outcomes.begin(), before, [&](const auto& o) { return o.domain == outcomes[i].domain; });
    if (!inCodeList("inclusion_domain", outcomes[i].domain) || repeated) {
      return domain::invalidField(at + ".domain",
                                  "Choose each domain once, from the list offered.");
    }
    if (!inCodeList("inclusion_status", outcomes[i].status)) {
      return domain::invalidField(at + ".status", "Choose the outcome from the list offered.");
    }
  }
  return {};
}

awaitable<Result<FollowUpList>> listFollowUps(Context ctx, Actor actor, std::string case_id) {
  auto readable = co_await readableCase(ctx, actor, std::move(case_id));
  if (!readable) {
    co_return tl::unexpected(readable.error());
  }
  auto key = openingKey(ctx, readable->loaded, readable->access);
  auto records = co_await readFollowUps(ctx, readable->loaded);
  if (!key || !records) {
    co_return tl::unexpected(!key ? key.error() : records.error());
  }
  if (auto s = co_await hotline::recordAudit(
          ctx, actor.entry(audit::AuditAction::kCaseFollowUpList, readable->loaded.kase.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return openFollowUps(ctx, *key, std::move(records->rows), std::move(records->names));
}

awaitable<Result<FollowUpList>> addFollowUp(Context ctx, Actor actor, std::string case_id,
                                            FollowUpInput input) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (!loaded->kase.closure) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "Follow-ups are recorded once the case's closure is requested. Record "
                           "the outcomes with the closure first.",
                           "status");
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateFollowUp(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (const std::string closed_on = calendarDate(loaded->kase.closure->requested_at);
      input.followed_on < closed_on) {
    co_return domain::invalidField("date", "A follow-up comes after the closure request of " +
                                               closed_on + ": give that day or a later one.");
  }
  store::FollowUpRow row{crypto::newId(),
                         loaded->kase.id,
                         "follow_up",
                         input.followed_on,
                         "",
                         actor.principal.user_id,
                         now,
                         input.outcomes};
  if (!input.note.empty()) {
    auto key = sealingKey(ctx, *loaded, "note");
    if (!key) {
      co_return tl::unexpected(key.error());
    }
    row.note_sealed = ctx.vault.seal(*key, {vault::SealedField::kFollowUpNote, row.id}, input.note);
  }
  const std::string id = row.id;
  if (auto s = co_await insertOnCase(ctx, actor, audit::AuditAction::kCaseFollowUpCreate,
                                     loaded->kase.id, store::insertFollowUp, std::move(row));
      !s) {
    co_return tl::unexpected(s.error());
  }
  auto records = co_await readFollowUps(ctx, *loaded);
  if (!records) {
    co_return tl::unexpected(records.error());
  }
  if (auto kept = keepOnly(records->rows, id, "follow-up"); !kept) {
    co_return tl::unexpected(kept.error());
  }
  auto key = openingKey(ctx, *loaded, policy::CaseAccess::kFull);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  co_return openFollowUps(ctx, *key, std::move(records->rows), std::move(records->names));
}

}  // namespace strada::cases
