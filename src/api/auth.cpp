#include "api/auth.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "api/async.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/password_check_queue.h"
#include "api/routes.h"
#include "api/sign_in_gate.h"
#include "crypto/crypto.h"
#include "crypto/password.h"
#include "store/account_security_repository.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::ErrorCode;
using domain::Result;
using domain::UnixMillis;

constexpr std::size_t kMaxPasswordBytes = 1024;
// A session waiting for its code lasts five minutes.
constexpr UnixMillis kCodeDueMs = 5LL * 60 * 1000;

policy::Principal::Stage stageOf(const store::SessionRecord& session, const domain::User& user) {
  using Stage = policy::Principal::Stage;
  if (session.stage == "code") {
    return Stage::kCode;
  }
  if (session.stage == "enrol") {
    return Stage::kEnrol;
  }
  return user.must_change_password ? Stage::kPassword : Stage::kFull;
}

std::string sessionCookie(std::string_view token, bool secure) {
  std::string cookie = std::string(sessionCookieName(secure)) + "=" + std::string(token) +
                       "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) {
    cookie += "; Secure";
  }
  return cookie;
}

// The user as encodeUser() shows them, plus "permissions": the sorted names of every permission
// the policy grants `who`. The web UI offers exactly these and repeats none of the policy's rules.
boost::json::object encodeSignedInUser(const domain::User& user, const domain::Organisation& org,
                                       const policy::Principal& who) {
  std::vector<std::string_view> names;
  for (policy::Permission p : policy::allPermissions()) {
    if (policy::allows(who, p)) {
      names.push_back(policy::permissionName(p));
    }
  }
  std::sort(names.begin(), names.end());
  boost::json::array permissions;
  permissions.reserve(names.size());
  for (std::string_view name : names) {
    permissions.emplace_back(name);
  }
  boost::json::object out = encodeUser(user, org);
  out["permissions"] = std::move(permissions);
  return out;
}

std::string clearedCookie(bool secure) {
  std::string cookie =
      std::string(sessionCookieName(secure)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
  if (secure) {
    cookie += "; Secure";
  }
  return cookie;
}

constexpr std::size_t kAccountKey = 0;
constexpr std::size_t kAddressKey = 1;
constexpr std::size_t kMaxAgentChars = 200;

// A sign-in refused by the SignInGate: 429 (the client's network) or 503 (the whole server).
// Not logged: a flood would fill the log with them; the request line shows the status.
http::Response busyResponse(const domain::Error& refusal) {
  auto response = http::Response::error(refusal);
  response.headers.emplace_back("Retry-After", "2");
  return response;
}

http::Response wrongCredentials(const http::Request& req) {
  return errorResponse(req, domain::Error{ErrorCode::kUnauthenticated,
                                          "The e-mail or password is not right. Check them and "
                                          "try again.",
                                          "", "login failed"});
}

struct SignInInput {
  std::string email;  // normalised
  std::string password;
};

// The body of POST /session: {"email", "password"} and nothing else.
Result<SignInInput> parseSignInInput(const http::Request& req) {
  JsonFields input(req.body);
  std::string email_text = input.required("email");
  std::string password = input.required("password");
  if (auto done = input.finish(); !done) {
    return tl::unexpected(done.error());
  }
  auto email = domain::normaliseEmail(email_text);
  if (!email) {
    return tl::unexpected(email.error());
  }
  if (password.empty() || password.size() > kMaxPasswordBytes) {
    return domain::fail(ErrorCode::kInvalidArgument, "Enter your password.", "password");
  }
  return SignInInput{std::move(*email), std::move(password)};
}

struct SignInAccount {
  std::optional<store::UserRecord> user;    // none for an unknown e-mail
  std::optional<domain::Organisation> org;  // the user's
  bool has_second_factor = false;           // a confirmed TOTP secret
  bool org_requires_all = false;            // the organisation requires a second factor of all
};

awaitable<Result<SignInAccount>> findSignInAccount(ApiContext& ctx, const std::string& email) {
  auto lookup = [email](soci::session& sql) -> Result<SignInAccount> {
    auto user = store::findUserByEmail(sql, email);
    if (!user) {
      return tl::unexpected(user.error());
    }
    SignInAccount found{std::move(*user), std::nullopt};
    if (found.user) {
      auto org = store::findOrganisationById(sql, found.user->user.org_id);
      if (!org) {
        return tl::unexpected(org.error());
      }
      found.org = std::move(*org);
      auto factor = store::findSecondFactor(sql, found.user->user.id);
      if (!factor) {
        return tl::unexpected(factor.error());
      }
      found.has_second_factor = factor->has_value() && (*factor)->enabled_at > 0;
      auto all = store::secondFactorForAll(sql, found.user->user.org_id);
      if (!all) {
        return tl::unexpected(all.error());
      }
      found.org_requires_all = *all;
    }
    return found;
  };
  co_return co_await awaitRead<Result<SignInAccount>>(ctx.db, std::move(lookup));
}

// Repeated failures slow every further attempt on the account down, whether it exists or not:
// 1 s more per failure past `account_slowdown_after`, up to 5 s.
awaitable<void> slowDownAfterFailures(const ApiConfig& cfg, std::int32_t earlier_failures) {
  if (earlier_failures < cfg.account_slowdown_after) {
    co_return;
  }
  const auto delay_s = std::min<std::int64_t>(5, earlier_failures - cfg.account_slowdown_after + 1);
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
  timer.expires_after(std::chrono::seconds(delay_s));
  co_await timer.async_wait(boost::asio::use_awaitable);
}

// Whether `password` signs `account` in: the right password of an active user of an existing
// organisation. An unknown e-mail is checked against a decoy hash, so that it takes as long as a
// known one. The check waits for `network`'s turn among the client networks.
awaitable<bool> passwordSignsIn(PasswordCheckQueue& checks, const std::string& network,
                                const SignInAccount& account, std::string password) {
  const std::string hash = account.user ? account.user->password_hash : crypto::decoyPasswordHash();
  auto verify = [hash, pw = std::move(password)]() { return crypto::verifyPassword(hash, pw); };
  const bool matches = co_await awaitInTurn<bool>(checks, network, std::move(verify));
  co_return matches&& account.user&& account.user->user.active&& account.org;
}

// Audits the failure (the claim counted it already) and answers 401.
awaitable<http::Response> refuseSignIn(ApiContext& ctx, const http::Request& req,
                                       const std::optional<store::UserRecord>& user) {
  const std::string actor = user ? user->user.id : std::string();
  const std::string org_id = user ? user->user.org_id : std::string();
  store::WriteJob record_failure =
      [actor, org_id, rid = req.request_id](store::WriteContext& w) -> domain::Status {
    return w.audit(
        audit::AuditEntry{actor, org_id, audit::AuditAction::kSessionLoginFailed, actor, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(record_failure));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return wrongCredentials(req);
}

// The User-Agent as a user can tell their sessions apart by: printable ASCII, at most 200
// characters (staff data, never a client's).
std::string agentOf(const http::Request& req) {
  std::string agent;
  for (char c : req.header("user-agent").value_or("")) {
    if (agent.size() == kMaxAgentChars) {
      break;
    }
    agent.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  return agent;
}

// Where a sign-in whose password was right stands: the code is due when the user has a second
// factor; one must be set up first when the role or the organisation requires it.
std::string stageAfterPassword(const ApiConfig& cfg, const SignInAccount& account) {
  if (account.has_second_factor) {
    return "code";
  }
  if (cfg.require_second_factor &&
      policy::secondFactorRequired(account.user->user.roles, account.org_requires_all)) {
    return "enrol";
  }
  return "full";
}

// Opens a session for the account whose password was right and answers 200 with its cookie. A
// success clears the account's failures and takes this attempt back from the address's, unless
// a code is still due: then the code's success does (a right password alone never resets the
// count of wrong codes).
awaitable<http::Response> openSession(ApiContext& ctx, const http::Request& req,
                                      const SignInAccount& account,
                                      const std::vector<store::ThrottledKey>& keys) {
  const domain::User& user = account.user->user;
  const std::string token = crypto::randomToken(32);
  const UnixMillis now = domain::nowMillis();
  store::SessionRecord session{crypto::sha256Hex(token), user.id, user.org_id, now, now};
  session.stage = stageAfterPassword(ctx.config, account);
  session.agent = agentOf(req);
  store::WriteJob open_session = [session, keys, cfg = ctx.config,
                                  rid = req.request_id](store::WriteContext& w) -> domain::Status {
    if (session.stage != "code") {
      if (auto s = store::clearThrottle(w, keys[kAccountKey].key); !s) {
        return s;
      }
      if (auto s = store::withdrawFailure(w, keys[kAddressKey]); !s) {
        return s;
      }
    }
    if (auto s = store::insertSession(w, session); !s) {
      return s;
    }
    if (auto purged = store::deleteExpiredSessions(w, w.now() - cfg.session_idle_ms,
                                                   w.now() - cfg.session_absolute_ms);
        !purged) {
      return tl::unexpected(purged.error());
    }
    return w.audit(audit::AuditEntry{session.user_id, session.org_id,
                                     audit::AuditAction::kSessionCreate, session.user_id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(open_session));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  policy::Principal signed_in{user.id, user.org_id, user.roles, session.id};
  signed_in.stage = stageOf(session, user);
  auto response = http::Response::json(200, signedInBody(ctx.vault, user, *account.org, signed_in));
  response.headers.emplace_back("Set-Cookie", sessionCookie(token, req.secure));
  co_return response;
}

// What bounds the sign-ins of every client, shared by the requests.
struct SignInLimits {
  std::shared_ptr<SignInGate> gate;
  std::shared_ptr<PasswordCheckQueue> checks;
};

awaitable<http::Response> login(ApiContext& ctx, const SignInLimits& limits, http::Request& req) {
  auto input = parseSignInInput(req);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  // Held until the answer: a known or unknown account, locked or not, takes its place alike.
  auto pass = limits.gate->admit(req.remote_address);
  if (!pass) {
    co_return busyResponse(pass.error());
  }
  const std::vector<store::ThrottledKey> keys =
      signInThrottleKeys(input->email, req.remote_address, ctx.config);
  auto claim = co_await claimSignInAttempt(ctx, keys);
  if (!claim) {
    co_return errorResponse(req, claim.error());
  }
  if (!claim->allowed) {
    co_return lockedSignIn(req, claim->retry_after_ms);
  }
  auto account = co_await findSignInAccount(ctx, input->email);
  if (!account) {
    co_return errorResponse(req, account.error());
  }
  co_await slowDownAfterFailures(ctx.config, claim->earlier_failures[kAccountKey]);
  const bool signs_in = co_await passwordSignsIn(*limits.checks, pass->network(), *account,
                                                 std::move(input->password));
  if (!signs_in) {
    co_return co_await refuseSignIn(ctx, req, account->user);
  }
  co_return co_await openSession(ctx, req, *account, keys);
}

awaitable<http::Response> logout(ApiContext& ctx, http::Request& req,
                                 const policy::Principal& who) {
  store::WriteJob close_session = [who, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::deleteSession(w, who.session_id); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kSessionDelete,
                                     who.user_id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(close_session));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  auto response = http::Response::noContent();
  response.headers.emplace_back("Set-Cookie", clearedCookie(req.secure));
  co_return response;
}

struct MeLookup {
  Result<std::optional<domain::User>> user;
  Result<std::optional<domain::Organisation>> org;
};

awaitable<http::Response> me(ApiContext& ctx, http::Request& req, const policy::Principal& who) {
  auto lookup = [who](soci::session& sql) {
    return MeLookup{store::findUserById(sql, who.user_id),
                    store::findOrganisationById(sql, who.org_id)};
  };
  MeLookup found = co_await awaitRead<MeLookup>(ctx.db, std::move(lookup));
  if (!found.user) {
    co_return errorResponse(req, found.user.error());
  }
  if (!found.org) {
    co_return errorResponse(req, found.org.error());
  }
  if (!found.user->has_value() || !found.org->has_value()) {
    co_return errorResponse(req, domain::Error{ErrorCode::kUnauthenticated, "Please sign in.", "",
                                               "user or organisation gone"});
  }
  co_return http::Response::json(200, signedInBody(ctx.vault, **found.user, **found.org, who));
}

struct SessionLookup {
  Result<std::optional<store::SessionRecord>> session;
  Result<std::optional<domain::User>> user = std::optional<domain::User>();
};

}  // namespace

// Counts the attempt before its password is checked (see store::claimSignInAttempt): parallel
// guesses are counted one by one, so they cannot all be checked before the first is counted.
awaitable<Result<store::SignInClaim>> claimSignInAttempt(ApiContext& ctx,
                                                         std::vector<store::ThrottledKey> keys) {
  auto claim = std::make_shared<store::SignInClaim>();
  store::WriteJob count_attempt = [claim, keys = std::move(keys)](store::WriteContext& w) {
    auto claimed = store::claimSignInAttempt(w, keys);
    if (!claimed) {
      return domain::Status(tl::unexpected(claimed.error()));
    }
    *claim = std::move(*claimed);
    return domain::Status{};
  };
  auto status = co_await awaitWrite(ctx.db, std::move(count_attempt));
  if (!status) {
    co_return tl::unexpected(status.error());
  }
  co_return std::move(*claim);
}

std::string_view stageName(policy::Principal::Stage stage) {
  switch (stage) {
    case policy::Principal::Stage::kCode:
      return "code";
    case policy::Principal::Stage::kEnrol:
      return "enrol";
    case policy::Principal::Stage::kPassword:
      return "password";
    case policy::Principal::Stage::kFull:
      break;
  }
  return "full";
}

boost::json::object signedInBody(const vault::Vault& keys, const domain::User& user,
                                 const domain::Organisation& org, const policy::Principal& who) {
  return boost::json::object{{"csrf_token", csrfTokenFor(keys, who.session_id)},
                             {"stage", stageName(who.stage)},
                             {"user", encodeSignedInUser(user, org, who)}};
}

// Keys never hold the e-mail itself: the audit and throttle tables carry no personal data.
std::vector<store::ThrottledKey> signInThrottleKeys(const std::string& email,
                                                    std::string_view remote_address,
                                                    const ApiConfig& cfg) {
  return {{"acct:" + crypto::sha256Hex(email),
           {cfg.account_lock_after, cfg.throttle_window_ms, cfg.lock_ms}},
          {"addr:" + clientNetwork(remote_address),
           {cfg.address_lock_after, cfg.throttle_window_ms, cfg.lock_ms}}};
}

http::Response lockedSignIn(const http::Request& req, std::int64_t retry_after_ms) {
  const auto minutes = std::max<std::int64_t>(1, (retry_after_ms + 59999) / 60000);
  auto response = errorResponse(
      req, domain::Error{ErrorCode::kResourceExhausted,
                         "Too many failed sign-in attempts. Wait " + std::to_string(minutes) +
                             " minute(s) and try again, or ask your administrator to help.",
                         "", "login locked"});
  response.headers.emplace_back("Retry-After", std::to_string(minutes * 60));
  return response;
}

std::string csrfTokenFor(const vault::Vault& keys, std::string_view session_id) {
  return crypto::toBase64Url(crypto::hmacSha256(keys.csrfKey(), session_id));
}

awaitable<Result<policy::Principal>> authenticate(ApiContext& ctx, const http::Request& req) {
  const auto please_sign_in = [] {
    return domain::fail(ErrorCode::kUnauthenticated, "Please sign in.");
  };
  auto token = req.cookie(sessionCookieName(req.secure));
  if (!token || token->empty() || token->size() > 128) {
    co_return please_sign_in();
  }
  const std::string session_id = crypto::sha256Hex(*token);
  auto lookup = [session_id](soci::session& sql) {
    SessionLookup l{store::findSession(sql, session_id)};
    if (l.session && l.session->has_value()) {
      l.user = store::findUserById(sql, (*l.session)->user_id);
    }
    return l;
  };
  SessionLookup found = co_await awaitRead<SessionLookup>(ctx.db, std::move(lookup));
  if (!found.session) {
    co_return tl::unexpected(found.session.error());
  }
  if (!found.user) {
    co_return tl::unexpected(found.user.error());
  }
  if (!found.session->has_value() || !found.user->has_value()) {
    co_return please_sign_in();
  }
  const store::SessionRecord& session = **found.session;
  const domain::User& user = **found.user;
  const UnixMillis now = domain::nowMillis();
  if (now - session.last_seen_at > ctx.config.session_idle_ms ||
      now - session.created_at > ctx.config.session_absolute_ms || !user.active ||
      (session.stage == "code" && now - session.created_at > kCodeDueMs)) {
    co_return domain::fail(ErrorCode::kUnauthenticated,
                           "Your session has ended. Please sign in again.");
  }
  if (now - session.last_seen_at >= ctx.config.session_touch_ms) {
    ctx.db.submit([session_id,
                   now](store::WriteContext& w) { return store::touchSession(w, session_id, now); },
                  [](const domain::Status&) {});
  }
  policy::Principal who{user.id, user.org_id, user.roles, session_id};
  who.stage = stageOf(session, user);
  co_return who;
}

void registerAuthRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  const SignInLimits limits{
      std::make_shared<SignInGate>(
          static_cast<std::size_t>(std::max(1, ctx.config.max_pending_sign_ins)),
          static_cast<std::size_t>(std::max(1, ctx.config.max_sign_ins_per_network))),
      std::make_shared<PasswordCheckQueue>(ctx.cpu)};
  routes.publicRoute("POST", "/api/v1/session",
                     [&ctx, limits](http::Request& req) { return login(ctx, limits, req); });
  routes.route("DELETE", "/api/v1/session", policy::Permission::kSelfRead, logout);
  routes.route("GET", "/api/v1/me", policy::Permission::kSelfRead, me);
}

}  // namespace strada::api
