// The organisation's retention rules (issue 10, section 5; domain/retention.h), for its
// administrators and data officers (retention.manage): GET and PUT /api/v1/admin/retention and
// GET /api/v1/admin/retention/preview (how many records each rule would purge now). Every call is
// audited. The purge itself runs in `strada purge --apply` and the daily job of `strada serve`,
// never on a request's path.
#include "domain/retention.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <set>

#include "api/async.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"
#include "domain/time.h"
#include "store/async.h"
#include "store/retention_repository.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxRules = 16;

boost::json::array kindsJson() {
  boost::json::array kinds;
  for (const std::string_view kind : domain::retentionKinds()) {
    kinds.emplace_back(kind);
  }
  return kinds;
}

boost::json::object encodeRule(const domain::RetentionRule& rule) {
  return {{"kind", rule.kind},
          {"keep_days", rule.keep_days},
          {"action", rule.action},
          {"updated_at", rule.updated_at > 0
                             ? boost::json::value(domain::formatRfc3339(rule.updated_at))
                             : boost::json::value(nullptr)}};
}

// The rules of a PUT body {"rules": [{"kind", "keep_days", "action"}, ...]}.
Result<std::vector<domain::RetentionRule>> decodeRules(std::string_view body) {
  auto input = JsonInput::parse(body);
  if (!input) {
    return tl::unexpected(input.error());
  }
  if (!input->has("rules")) {
    return domain::invalidField("rules",
                                "Give the list of rules (an empty list keeps every record).");
  }
  JsonFields in(body);
  std::vector<domain::RetentionRule> rules;
  std::set<std::string> kinds;
  for (JsonFields& each : in.objects("rules", kMaxRules)) {
    const std::string prefix = "rules[" + std::to_string(rules.size()) + "].";
    domain::RetentionRule& rule = rules.emplace_back();
    each.required("kind", rule.kind, 64);
    each.integer("keep_days", rule.keep_days, 0, 1'000'000);
    each.required("action", rule.action, 32);
    if (!each.ok()) {
      break;
    }
    if (auto checked = domain::checkRetentionRule(rule, prefix); !checked) {
      each.refuse(checked.error());
    } else if (!kinds.insert(rule.kind).second) {
      each.refuse(domain::Error{domain::ErrorCode::kInvalidArgument, "Give one rule per kind.",
                                prefix + "kind", ""});
    }
  }
  return in.finish(std::move(rules));
}

// GET /api/v1/admin/retention: the rules and the kinds a rule can name.
awaitable<http::Response> getRules(ApiContext& ctx, http::Request& req,
                                   const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  auto job = [org = who.org_id](soci::session& sql) { return store::retentionRules(sql, org); };
  auto rules =
      co_await awaitRead<Result<std::vector<domain::RetentionRule>>>(ctx.db, std::move(job));
  if (!rules) {
    co_return errorResponse(req, rules.error());
  }
  store::WriteJob audit = [who, rid = req.request_id](store::WriteContext& w) {
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kRetentionRead,
                                     who.org_id, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(audit)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(
      200, boost::json::object{{"items", encodeEach(*rules, encodeRule)}, {"kinds", kindsJson()}});
}

// PUT /api/v1/admin/retention: replaces every rule of the organisation.
awaitable<http::Response> putRules(ApiContext& ctx, http::Request& req,
                                   const policy::Principal& who) {
  auto rules = decodeRules(req.body);
  if (!rules) {
    co_return errorResponse(req, rules.error());
  }
  std::string kinds;
  for (const auto& rule : *rules) {
    kinds += (kinds.empty() ? "" : ",") + rule.kind;
  }
  store::WriteJob save = [who, rules = *rules, kinds = "kinds=" + (kinds.empty() ? "none" : kinds),
                          rid = req.request_id](store::WriteContext& w) -> domain::Status {
    if (auto s = store::replaceRetentionRules(w, who.org_id, rules, who.user_id); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kRetentionUpdate,
                                     kinds, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  auto job = [org = who.org_id](soci::session& sql) { return store::retentionRules(sql, org); };
  auto saved =
      co_await awaitRead<Result<std::vector<domain::RetentionRule>>>(ctx.db, std::move(job));
  if (!saved) {
    co_return errorResponse(req, saved.error());
  }
  co_return http::Response::json(
      200, boost::json::object{{"items", encodeEach(*saved, encodeRule)}, {"kinds", kindsJson()}});
}

// GET /api/v1/admin/retention/preview: per rule, how many records are past their date now.
awaitable<http::Response> preview(ApiContext& ctx, http::Request& req,
                                  const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  const std::int64_t now = domain::nowMillis();
  auto job = [org = who.org_id, now](soci::session& sql) {
    return store::retentionPreview(sql, org, now);
  };
  auto counts =
      co_await awaitRead<Result<std::vector<store::RetentionCount>>>(ctx.db, std::move(job));
  if (!counts) {
    co_return errorResponse(req, counts.error());
  }
  std::string summary;
  boost::json::array items;
  for (const auto& c : *counts) {
    summary += (summary.empty() ? "" : ",") + c.rule.kind + "=" + std::to_string(c.due);
    boost::json::object item = encodeRule(c.rule);
    item["due"] = c.due;
    item["past"] = domain::formatRfc3339(domain::retentionCutoff(c.rule, now));
    items.emplace_back(std::move(item));
  }
  store::WriteJob audit = [who, summary = summary.empty() ? std::string("none") : summary,
                           rid = req.request_id](store::WriteContext& w) {
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kRetentionPreview,
                                     summary, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(audit)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(
      200, boost::json::object{{"items", std::move(items)}, {"at", domain::formatRfc3339(now)}});
}

}  // namespace

void registerRetentionRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/admin/retention", Permission::kRetentionManage, getRules);
  routes.route("PUT", "/api/v1/admin/retention", Permission::kRetentionManage, putRules);
  routes.route("GET", "/api/v1/admin/retention/preview", Permission::kRetentionManage, preview);
}

}  // namespace strada::api
