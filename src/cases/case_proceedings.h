// Use cases of a case's court proceedings: criminal, civil, labour or administrative, the
// person's role in them, the court (a directory agency, or a name in free text), the court's
// case reference, the status and, once concluded, the outcome; the hearings with their dates and
// the support given; the compensation claimed and awarded (whole units of an ISO 4217 currency).
// The court's free-text name, the reference and the hearings' notes are sealed under the key of
// the case's client; the rest is coded and reportable.
//
// Reads need kCaseRead on a visible case (a data officer gets the coded fields, never the sealed
// text); changes kCaseUpdate on a workable case. Every read and change is audited; proceedings
// and their hearings are on the case's timeline.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cases/case_entries.h"
#include "cases/context.h"
#include "domain/error.h"
#include "store/case_proceeding_repository.h"

namespace strada::cases {

struct HearingInput {
  std::string held_on;               // YYYY-MM-DD (a hearing to come may be recorded)
  std::string kind;                  // hearing_kind
  std::vector<std::string> support;  // hearing_support codes
  std::string note;                  // free text, sealed; "" for none
};

struct MoneyInput {
  std::int32_t amount = -1;  // whole units, -1 when not given
  std::string currency;      // ISO 4217 (three capital letters), required with an amount
};

struct ProceedingInput {
  std::string kind;    // proceeding_kind
  std::string role;    // proceeding_role
  std::string status;  // proceeding_status
  std::string court_agency_id;
  std::string court_name;  // free text, sealed
  std::string reference;   // the court's case reference, sealed
  MoneyInput claimed;
  MoneyInput awarded;
  std::string outcome;  // proceeding_outcome, once concluded or appealed
  std::vector<HearingInput> hearings;
};

// One proceeding, its sealed text opened where the reader may read it (`text_visible`).
struct Proceeding {
  store::ProceedingRow row;  // sealed columns cleared
  std::string court_name;
  std::string reference;
  std::vector<std::string> hearing_notes;  // one per hearing
  bool text_visible = false;
};
struct ProceedingList {
  std::vector<Proceeding> items;
  std::map<std::string, std::string> names;
};

// The kind of entry the entry machinery (case_entry_steps.h) reads and writes back.
struct Proceedings {
  using Input = ProceedingInput;
  using Row = store::ProceedingRow;
  static const EntryKind<Proceedings> kKind;  // case_proceedings.cpp
};

// case_proceeding.list.
[[nodiscard]] boost::asio::awaitable<domain::Result<ProceedingList>> listProceedings(
    Context ctx, Actor actor, std::string case_id);
// case_proceeding.create. Returns the new proceeding alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<ProceedingList>> addProceeding(
    Context ctx, Actor actor, std::string case_id, ProceedingInput input);

// A proceeding of a case: "<case id>/<proceeding id>" (the route's two ids, one reference).
inline std::string proceedingRef(const std::string& case_id, const std::string& proceeding_id) {
  return case_id + "/" + proceeding_id;
}

// case_proceeding.update: replaces the proceeding `ref` (its hearings too) when `version` is its
// version (Conflict on "version" otherwise). Returns the proceeding alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<ProceedingList>> changeProceeding(
    Context ctx, Actor actor, std::string ref, ProceedingInput input, std::int32_t version);
// The proceeding `ref` alone, as its reader may see it (what a stale change answers); not audited.
[[nodiscard]] boost::asio::awaitable<domain::Result<ProceedingList>> readProceeding(
    Context ctx, Actor actor, std::string ref);

}  // namespace strada::cases
