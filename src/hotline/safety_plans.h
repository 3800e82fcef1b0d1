// Use cases of safety plans: write one for a contact, change it (optimistic versions), open it.
// Every part of a plan is sealed together as one text (vault::SealedField::kSafetyPlan); every
// read and write is audited. A plan hangs from its contact, so the contact's rules apply first:
// another organisation's contact and someone else's draft answer NotFound, as a missing plan
// does (policy::requireContactVisible).
#pragma once

#include <array>
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "hotline/context.h"
#include "store/contact_repository.h"

namespace strada::hotline {

// The parts of a plan, by name; SafetyPlanParts holds them in this order.
inline constexpr std::array<std::string_view, 7> kSafetyPlanParts = {
    "risks", "options", "safe_contacts", "code_word", "documents", "emergency_numbers", "notes"};
inline constexpr std::size_t kMaxSafetyPlanPartBytes = 4000;
using SafetyPlanParts = std::array<std::string, kSafetyPlanParts.size()>;

// A plan as its reader sees it: the record (its `sealed` column not meaningful) and its parts.
struct SafetyPlan {
  store::SafetyPlanRow record;
  SafetyPlanParts parts;
};

// Writes the plan of contact `contact_id` (kSafetyPlanWrite), recorded as safety_plan.create.
// InvalidArgument naming the part longer than 4,000 bytes, or for a non-data contact; Conflict
// (field "contact_id") when the contact has a plan already.
[[nodiscard]] awaitable<Result<SafetyPlan>> createSafetyPlan(Context ctx, Actor actor,
                                                             std::string contact_id,
                                                             SafetyPlanParts parts);

// Replaces the plan's parts if its version is still `expected_version` (Conflict, field
// "version", otherwise), recorded as safety_plan.update.
[[nodiscard]] awaitable<Result<SafetyPlan>> updateSafetyPlan(Context ctx, Actor actor,
                                                             std::string contact_id,
                                                             SafetyPlanParts parts,
                                                             std::int32_t expected_version);

// Opens the plan (kSafetyPlanRead), recorded as safety_plan.read before it is returned.
[[nodiscard]] awaitable<Result<SafetyPlan>> readSafetyPlan(Context ctx, Actor actor,
                                                           std::string contact_id);

}  // namespace strada::hotline
