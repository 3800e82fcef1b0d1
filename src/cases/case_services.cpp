// Services delivered on a case (case_entries.h).
#include <utility>

#include "cases/case_entries.h"
#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"
#include "domain/codes.h"
#include "hotline/contact_records.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

domain::Status validateService(const ServiceInput& s, domain::UnixMillis now) {
  if (!inCodeList("service_type", s.type)) {
    return domain::invalidField("type", "Choose the service from the list offered.");
  }
  auto started = domain::parseCalendarDate(s.started_on, "started_on");
  if (!started) {
    return tl::unexpected(started.error());
  }
  if (*started > now / 86'400'000) {
    return domain::invalidField("started_on", "A service delivered cannot start in the future.");
  }
  if (!s.ended_on.empty()) {
    auto ended = domain::parseCalendarDate(s.ended_on, "ended_on");
    if (!ended) {
      return tl::unexpected(ended.error());
    }
    if (*ended < *started) {
      return domain::invalidField("ended_on", "A service cannot end before it starts.");
    }
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

awaitable<Result<ServiceList>> readServices(Context ctx, std::string org_id, std::string case_id) {
  auto job = [org_id, case_id](soci::session& sql) -> Result<ServiceList> {
    auto rows = store::listServices(sql, case_id);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    ServiceList list;
    list.services = std::move(*rows);
    list.names = std::move(*names);
    return list;
  };
  co_return co_await store::awaitRead<Result<ServiceList>>(ctx.db, std::move(job));
}

}  // namespace

awaitable<Result<ServiceList>> listServices(Context ctx, Actor actor, std::string case_id) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await readServices(ctx, loaded->kase.org_id, loaded->kase.id);
}

awaitable<Result<ServiceList>> recordService(Context ctx, Actor actor, std::string case_id,
                                             ServiceInput input) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validateService(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok = co_await checkAgency(ctx, loaded->kase.org_id, input.provider_agency_id,
                                     "provider.agency_id");
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  store::ServiceRow row{crypto::newId(),
                        loaded->kase.id,
                        input.type,
                        input.provider_agency_id,
                        input.started_on,
                        input.ended_on,
                        input.duration_minutes,
                        input.amount,
                        input.outcome,
                        actor.principal.user_id,
                        now};
  store::WriteJob insert = [row](store::WriteContext& w) { return store::insertService(w, row); };
  if (auto s = co_await hotline::writeAudited(
          ctx, std::move(insert),
          actor.entry(audit::AuditAction::kCaseServiceCreate, loaded->kase.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  auto list = co_await readServices(ctx, loaded->kase.org_id, loaded->kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (auto kept = keepOnly(list->services, row.id, "recorded service"); !kept) {
    co_return tl::unexpected(kept.error());
  }
  co_return list;
}

}  // namespace strada::cases
