// Use cases of what is recorded on a case: consents (typed; a withdrawal takes effect at once),
// notes (sealed under the key of the case's client), and the timeline that merges them with the
// case's stages, assignments and linked contacts.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "store/case_entry_repository.h"

namespace strada::cases {

struct ConsentInput {
  std::string kind;
  std::string share_agency_id;
  std::string share_kind;
  std::string given_as;
  std::string given_on;
  std::string scope;
  std::string expires_on;
};

struct ServiceInput {
  std::string type;
  std::string provider_agency_id;  // "" for the own organisation
  std::string started_on;
  std::string ended_on;
  std::int32_t duration_minutes = -1;
  std::int32_t amount = -1;
  std::string outcome;
};

// The entries of one kind on a case, with the names of the users they name.
template <class Row>
struct CaseEntryList {
  std::vector<Row> rows;
  std::map<std::string, std::string> names;
  std::string today;  // YYYY-MM-DD at the context's clock: what "expired" is judged against
};

// What the use cases of entries below need to know of a kind (case_entry_steps.h).
template <class Kind>
struct EntryKind;

// The kinds of entry recorded on a case and listed, by the same use cases below.
struct Consents {
  using Input = ConsentInput;
  using Row = store::ConsentRow;
  static const EntryKind<Consents> kKind;  // case_entries.cpp
};
struct Services {
  using Input = ServiceInput;
  using Row = store::ServiceRow;
  static const EntryKind<Services> kKind;  // case_services.cpp
};

template <class Kind>
using EntryList = CaseEntryList<typename Kind::Row>;
using ConsentList = EntryList<Consents>;
using ServiceList = EntryList<Services>;

// kCaseRead with requireCaseVisible (consents and services are coded: a data officer sees them).
template <class Kind>
[[nodiscard]] boost::asio::awaitable<domain::Result<EntryList<Kind>>> listEntries(
    Context ctx, Actor actor, std::string case_id);
// Use cases, named as functions are (not kName).
// NOLINTBEGIN(readability-identifier-naming)
inline constexpr auto& listConsents = listEntries<Consents>;
inline constexpr auto& listServices = listEntries<Services>;
// NOLINTEND(readability-identifier-naming)

// kCaseUpdate with requireCaseWorkable; the kind's audit action on the case (consent.create,
// case_service.create). Returns the new entry alone.
template <class Kind>
[[nodiscard]] boost::asio::awaitable<domain::Result<EntryList<Kind>>> recordEntry(
    Context ctx, Actor actor, std::string case_id, typename Kind::Input input);
// NOLINTBEGIN(readability-identifier-naming)
inline constexpr auto& recordConsent = recordEntry<Consents>;
inline constexpr auto& recordService = recordEntry<Services>;
// NOLINTEND(readability-identifier-naming)

// kCaseUpdate with requireCaseWorkable; consent.withdraw. `on` "" for today. Returns the
// withdrawn consent alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<ConsentList>> withdrawConsent(
    Context ctx, Actor actor, std::string case_id, std::string consent_id, std::string on);

// "active", "withdrawn" or "expired" (expires_on before `today`).
std::string consentState(const store::ConsentRow& consent, const std::string& today);

struct Note {
  std::string id;
  std::optional<std::string> text;  // none once the person is erased (the key is destroyed)
  std::string author;
  std::string author_name;
  domain::UnixMillis created_at = 0;
};
// kCaseRead with full access (never a data officer); case_note.list. Notes of an erased person
// come without text.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<Note>>> listNotes(
    Context ctx, Actor actor, std::string case_id);
// kCaseUpdate with requireCaseWorkable; 1 to 20000 characters; case_note.create.
[[nodiscard]] boost::asio::awaitable<domain::Result<Note>> addNote(Context ctx, Actor actor,
                                                                   std::string case_id,
                                                                   std::string text);
// addNote without its permission and access checks, for a use case that made its own (a partner's
// referral, cases/partner_referrals.h): the same rule on the text, sealing and case_note.create.
[[nodiscard]] boost::asio::awaitable<domain::Result<Note>> writeNote(Context ctx, Actor actor,
                                                                     std::string case_id,
                                                                     std::string text);

struct TimelineEntry {
  domain::UnixMillis at = 0;
  std::string kind;  // status_change, closure_request, consent, consent_withdrawal, note,
                     // contact_link, assignment, service, task, task_done, proceeding, hearing
                     // (at its day, by who recorded it last), follow_up
  std::string by;
  std::string by_name;
  std::string ref;      // consent, note or contact id, or ""
  std::string summary;  // codes only
};
// kCaseRead with requireCaseVisible, oldest first; case.timeline_read.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<TimelineEntry>>> caseTimeline(
    Context ctx, Actor actor, std::string case_id);

}  // namespace strada::cases
