#include "hotline/safety_plans.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <limits>
#include <optional>
#include <utility>

#include "crypto/crypto.h"
#include "hotline/contact_records.h"
#include "hotline/use_case_steps.h"

namespace strada::hotline {
namespace {

domain::Error planNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such contact or safety plan.", "", ""};
}

domain::Status validateParts(const SafetyPlanParts& parts) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].size() > kMaxSafetyPlanPartBytes) {
      return domain::invalidField(std::string(kSafetyPlanParts[i]),
                                  "Keep each part of the plan under 4,000 characters.");
    }
  }
  return {};
}

// The sealed text of a plan: a JSON object of its parts (the form plans have been stored in
// since the first one; the vault seals it whole).
std::string sealedText(const SafetyPlanParts& parts) {
  boost::json::object plan;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    plan[kSafetyPlanParts[i]] = parts[i];
  }
  return boost::json::serialize(plan);
}

Result<SafetyPlanParts> partsOf(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value plan = boost::json::parse(text, ec);
  if (ec || !plan.is_object()) {
    return domain::internalError("safety plan content is not a JSON object");
  }
  SafetyPlanParts parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto* v = plan.as_object().if_contains(kSafetyPlanParts[i]);
    if (v != nullptr && v->is_string()) {
      parts[i] = std::string(v->as_string());
    }
  }
  return parts;
}

struct PlanTarget {
  domain::Contact contact;  // coded fields
  std::optional<store::SafetyPlanRow> plan;
};

// The contact `contact_id`, if `who` holds `what` and may see the contact (contact_records.h:
// findVisibleContact), with its plan; planNotFound() for a contact `who` may not see.
awaitable<Result<PlanTarget>> loadTarget(Context ctx, const policy::Principal& who,
                                         policy::Permission what, std::string contact_id) {
  if (auto may = policy::require(who, what); !may) {
    co_return tl::unexpected(may.error());
  }
  auto found = co_await findVisibleContact(ctx, who, std::move(contact_id));
  if (!found) {
    co_return found.error().code == domain::ErrorCode::kNotFound ? tl::unexpected(planNotFound())
                                                                 : tl::unexpected(found.error());
  }
  PlanTarget target{std::move(found->contact), std::nullopt};
  auto job = [org = target.contact.org_id, id = target.contact.id](soci::session& sql) {
    return store::findSafetyPlanByContact(sql, org, id);
  };
  auto plan = co_await store::awaitRead<Result<std::optional<store::SafetyPlanRow>>>(
      ctx.db, std::move(job));
  if (!plan) {
    co_return tl::unexpected(plan.error());
  }
  target.plan = std::move(*plan);
  co_return target;
}

// The target of a write of `parts` (validated first) to the plan of `contact_id`.
awaitable<Result<PlanTarget>> loadWriteTarget(Context ctx, const policy::Principal& who,
                                              std::string contact_id,
                                              const SafetyPlanParts& parts) {
  if (auto valid = validateParts(parts); !valid) {
    co_return tl::unexpected(valid.error());
  }
  co_return co_await loadTarget(ctx, who, policy::Permission::kSafetyPlanWrite,
                                std::move(contact_id));
}

// Seals `plan` and writes it, a new plan when `expected` is nullopt (else the change of version
// `expected`), with its audit event `action`; the plan as written.
awaitable<Result<SafetyPlan>> writePlan(Context ctx, const Actor& actor, SafetyPlan plan,
                                        std::optional<std::int32_t> expected, AuditAction action) {
  store::SafetyPlanRow row = plan.record;
  row.sealed = ctx.vault.seal({vault::SealedField::kSafetyPlan, row.id}, sealedText(plan.parts));
  auto write = [row = std::move(row), expected](store::WriteContext& w) {
    return expected ? store::updateSafetyPlan(w, row, *expected) : store::insertSafetyPlan(w, row);
  };
  auto entry = actor.entry(action, plan.record.id);
  if (auto written = co_await writeAudited(ctx, std::move(write), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return plan;
}

}  // namespace

awaitable<Result<SafetyPlan>> createSafetyPlan(Context ctx, Actor actor, std::string contact_id,
                                               SafetyPlanParts parts) {
  const policy::Principal& who = actor.principal;
  auto target = co_await loadWriteTarget(ctx, who, std::move(contact_id), parts);
  if (!target) {
    co_return tl::unexpected(target.error());
  }
  if (target->contact.data.kind == domain::kKindNonData) {
    co_return domain::fail(domain::ErrorCode::kInvalidArgument,
                           "A non-data contact has no safety plan.", "");
  }
  if (target->plan) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This contact has a safety plan already. Open it and change it.",
                           "contact_id");
  }
  const domain::UnixMillis now = ctx.clock();
  SafetyPlan plan{store::SafetyPlanRow{crypto::newId(), who.org_id, target->contact.id, "",
                                       who.user_id, now, who.user_id, now, 1},
                  std::move(parts)};
  co_return co_await writePlan(ctx, actor, std::move(plan), std::nullopt,
                               AuditAction::kSafetyPlanCreate);
}

awaitable<Result<SafetyPlan>> updateSafetyPlan(Context ctx, Actor actor, std::string contact_id,
                                               SafetyPlanParts parts,
                                               std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  auto target = co_await loadWriteTarget(ctx, who, std::move(contact_id), parts);
  if (!target) {
    co_return tl::unexpected(target.error());
  }
  if (!target->plan) {
    co_return tl::unexpected(planNotFound());
  }
  if (expected_version == std::numeric_limits<std::int32_t>::max()) {
    co_return domain::fail(domain::ErrorCode::kConflict, "This plan cannot be changed any more.",
                           "version", "version at maximum");
  }
  SafetyPlan plan{*target->plan, std::move(parts)};
  plan.record.updated_by = who.user_id;
  plan.record.updated_at = ctx.clock();
  plan.record.version = expected_version + 1;
  plan.record.sealed.clear();
  co_return co_await writePlan(ctx, actor, std::move(plan), expected_version,
                               AuditAction::kSafetyPlanUpdate);
}

awaitable<Result<SafetyPlan>> readSafetyPlan(Context ctx, Actor actor, std::string contact_id) {
  auto target = co_await loadTarget(ctx, actor.principal, policy::Permission::kSafetyPlanRead,
                                    std::move(contact_id));
  if (!target) {
    co_return tl::unexpected(target.error());
  }
  if (!target->plan) {
    co_return tl::unexpected(planNotFound());
  }
  SafetyPlan plan{std::move(*target->plan), {}};
  auto opened =
      ctx.vault.open({vault::SealedField::kSafetyPlan, plan.record.id}, plan.record.sealed);
  if (!opened) {
    co_return tl::unexpected(opened.error());
  }
  auto parts = partsOf(*opened);
  if (!parts) {
    co_return tl::unexpected(parts.error());
  }
  plan.parts = std::move(*parts);
  plan.record.sealed.clear();
  // The read is recorded before any of it is shown.
  auto entry = actor.entry(AuditAction::kSafetyPlanRead, plan.record.id);
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return plan;
}

}  // namespace strada::hotline
