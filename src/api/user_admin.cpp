// The organisation's administrator and its users' sign-in (issue 10, section 1): the users with
// their e-mail, second factor and sessions; a password reset (a temporary password, shown once,
// to be changed at the next sign-in); a second factor reset (set up again at the next sign-in);
// and whether the organisation requires a second factor of every user. Each ends the user's
// sessions and is audited. Another organisation's user answers 404, as a missing one.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <memory>

#include "api/async.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "crypto/totp.h"
#include "store/account_security_repository.h"
#include "store/async.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::ErrorCode;
using domain::Result;

constexpr std::size_t kTemporaryPasswordBytes = 10;  // 16 base32 characters, 80 bits

struct Listing {
  Result<std::vector<store::ManagedUser>> users;
  Result<bool> all = false;
};

// GET /api/v1/admin/users: audited (it lists e-mail addresses).
awaitable<http::Response> listUsers(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  auto job = [org = who.org_id](soci::session& sql) {
    return Listing{store::listManagedUsers(sql, org), store::secondFactorForAll(sql, org)};
  };
  Listing found = co_await awaitRead<Listing>(ctx.db, std::move(job));
  if (!found.users || !found.all) {
    co_return errorResponse(req, !found.users ? found.users.error() : found.all.error());
  }
  store::WriteJob audit = [who, n = found.users->size(),
                           rid = req.request_id](store::WriteContext& w) {
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kUserList,
                                     "rows=" + std::to_string(n), rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(audit)); !s) {
    co_return errorResponse(req, s.error());
  }
  boost::json::array items;
  for (const auto& u : *found.users) {
    items.emplace_back(boost::json::object{{"id", u.id},
                                           {"email", u.email},
                                           {"name", colleagueName(u.name, u.id)},
                                           {"roles", encodeRoles(u.roles)},
                                           {"active", u.active},
                                           {"second_factor", u.second_factor},
                                           {"must_change_password", u.must_change_password},
                                           {"sessions", u.sessions},
                                           {"is_me", u.id == who.user_id}});
  }
  co_return http::Response::json(
      200, boost::json::object{{"items", std::move(items)}, {"second_factor_all", *found.all}});
}

// The user `id` of the administrator's organisation; NotFound for another's or none; Conflict for
// the administrator themself (their own password and second factor are changed under "Account
// security", with the current password or code).
awaitable<Result<domain::User>> managedUser(ApiContext& ctx, const http::Request& req,
                                            const policy::Principal& who) {
  if (auto done = JsonFields(req.body.empty() ? "{}" : req.body).finish(); !done) {
    co_return tl::unexpected(done.error());
  }
  const std::string id(req.param("id"));
  auto job = [id](soci::session& sql) { return store::findUserById(sql, id); };
  auto user = co_await awaitRead<Result<std::optional<domain::User>>>(ctx.db, std::move(job));
  if (!user) {
    co_return tl::unexpected(user.error());
  }
  if (!user->has_value() || (*user)->org_id != who.org_id) {
    co_return domain::fail(ErrorCode::kNotFound, "No such user in your organisation.", "id");
  }
  if ((*user)->id == who.user_id) {
    co_return domain::fail(ErrorCode::kConflict,
                           "Change your own password or second factor under Account security.",
                           "id");
  }
  co_return std::move(**user);
}

// The write of a reset: `change` on the user `id`, every session of theirs ended (how many, into
// `ended`), and `action` audited. A plain function on purpose: written as a coroutine taking the
// std::function (made from a temporary lambda) and references, it corrupted the heap under g++ 12
// (the second factor's integration test aborted); the exact cause was not pinned down.
store::WriteJob resetJob(const policy::Principal& who, const std::string& id,
                         audit::AuditAction action, const std::shared_ptr<std::int64_t>& ended,
                         const std::string& request_id,
                         std::function<domain::Status(store::WriteContext&)> change) {
  return [who, id, action, ended, change = std::move(change),
          rid = request_id](store::WriteContext& w) {
    if (auto s = change(w); !s) {
      return s;
    }
    auto sessions = store::deleteUserSessions(w, id, "");
    if (!sessions) {
      return domain::Status(tl::unexpected(sessions.error()));
    }
    *ended = *sessions;
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, action, id, rid});
  };
}

// POST /api/v1/admin/users/{id}/password-reset: a temporary password, answered once; the user
// must choose a new one at the next sign-in. Every session of the user ends.
awaitable<http::Response> resetPassword(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto user = co_await managedUser(ctx, req, who);
  if (!user) {
    co_return errorResponse(req, user.error());
  }
  std::string temporary = crypto::base32(crypto::randomBytes(kTemporaryPasswordBytes));
  for (char& c : temporary) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string shown = crypto::groupedInFours(temporary);
  auto work = [shown]() { return crypto::hashPassword(shown); };
  auto hashed = co_await store::awaitOnPool<Result<std::string>>(ctx.cpu, std::move(work));
  if (!hashed) {
    co_return errorResponse(req, hashed.error());
  }
  auto ended = std::make_shared<std::int64_t>(0);
  store::WriteJob save =
      resetJob(who, user->id, audit::AuditAction::kUserPasswordReset, ended, req.request_id,
               [id = user->id, hash = *hashed](store::WriteContext& w) {
                 return store::setUserPassword(w, id, hash, true, w.now());
               });
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(
      200, boost::json::object{{"temporary_password", shown}, {"sessions_ended", *ended}});
}

// POST /api/v1/admin/users/{id}/second-factor-reset: the user's second factor and recovery codes
// are gone (a lost phone); they set one up again at the next sign-in. Every session ends.
awaitable<http::Response> resetSecondFactor(ApiContext& ctx, http::Request& req,
                                            const policy::Principal& who) {
  auto user = co_await managedUser(ctx, req, who);
  if (!user) {
    co_return errorResponse(req, user.error());
  }
  auto ended = std::make_shared<std::int64_t>(0);
  store::WriteJob save = resetJob(
      who, user->id, audit::AuditAction::kUserSecondFactorReset, ended, req.request_id,
      [id = user->id](store::WriteContext& w) { return store::deleteSecondFactor(w, id); });
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(200, boost::json::object{{"sessions_ended", *ended}});
}

// PUT /api/v1/admin/second-factor-rule {"all": true|false}: whether every user of the
// organisation must sign in with a second factor (else the roles that reach sealed data).
awaitable<http::Response> setRule(ApiContext& ctx, http::Request& req,
                                  const policy::Principal& who) {
  auto input = JsonInput::parse(req.body);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  if (!input->has("all")) {
    co_return errorResponse(req, domain::Error{ErrorCode::kInvalidArgument,
                                               "Say whether every user needs a second factor "
                                               "(true or false).",
                                               "all", ""});
  }
  auto all = input->optionalBool("all", false);
  if (!all) {
    co_return errorResponse(req, all.error());
  }
  if (auto unknown = input->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  store::WriteJob save = [who, all = *all, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::setSecondFactorForAll(w, who.org_id, all); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id,
                                     audit::AuditAction::kOrgSecondFactorRule,
                                     all ? "all" : "sealed_roles", rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(200, boost::json::object{{"second_factor_all", *all}});
}

}  // namespace

void registerUserAdminRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/admin/users", Permission::kUsersManage, listUsers);
  routes.route("POST", "/api/v1/admin/users/{id}/password-reset", Permission::kUsersManage,
               resetPassword);
  routes.route("POST", "/api/v1/admin/users/{id}/second-factor-reset", Permission::kUsersManage,
               resetSecondFactor);
  routes.route("PUT", "/api/v1/admin/second-factor-rule", Permission::kUsersManage, setRule);
}

}  // namespace strada::api
