// A case's court proceedings (case_proceedings.h), read and written through the entry machinery
// (case_entry_steps.h); the court's name, the reference and the hearings' notes sealed under the
// key of the case's client.
#include "cases/case_proceedings.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "cases/case_documents.h"
#include "cases/case_entry_steps.h"
#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"

namespace strada::cases {

using audit::AuditAction;

namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxHearings = 100;
constexpr std::size_t kMaxCourtChars = 300;
constexpr std::size_t kMaxReferenceChars = 100;
constexpr std::size_t kMaxNoteChars = 2000;

domain::Status checkMoney(const MoneyInput& m, const std::string& field) {
  if (m.amount < -1) {
    return domain::invalidField(field + ".amount", "Give the amount as a whole number, 0 or more.");
  }
  const bool currency_code =
      m.currency.size() == 3 && std::all_of(m.currency.begin(), m.currency.end(),
                                            [](char c) { return c >= 'A' && c <= 'Z'; });
  if (m.amount >= 0 && !currency_code) {
    return domain::invalidField(field + ".currency",
                                "Give the currency as its ISO 4217 code, such as EUR.");
  }
  if (m.amount < 0 && !m.currency.empty()) {
    return domain::invalidField(field + ".amount", "Give the amount with its currency.");
  }
  return {};
}

domain::Status checkHearing(const HearingInput& h, const std::string& field) {
  if (auto day = domain::parseCalendarDate(h.held_on, field + ".date"); !day) {
    return tl::unexpected(day.error());
  }
  if (!inCodeList("hearing_kind", h.kind)) {
    return domain::invalidField(field + ".kind",
                                "Choose the kind of hearing from the list offered.");
  }
  for (std::size_t i = 0; i < h.support.size(); ++i) {
    const bool repeated =
        std::find(h.support.begin(), h.support.begin() + static_cast<std::ptrdiff_t>(i),
                  h.support[i]) != h.support.begin() + static_cast<std::ptrdiff_t>(i);
    if (!inCodeList("hearing_support", h.support[i]) || repeated) {
      return domain::invalidField(field + ".support[" + std::to_string(i) + "]",
                                  "Choose each kind of support once, from the list offered.");
    }
  }
  if (utf8Length(h.note) > kMaxNoteChars) {
    return domain::invalidField(field + ".note", "Keep the note under 2000 characters.");
  }
  return {};
}

domain::Status checkCodes(const ProceedingInput& p) {
  if (!inCodeList("proceeding_kind", p.kind)) {
    return domain::invalidField("kind", "Choose the kind of proceeding from the list offered.");
  }
  if (!inCodeList("proceeding_role", p.role)) {
    return domain::invalidField("role", "Choose the person's role from the list offered.");
  }
  if (!inCodeList("proceeding_status", p.status)) {
    return domain::invalidField("status", "Choose the status from the list offered.");
  }
  if (!p.outcome.empty() && !inCodeList("proceeding_outcome", p.outcome)) {
    return domain::invalidField("outcome", "Choose the outcome from the list offered.");
  }
  if (!p.outcome.empty() && p.status != "concluded" && p.status != "appealed") {
    return domain::invalidField("outcome",
                                "Record an outcome once the proceeding is concluded or appealed.");
  }
  return {};
}

domain::Status validateProceeding(const ProceedingInput& p, domain::UnixMillis /*now*/) {
  if (auto ok = checkCodes(p); !ok) {
    return ok;
  }
  if (utf8Length(p.court_name) > kMaxCourtChars) {
    return domain::invalidField("court.name", "Keep the court's name under 300 characters.");
  }
  if (utf8Length(p.reference) > kMaxReferenceChars) {
    return domain::invalidField("reference", "Keep the case reference under 100 characters.");
  }
  if (auto ok = checkMoney(p.claimed, "compensation_claimed"); !ok) {
    return ok;
  }
  if (auto ok = checkMoney(p.awarded, "compensation_awarded"); !ok) {
    return ok;
  }
  if (p.hearings.size() > kMaxHearings) {
    return domain::invalidField("hearings", "Record at most 100 hearings.");
  }
  for (std::size_t i = 0; i < p.hearings.size(); ++i) {
    if (auto ok = checkHearing(p.hearings[i], "hearings[" + std::to_string(i) + "]"); !ok) {
      return ok;
    }
  }
  return {};
}

std::string hearingRecord(const std::string& proceeding_id, std::size_t position) {
  return proceeding_id + "/" + std::to_string(position);
}

bool hasText(const ProceedingInput& p) {
  return !p.court_name.empty() || !p.reference.empty() ||
         std::any_of(p.hearings.begin(), p.hearings.end(),
                     [](const HearingInput& h) { return !h.note.empty(); });
}

// The row of proceeding `id` from `p`, its text sealed under the key of the case's client (a
// Conflict when the person was erased and there is text to seal).
Result<store::ProceedingRow> sealedRow(const Context& ctx, const LoadedCase& loaded,
                                       ProceedingInput p, const std::string& id) {
  std::optional<vault::PersonKey> key;
  if (hasText(p)) {
    auto sealing = sealingKey(ctx, loaded, "court.name");
    if (!sealing) {
      return tl::unexpected(sealing.error());
    }
    key.emplace(std::move(*sealing));
  }
  const auto seal = [&](vault::SealedField field, const std::string& record,
                        const std::string& text) {
    return text.empty() ? std::string() : ctx.vault.seal(*key, {field, record}, text);
  };
  store::ProceedingRow row;
  row.id = id;
  row.case_id = loaded.kase.id;
  row.kind = std::move(p.kind);
  row.role = std::move(p.role);
  row.status = std::move(p.status);
  row.court_agency_id = std::move(p.court_agency_id);
  row.court_sealed = seal(vault::SealedField::kProceedingCourt, id, p.court_name);
  row.reference_sealed = seal(vault::SealedField::kProceedingReference, id, p.reference);
  row.claimed_amount = p.claimed.amount;
  row.claimed_currency = std::move(p.claimed.currency);
  row.awarded_amount = p.awarded.amount;
  row.awarded_currency = std::move(p.awarded.currency);
  row.outcome = std::move(p.outcome);
  for (std::size_t i = 0; i < p.hearings.size(); ++i) {
    HearingInput& h = p.hearings[i];
    row.hearings.push_back({std::move(h.held_on), std::move(h.kind), std::move(h.support),
                            seal(vault::SealedField::kHearingNote, hearingRecord(id, i), h.note)});
  }
  return row;
}

Result<Proceeding> openProceeding(const Context& ctx, const std::optional<vault::PersonKey>& key,
                                  store::ProceedingRow row) {
  Proceeding p;
  auto court = openText(ctx, key, {vault::SealedField::kProceedingCourt, row.id}, row.court_sealed);
  auto reference =
      openText(ctx, key, {vault::SealedField::kProceedingReference, row.id}, row.reference_sealed);
  if (!court || !reference) {
    return tl::unexpected(!court ? court.error() : reference.error());
  }
  p.court_name = std::move(*court);
  p.reference = std::move(*reference);
  for (std::size_t i = 0; i < row.hearings.size(); ++i) {
    store::HearingRow& h = row.hearings[i];
    auto note = openText(ctx, key, {vault::SealedField::kHearingNote, hearingRecord(row.id, i)},
                         h.note_sealed);
    if (!note) {
      return tl::unexpected(note.error());
    }
    h.note_sealed.clear();
    p.hearing_notes.push_back(std::move(*note));
  }
  row.court_sealed.clear();
  row.reference_sealed.clear();
  p.row = std::move(row);
  p.text_visible = key.has_value();
  return p;
}

// `list` opened for a reader of `loaded` with access `access`.
Result<ProceedingList> openedList(const Context& ctx, const LoadedCase& loaded,
                                  policy::CaseAccess access, EntryList<Proceedings> list) {
  auto key = openingKey(ctx, loaded, access);
  if (!key) {
    return tl::unexpected(key.error());
  }
  ProceedingList out{{}, std::move(list.names)};
  for (auto& row : list.rows) {
    auto opened = openProceeding(ctx, *key, std::move(row));
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    out.items.push_back(std::move(*opened));
  }
  return out;
}

// The case id of a proceeding's reference (proceedingRef), and the proceeding's ("" for none).
std::string caseOfRef(const std::string& ref) { return ref.substr(0, ref.find('/')); }
std::string proceedingOfRef(const std::string& ref) {
  const auto slash = ref.find('/');
  return slash == std::string::npos ? std::string() : ref.substr(slash + 1);
}

// The case's proceedings as the actor may read them; `proceeding_id` keeps that one alone ("" for
// all). The read is recorded as case_proceeding.list when `audited`.
awaitable<Result<ProceedingList>> readProceedings(Context ctx, Actor actor, std::string case_id,
                                                  std::string proceeding_id, bool audited) {
  auto readable = co_await readableCase(ctx, actor, std::move(case_id));
  if (!readable) {
    co_return tl::unexpected(readable.error());
  }
  const LoadedCase& loaded = readable->loaded;
  auto list = co_await readEntries<Proceedings>(ctx, loaded.kase.org_id, loaded.kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  // One proceeding alone: another case's, or none, is not found.
  if (!proceeding_id.empty() && !keepOnly(list->rows, proceeding_id, "proceeding")) {
    co_return tl::unexpected(recordNotFound());
  }
  const auto entry = actor.entry(AuditAction::kCaseProceedingList, loaded.kase.id);
  if (auto s = audited ? co_await hotline::recordAudit(ctx, entry) : domain::Status{}; !s) {
    co_return tl::unexpected(s.error());
  }
  co_return openedList(ctx, loaded, readable->access, std::move(*list));
}

// Validates `input`, its court agency, then writes the proceeding `id` of `loaded` with `write`
// (insert or update of the sealed row) and `action`; answers the proceeding alone.
template <class Write>
awaitable<Result<ProceedingList>> writeProceeding(Context ctx, const Actor& actor,
                                                  LoadedCase loaded, ProceedingInput input,
                                                  std::string id, AuditAction action, Write write) {
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateProceeding(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok =
          co_await checkAgency(ctx, loaded.kase.org_id, input.court_agency_id, "court.agency_id");
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto row = sealedRow(ctx, loaded, std::move(input), id);
  if (!row) {
    co_return tl::unexpected(row.error());
  }
  row->created_by = row->updated_by = actor.principal.user_id;
  row->created_at = row->updated_at = now;
  store::WriteJob job = [row = std::move(*row), write](store::WriteContext& w) {
    return write(w, row);
  };
  auto list = co_await writeEntry<Proceedings>(ctx, actor, loaded, std::move(job), action, id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  co_return openedList(ctx, loaded, policy::CaseAccess::kFull, std::move(*list));
}

}  // namespace

// Read back after a write by the entry machinery; written by addProceeding and changeProceeding.
const EntryKind<Proceedings> Proceedings::kKind{store::listProceedings,
                                                store::insertProceeding,
                                                validateProceeding,
                                                nullptr,
                                                &ProceedingInput::court_agency_id,
                                                "court.agency_id",
                                                AuditAction::kCaseProceedingCreate,
                                                "proceeding"};

awaitable<Result<ProceedingList>> listProceedings(Context ctx, Actor actor, std::string case_id) {
  co_return co_await readProceedings(ctx, std::move(actor), std::move(case_id), "", true);
}

awaitable<Result<ProceedingList>> addProceeding(Context ctx, Actor actor, std::string case_id,
                                                ProceedingInput input) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto insert = [](store::WriteContext& w, const store::ProceedingRow& row) {
    return store::insertProceeding(w, row);
  };
  co_return co_await writeProceeding(ctx, actor, std::move(*loaded), std::move(input),
                                     crypto::newId(), AuditAction::kCaseProceedingCreate, insert);
}

awaitable<Result<ProceedingList>> changeProceeding(Context ctx, Actor actor, std::string ref,
                                                   ProceedingInput input, std::int32_t version) {
  std::string proceeding_id = proceedingOfRef(ref);
  auto loaded = co_await workableCase(ctx, actor, caseOfRef(ref));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto update = [version](store::WriteContext& w, const store::ProceedingRow& row) {
    return store::updateProceeding(w, row, version);
  };
  co_return co_await writeProceeding(ctx, actor, std::move(*loaded), std::move(input),
                                     std::move(proceeding_id), AuditAction::kCaseProceedingUpdate,
                                     update);
}

awaitable<Result<ProceedingList>> readProceeding(Context ctx, Actor actor, std::string ref) {
  co_return co_await readProceedings(ctx, std::move(actor), caseOfRef(ref), proceedingOfRef(ref),
                                     false);
}

}  // namespace strada::cases
