// A case's identification and needs assessment (case_assessments.h).
#include "cases/case_assessments.h"

#include <algorithm>
#include <utility>

#include "cases/case_records.h"
#include "policy/case_access.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

IdentificationView identificationOf(const LoadedCase& loaded,
                                    CaseDocument<std::vector<std::string>> doc) {
  IdentificationView v;
  v.identification.indicators = std::move(doc.entries);
  v.identification.assessed_by = doc.head.assessed_by;
  v.identification.assessed_on = doc.head.assessed_on;
  v.identification.trafficking_status = loaded.client.client.coded.trafficking_status;
  v.identification.decided_by = loaded.client.client.coded.status_decided_by;
  v.meta = doc.meta();
  return v;
}

awaitable<Result<IdentificationView>> viewIdentification(Context ctx, ReadableCase readable) {
  std::string org_id = readable.loaded.kase.org_id;
  std::string case_id = readable.loaded.kase.id;
  std::string kind = store::kIdentificationDocument;
  auto doc = co_await readCaseDocument(ctx, std::move(org_id), std::move(case_id), std::move(kind),
                                       &store::listIndicators);
  if (!doc) {
    co_return tl::unexpected(doc.error());
  }
  co_return identificationOf(readable.loaded, std::move(*doc));
}

awaitable<Result<NeedsView>> viewNeeds(Context ctx, ReadableCase readable) {
  std::string org_id = readable.loaded.kase.org_id;
  std::string case_id = readable.loaded.kase.id;
  std::string kind = store::kNeedsDocument;
  auto doc = co_await readCaseDocument(ctx, std::move(org_id), std::move(case_id), std::move(kind),
                                       &store::listNeeds);
  if (!doc) {
    co_return tl::unexpected(doc.error());
  }
  auto key = openingKey(ctx, readable.loaded, readable.access);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  NeedsView v;
  v.notes_visible = key->has_value();
  v.needs.assessed_on = doc->head.assessed_on;
  for (const auto& row : doc->entries) {
    const std::string record = readable.loaded.kase.id + "/" + row.domain;
    auto note = openText(ctx, *key, {vault::SealedField::kNeedNote, record}, row.note_sealed);
    if (!note) {
      co_return tl::unexpected(note.error());
    }
    v.needs.domains.push_back({row.domain, row.level, std::move(*note)});
  }
  v.meta = doc->meta();
  co_return v;
}

// The changed case as its worker now reads it (full access).
ReadableCase workedOn(LoadedCase loaded) {
  return ReadableCase{std::move(loaded), policy::CaseAccess::kFull};
}

// `assessed_by` as given, or the actor when ""; InvalidArgument unless an active user of the
// organisation.
awaitable<Result<std::string>> assessor(Context ctx, const Actor& actor, std::string given) {
  if (given.empty() || given == actor.principal.user_id) {
    co_return actor.principal.user_id;
  }
  std::string org_id = actor.principal.org_id;
  auto users = co_await readUsers(ctx, std::move(org_id));
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  const bool known = std::any_of(users->begin(), users->end(),
                                 [&](const auto& u) { return u.id == given && u.active; });
  if (!known) {
    co_return domain::invalidField("assessed_by",
                                   "Choose who assessed among the active users of your "
                                   "organisation.");
  }
  co_return given;
}

}  // namespace

awaitable<Result<IdentificationView>> readIdentification(Context ctx, Actor actor,
                                                         std::string case_id) {
  co_return co_await auditedRead<IdentificationView>(ctx, std::move(actor), std::move(case_id),
                                                     AuditAction::kCaseIdentificationRead,
                                                     &viewIdentification);
}

awaitable<Result<IdentificationView>> changeIdentification(Context ctx, Actor actor,
                                                           std::string case_id,
                                                           domain::Identification input,
                                                           std::int32_t version) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto ok = domain::validateIdentification(input, ctx.clock()); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto by = co_await assessor(ctx, actor, input.assessed_by);
  if (!by) {
    co_return tl::unexpected(by.error());
  }
  input.assessed_by = std::move(*by);
  std::sort(input.indicators.begin(), input.indicators.end());
  const domain::ClientCoded& coded = loaded->client.client.coded;
  const bool status_changed = coded.trafficking_status != input.trafficking_status ||
                              coded.status_decided_by != input.decided_by;
  DocumentChange change{store::kIdentificationDocument,
                        version,
                        input.assessed_by,
                        input.assessed_on,
                        AuditAction::kCaseIdentificationUpdate,
                        "identification",
                        input.trafficking_status};
  auto entries = [case_id = loaded->kase.id, client_id = loaded->client.client.id, input,
                  status_changed, by = actor.principal.user_id](store::WriteContext& w) {
    if (auto s = store::replaceIndicators(w, case_id, input.indicators); !s) {
      return s;
    }
    if (!status_changed) {
      return domain::Status{};
    }
    return store::setClientTraffickingStatus(w, client_id, input.trafficking_status,
                                             input.decided_by, by);
  };
  if (auto s = co_await writeCaseDocument(ctx, actor, loaded->kase, std::move(change),
                                          std::move(entries));
      !s) {
    co_return tl::unexpected(s.error());
  }
  loaded->client.client.coded.trafficking_status = input.trafficking_status;
  loaded->client.client.coded.status_decided_by = input.decided_by;
  ReadableCase worked = workedOn(std::move(*loaded));
  co_return co_await viewIdentification(ctx, std::move(worked));
}

awaitable<Result<NeedsView>> readNeeds(Context ctx, Actor actor, std::string case_id) {
  co_return co_await auditedRead<NeedsView>(ctx, std::move(actor), std::move(case_id),
                                            AuditAction::kCaseNeedsRead, &viewNeeds);
}

awaitable<Result<NeedsView>> changeNeeds(Context ctx, Actor actor, std::string case_id,
                                         domain::NeedsAssessment input, std::int32_t version) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto ok = domain::validateNeeds(input, ctx.clock()); !ok) {
    co_return tl::unexpected(ok.error());
  }
  std::vector<store::NeedRow> rows;
  std::optional<vault::PersonKey> key;
  for (std::size_t i = 0; i < input.domains.size(); ++i) {
    const domain::NeedEntry& n = input.domains[i];
    store::NeedRow row{n.domain, n.level, ""};
    if (!n.note.empty()) {
      if (!key) {
        auto sealing = sealingKey(ctx, *loaded, "domains[" + std::to_string(i) + "].note");
        if (!sealing) {
          co_return tl::unexpected(sealing.error());
        }
        key.emplace(std::move(*sealing));
      }
      const std::string record = loaded->kase.id + "/" + n.domain;
      row.note_sealed = ctx.vault.seal(*key, {vault::SealedField::kNeedNote, record}, n.note);
    }
    rows.push_back(std::move(row));
  }
  DocumentChange change{store::kNeedsDocument,         version, "", input.assessed_on,
                        AuditAction::kCaseNeedsUpdate, "needs", ""};
  auto entries = [case_id = loaded->kase.id, rows = std::move(rows)](store::WriteContext& w) {
    return store::replaceNeeds(w, case_id, rows);
  };
  if (auto s = co_await writeCaseDocument(ctx, actor, loaded->kase, std::move(change),
                                          std::move(entries));
      !s) {
    co_return tl::unexpected(s.error());
  }
  ReadableCase worked = workedOn(std::move(*loaded));
  co_return co_await viewNeeds(ctx, std::move(worked));
}

}  // namespace strada::cases
