// The step in code of migration 0011 (migrations/0011_sealed_region_and_data_steps.sql): what SQL
// cannot do because it needs the vault. Run after the schema migrations, at `strada migrate` and
// at server start (app/data_dir.cpp: openData), before anything else uses the data.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string_view>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::hotline {

// The name data_migrations records the step under.
inline constexpr std::string_view kCallerRecordsStep = "0010_caller_e164_sealed_region";

// Once per database (recorded in data_migrations; nothing when recorded already): for every
// contact, re-opens its sealed caller identifier, recomputes its blind index with the
// organisation's country (numbers to E.164), and moves the organisation's caller flags and
// telephony calls that carried the old index to the new one; seals a region written in the clear
// before 0011 and empties caller_region. In batches of 500 contacts, one transaction each; the
// last records the step and its audit event (contact.upgrade, the number of contacts changed).
// Safe to interrupt and to run on two servers at once: every batch gives the same result again.
// The answer is the number of contacts changed. Internal when a sealed value does not open.
[[nodiscard]] awaitable<Result<std::int64_t>> upgradeStoredContacts(Context ctx);

}  // namespace strada::hotline
