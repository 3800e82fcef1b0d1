// Services delivered on a case (case_entries.h).
#include <utility>

#include "cases/case_entries.h"
#include "cases/case_entry_steps.h"
#include "cases/case_records.h"
#include "store/case_entry_repository.h"

namespace strada::cases {
namespace {

domain::Status validateService(const ServiceInput& s, domain::UnixMillis now) {
  if (!inCodeList("service_type", s.type)) {
    return domain::invalidField("type", "Choose the service from the list offered.");
  }
  auto started = dayNotAfter(s.started_on, "started_on", now,
                             "A service delivered cannot start in the future.");
  if (!started) {
    return tl::unexpected(started.error());
  }
  if (auto ended =
          checkEndDay(s.ended_on, "ended_on", *started, "A service cannot end before it starts.");
      !ended) {
    return ended;
  }
  if (s.duration_minutes < -1 || s.duration_minutes > 100'000) {
    return domain::invalidField("duration_minutes", "Give the duration in minutes (0 to 100000).");
  }
  if (s.amount < -1) {
    return domain::invalidField("amount", "Give the amount as a whole number, 0 or more.");
  }
  if (!s.outcome.empty() && !inCodeList("service_outcome", s.outcome)) {
    return domain::invalidField("outcome", "Choose the outcome from the list offered.");
  }
  return {};
}

store::ServiceRow serviceRow(ServiceInput s, std::string id, std::string case_id, std::string by,
                             domain::UnixMillis now) {
  return store::ServiceRow{std::move(id),
                           std::move(case_id),
                           std::move(s.type),
                           std::move(s.provider_agency_id),
                           std::move(s.started_on),
                           std::move(s.ended_on),
                           s.duration_minutes,
                           s.amount,
                           std::move(s.outcome),
                           std::move(by),
                           now};
}

}  // namespace

const EntryKind<Services> Services::kKind{.list = store::listServices,
                                          .insert = store::insertService,
                                          .validate = validateService,
                                          .row = serviceRow,
                                          .agency_id = &ServiceInput::provider_agency_id,
                                          .agency_field = "provider.agency_id",
                                          .created = audit::AuditAction::kCaseServiceCreate,
                                          .name = "service"};

}  // namespace strada::cases
