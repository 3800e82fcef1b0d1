// A user's own sign-in security (issue 10, section 1): the second factor's code at sign-in, its
// enrolment with a QR code and recovery codes, the password change that ends the user's other
// sessions, and the sessions a user sees and ends. Written by hand: these are the session's
// steps, not a capability's use cases. docs/security.md says what each guards against.
//
// The stages (api/auth.h): a session at "code" may only enter the code; at "enrol" only set up
// a second factor; a full session of a user whose password an administrator set only change it.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "api/async.h"
#include "api/auth.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/qr_svg.h"
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
using domain::UnixMillis;
using Stage = policy::Principal::Stage;

constexpr int kRecoveryCodes = 10;
constexpr std::size_t kRecoveryCodeBytes = 10;  // 80 bits: 16 base32 characters
constexpr std::int32_t kMaxWrongCodes = 5;      // on one session; then it ends
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kSessionHandleChars = 32;

// What a sign-in security step knows of its user.
struct UserSecurity {
  std::optional<store::UserRecord> user;
  std::optional<domain::Organisation> org;
  std::optional<store::SecondFactorRow> factor;
};

awaitable<Result<UserSecurity>> loadUserSecurity(ApiContext& ctx, const policy::Principal& who) {
  auto job = [who](soci::session& sql) -> Result<UserSecurity> {
    UserSecurity found;
    auto record = store::findUserRecordById(sql, who.user_id);
    if (!record) {
      return tl::unexpected(record.error());
    }
    found.user = std::move(*record);
    auto org = store::findOrganisationById(sql, who.org_id);
    if (!org) {
      return tl::unexpected(org.error());
    }
    found.org = std::move(*org);
    auto factor = store::findSecondFactor(sql, who.user_id);
    if (!factor) {
      return tl::unexpected(factor.error());
    }
    found.factor = std::move(*factor);
    if (!found.user || !found.org) {
      return domain::fail(ErrorCode::kUnauthenticated, "Please sign in.");
    }
    return found;
  };
  co_return co_await awaitRead<Result<UserSecurity>>(ctx.db, std::move(job));
}

// Unless the session's stage is one of `allowed`: 403 naming what the session must do first
// (the policy's refusal of a full sign-in's permission at that stage).
domain::Status requireStage(const policy::Principal& who, std::initializer_list<Stage> allowed) {
  for (Stage s : allowed) {
    if (who.stage == s) {
      return {};
    }
  }
  return policy::require(who, policy::Permission::kSelfSessions);
}

std::string sealedText(std::string_view sealed) { return crypto::toBase64Url(sealed); }

// The TOTP secret of `user_id` sealed as `which` ("confirmed" or "pending"), opened.
Result<std::string> openSecret(const vault::Vault& vault, const std::string& user_id,
                               const std::string& which, const std::string& stored) {
  auto bytes = crypto::fromBase64Url(stored);
  if (!bytes) {
    return domain::fail(ErrorCode::kInternal, "The second factor could not be read.", "",
                        "second factor secret not base64url");
  }
  const std::string record = user_id + "/" + which;
  return vault.open({vault::SealedField::kSecondFactorSecret, record}, *bytes);
}

std::int64_t unixSeconds(UnixMillis at) { return at / 1000; }

// "ABCD-EFGH-IJKL-MNOP" without the dashes and spaces, upper-cased.
std::string normalisedRecoveryCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') {
      continue;
    }
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string recoveryCodeHash(const std::string& user_id, std::string_view normalised) {
  return crypto::sha256Hex("strada-recovery:" + user_id + ":" + std::string(normalised));
}

struct NewRecoveryCodes {
  std::vector<std::string> shown;   // to the user, once
  std::vector<std::string> hashes;  // stored
};

NewRecoveryCodes newRecoveryCodes(const std::string& user_id) {
  NewRecoveryCodes codes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    const std::string code = crypto::base32(crypto::randomBytes(kRecoveryCodeBytes));
    codes.hashes.push_back(recoveryCodeHash(user_id, code));
    codes.shown.push_back(crypto::groupedInFours(code));
  }
  return codes;
}

boost::json::array toArray(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& v : values) {
    out.emplace_back(v);
  }
  return out;
}

Result<std::string> parseCode(const http::Request& req) {
  JsonFields input(req.body);
  std::string code;
  input.required("code", code, 40);
  if (auto done = input.finish(); !done) {
    return tl::unexpected(done.error());
  }
  return code;
}

// What entering a code found: a TOTP step (> the last accepted) or a recovery code's hash.
struct CodeMatch {
  std::optional<std::int64_t> step;
  std::optional<std::string> recovery_hash;
};

std::optional<CodeMatch> matchCode(const std::string& secret, const store::SecondFactorRow& row,
                                   const std::string& typed, UnixMillis now, bool recovery_ok) {
  if (auto step = crypto::totpMatch(secret, unixSeconds(now), typed)) {
    if (*step > row.last_step) {
      return CodeMatch{step, std::nullopt};
    }
    return std::nullopt;  // used already: a code is good once
  }
  if (!recovery_ok) {
    return std::nullopt;
  }
  const std::string normalised = normalisedRecoveryCode(typed);
  if (normalised.size() != 16) {
    return std::nullopt;
  }
  return CodeMatch{std::nullopt, recoveryCodeHash(row.user_id, normalised)};
}

http::Response wrongCode(const http::Request& req, bool ended) {
  return errorResponse(
      req, domain::Error{ErrorCode::kUnauthenticated,
                         ended ? "Too many wrong codes: this sign-in has ended. Sign in again."
                               : "The code is not right. Type the six digits your authenticator "
                                 "app shows now, or one of your recovery codes.",
                         "code", "second factor wrong"});
}

// A wrong code: counted on the session (the fifth ends it) and audited; the sign-in throttle
// counted it already.
awaitable<http::Response> refuseCode(ApiContext& ctx, const http::Request& req,
                                     const policy::Principal& who) {
  auto ended = std::make_shared<bool>(false);
  store::WriteJob job = [who, ended, rid = req.request_id](store::WriteContext& w) {
    auto failures = store::countFactorFailure(w, who.session_id);
    if (!failures) {
      return domain::Status(tl::unexpected(failures.error()));
    }
    if (*failures >= kMaxWrongCodes) {
      *ended = true;
      if (auto s = store::deleteSession(w, who.session_id); !s) {
        return s;
      }
    }
    return w.audit(audit::AuditEntry{
        who.user_id, who.org_id, audit::AuditAction::kSessionSecondFactorFailed, who.user_id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(job));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return wrongCode(req, *ended);
}

// POST /api/v1/session/second-factor {"code"}: the code of a session at stage "code" (six digits,
// or a recovery code). Answers as the sign-in does, now at the full stage.
awaitable<http::Response> enterCode(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  if (who.stage != Stage::kCode) {
    co_return errorResponse(
        req, domain::Error{ErrorCode::kConflict, "No code is due: this session is signed in.",
                           "code", "sign-in stage"});
  }
  auto typed = parseCode(req);
  if (!typed) {
    co_return errorResponse(req, typed.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->factor || found->factor->enabled_at == 0) {
    co_return errorResponse(req, domain::Error{ErrorCode::kConflict,
                                               "This account has no second factor any more. "
                                               "Sign in again.",
                                               "code", "second factor gone"});
  }
  const auto keys = signInThrottleKeys(found->user->user.email, req.remote_address, ctx.config);
  auto claim = co_await claimSignInAttempt(ctx, keys);
  if (!claim) {
    co_return errorResponse(req, claim.error());
  }
  if (!claim->allowed) {
    co_return lockedSignIn(req, claim->retry_after_ms);
  }
  auto secret = openSecret(ctx.vault, who.user_id, "confirmed", found->factor->secret_sealed);
  if (!secret) {
    co_return errorResponse(req, secret.error());
  }
  const UnixMillis now = domain::nowMillis();
  auto match = matchCode(*secret, *found->factor, *typed, now, true);
  if (!match) {
    co_return co_await refuseCode(ctx, req, who);
  }
  auto used = std::make_shared<bool>(true);
  store::SecondFactorRow row = *found->factor;
  store::WriteJob sign_in = [who, row, match = *match, keys, used, now,
                             rid = req.request_id](store::WriteContext& w) mutable {
    if (match.recovery_hash) {
      auto ok = store::useRecoveryCode(w, who.user_id, *match.recovery_hash, now);
      if (!ok) {
        return domain::Status(tl::unexpected(ok.error()));
      }
      if (!*ok) {
        *used = false;
        return domain::Status{};
      }
    } else {
      row.last_step = *match.step;
      row.updated_at = now;
      if (auto s = store::saveSecondFactor(w, row); !s) {
        return s;
      }
    }
    if (auto s = store::setSessionStage(w, who.session_id, "full"); !s) {
      return s;
    }
    if (auto s = store::clearThrottle(w, keys[0].key); !s) {
      return s;
    }
    // The address's count: back by the password's attempt and the code's, as a one-step
    // sign-in's success takes back its own (an office behind one address signs in all day).
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (auto s = store::withdrawFailure(w, keys[1]); !s) {
        return s;
      }
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id,
                                     audit::AuditAction::kSessionSecondFactor, who.user_id, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(sign_in)); !s) {
    co_return errorResponse(req, s.error());
  }
  if (!*used) {
    co_return co_await refuseCode(ctx, req, who);
  }
  policy::Principal full = who;
  full.stage = found->user->user.must_change_password ? Stage::kPassword : Stage::kFull;
  co_return http::Response::json(200,
                                 signedInBody(ctx.vault, found->user->user, *found->org, full));
}

// GET /api/v1/me/second-factor: whether the user has one, whether it is required, and how many
// recovery codes are left.
awaitable<http::Response> secondFactorStatus(ApiContext& ctx, http::Request& req,
                                             const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  auto job = [who](soci::session& sql) {
    auto left = store::unusedRecoveryCodes(sql, who.user_id);
    auto all = store::secondFactorForAll(sql, who.org_id);
    return std::pair{std::move(left), std::move(all)};
  };
  auto [left, all] =
      co_await awaitRead<std::pair<Result<std::int64_t>, Result<bool>>>(ctx.db, std::move(job));
  if (!left || !all) {
    co_return errorResponse(req, !left ? left.error() : all.error());
  }
  const bool enabled = found->factor && found->factor->enabled_at > 0;
  boost::json::object body{{"enabled", enabled},
                           {"enabled_at", enabled ? found->factor->enabled_at : 0},
                           {"required", ctx.config.require_second_factor &&
                                            policy::secondFactorRequired(who.roles, *all)},
                           {"recovery_codes_left", *left}};
  co_return http::Response::json(200, body);
}

// POST /api/v1/me/second-factor/enrolment: a new secret to enrol (kept pending until a code of
// it confirms it), as text, as an otpauth:// URI and as a QR code of that URI.
awaitable<http::Response> startEnrolment(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  if (auto allowed = requireStage(who, {Stage::kEnrol, Stage::kFull}); !allowed) {
    co_return errorResponse(req, allowed.error());
  }
  if (auto done = JsonFields(req.body.empty() ? "{}" : req.body).finish(); !done) {
    co_return errorResponse(req, done.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  const std::string secret = crypto::newTotpSecret();
  store::SecondFactorRow row =
      found->factor.value_or(store::SecondFactorRow{who.user_id, "", "", 0, 0, 0});
  row.pending_sealed = sealedText(
      ctx.vault.seal({vault::SealedField::kSecondFactorSecret, who.user_id + "/pending"}, secret));
  row.updated_at = domain::nowMillis();
  store::WriteJob save = [row](store::WriteContext& w) { return store::saveSecondFactor(w, row); };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  const std::string text = crypto::base32(secret);
  const std::string issuer = "Strada " + found->org->code;
  const std::string label = issuer + ":" + found->user->user.email;
  const std::string uri =
      "otpauth://totp/" + boost::urls::encode(label, boost::urls::unreserved_chars) +
      "?secret=" + text + "&issuer=" + boost::urls::encode(issuer, boost::urls::unreserved_chars) +
      "&algorithm=SHA1&digits=6&period=30";
  boost::json::object body{{"secret", crypto::groupedInFours(text)},
                           {"otpauth_uri", uri},
                           {"qr_svg", qrSvg(uri)},
                           {"account", found->user->user.email},
                           {"issuer", issuer}};
  co_return http::Response::json(200, body);
}

// POST /api/v1/me/second-factor {"code"}: confirms the pending secret with a code of it; answers
// the ten recovery codes, shown this once. A session at stage "enrol" is now signed in.
awaitable<http::Response> confirmEnrolment(ApiContext& ctx, http::Request& req,
                                           const policy::Principal& who) {
  if (auto allowed = requireStage(who, {Stage::kEnrol, Stage::kFull}); !allowed) {
    co_return errorResponse(req, allowed.error());
  }
  auto typed = parseCode(req);
  if (!typed) {
    co_return errorResponse(req, typed.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->factor || found->factor->pending_sealed.empty()) {
    co_return errorResponse(req, domain::Error{ErrorCode::kConflict,
                                               "Start the set-up first: no QR code is waiting "
                                               "for its code.",
                                               "code", "no pending secret"});
  }
  auto secret = openSecret(ctx.vault, who.user_id, "pending", found->factor->pending_sealed);
  if (!secret) {
    co_return errorResponse(req, secret.error());
  }
  const UnixMillis now = domain::nowMillis();
  auto step = crypto::totpMatch(*secret, unixSeconds(now), *typed);
  if (!step) {
    co_return errorResponse(
        req, domain::Error{ErrorCode::kInvalidArgument,
                           "The code does not match. Scan the QR code again, then type the six "
                           "digits the app shows now (check that the phone's clock is right).",
                           "code", ""});
  }
  store::SecondFactorRow row = *found->factor;
  row.secret_sealed = sealedText(ctx.vault.seal(
      {vault::SealedField::kSecondFactorSecret, who.user_id + "/confirmed"}, *secret));
  row.pending_sealed.clear();
  row.enabled_at = now;
  row.last_step = *step;
  row.updated_at = now;
  NewRecoveryCodes codes = newRecoveryCodes(who.user_id);
  const bool enrolling = who.stage == Stage::kEnrol;
  store::WriteJob save = [who, row, hashes = codes.hashes, enrolling,
                          rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::saveSecondFactor(w, row); !s) {
      return s;
    }
    if (auto s = store::replaceRecoveryCodes(w, who.user_id, hashes); !s) {
      return s;
    }
    if (enrolling) {
      if (auto s = store::setSessionStage(w, who.session_id, "full"); !s) {
        return s;
      }
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id,
                                     audit::AuditAction::kSecondFactorEnrol, who.user_id, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  policy::Principal now_who = who;
  if (enrolling) {
    now_who.stage = found->user->user.must_change_password ? Stage::kPassword : Stage::kFull;
  }
  boost::json::object body = signedInBody(ctx.vault, found->user->user, *found->org, now_who);
  body["recovery_codes"] = toArray(codes.shown);
  co_return http::Response::json(200, body);
}

// POST /api/v1/me/second-factor/recovery-codes {"code"}: ten new recovery codes (the old ones
// stop working), against a current code of the app.
awaitable<http::Response> renewRecoveryCodes(ApiContext& ctx, http::Request& req,
                                             const policy::Principal& who) {
  auto typed = parseCode(req);
  if (!typed) {
    co_return errorResponse(req, typed.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->factor || found->factor->enabled_at == 0) {
    co_return errorResponse(
        req, domain::Error{ErrorCode::kConflict, "Set up a second factor first.", "code", ""});
  }
  auto secret = openSecret(ctx.vault, who.user_id, "confirmed", found->factor->secret_sealed);
  if (!secret) {
    co_return errorResponse(req, secret.error());
  }
  const UnixMillis now = domain::nowMillis();
  auto match = matchCode(*secret, *found->factor, *typed, now, false);
  if (!match) {
    co_return errorResponse(req, domain::Error{ErrorCode::kInvalidArgument,
                                               "The code is not right. Type the six digits your "
                                               "authenticator app shows now.",
                                               "code", ""});
  }
  store::SecondFactorRow row = *found->factor;
  row.last_step = *match->step;
  row.updated_at = now;
  NewRecoveryCodes codes = newRecoveryCodes(who.user_id);
  store::WriteJob save = [who, row, hashes = codes.hashes,
                          rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::saveSecondFactor(w, row); !s) {
      return s;
    }
    if (auto s = store::replaceRecoveryCodes(w, who.user_id, hashes); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id,
                                     audit::AuditAction::kRecoveryCodesRenew, who.user_id, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(200,
                                 boost::json::object{{"recovery_codes", toArray(codes.shown)}});
}

struct PasswordChange {
  std::string current_password;
  std::string new_password;
};

Result<PasswordChange> parsePasswordChange(const http::Request& req) {
  JsonFields input(req.body);
  PasswordChange change;
  input.required("current_password", change.current_password, kMaxPasswordBytes);
  input.required("new_password", change.new_password, kMaxPasswordBytes);
  if (auto done = input.finish(); !done) {
    return tl::unexpected(done.error());
  }
  return change;
}

// POST /api/v1/me/password {"current_password", "new_password"}: the new password replaces the
// old, and every other session of the user ends (one signed in elsewhere with the old password
// is out). A wrong current password counts as a failed sign-in.
awaitable<http::Response> changePassword(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  if (auto allowed = requireStage(who, {Stage::kFull, Stage::kPassword}); !allowed) {
    co_return errorResponse(req, allowed.error());
  }
  auto change = parsePasswordChange(req);
  if (!change) {
    co_return errorResponse(req, change.error());
  }
  auto found = co_await loadUserSecurity(ctx, who);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  const domain::User& user = found->user->user;
  const auto keys = signInThrottleKeys(user.email, req.remote_address, ctx.config);
  auto claim = co_await claimSignInAttempt(ctx, keys);
  if (!claim) {
    co_return errorResponse(req, claim.error());
  }
  if (!claim->allowed) {
    co_return lockedSignIn(req, claim->retry_after_ms);
  }
  auto work = [hash = found->user->password_hash, current = change->current_password,
               next = change->new_password, email = user.email,
               name = user.name]() -> Result<std::string> {
    if (!crypto::verifyPassword(hash, current)) {
      return domain::fail(ErrorCode::kInvalidArgument,
                          "Your current password is not right. Type it again.", "current_password");
    }
    if (current == next) {
      return domain::fail(ErrorCode::kInvalidArgument,
                          "Choose a new password: this one is the same as the current one.",
                          "new_password");
    }
    if (auto strong = crypto::checkPasswordStrength(next, email, name); !strong) {
      domain::Error e = strong.error();
      e.field = "new_password";
      return tl::unexpected(e);
    }
    return crypto::hashPassword(next);
  };
  auto hashed = co_await store::awaitOnPool<Result<std::string>>(ctx.cpu, std::move(work));
  crypto::wipe(change->current_password);
  crypto::wipe(change->new_password);
  if (!hashed) {
    co_return errorResponse(req, hashed.error());
  }
  auto ended = std::make_shared<std::int64_t>(0);
  store::WriteJob save = [who, hash = *hashed, keys, ended,
                          rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::setUserPassword(w, who.user_id, hash, false, w.now()); !s) {
      return s;
    }
    auto others = store::deleteUserSessions(w, who.user_id, who.session_id);
    if (!others) {
      return domain::Status(tl::unexpected(others.error()));
    }
    *ended = *others;
    if (auto s = store::clearThrottle(w, keys[0].key); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kPasswordChange,
                                     who.user_id, rid});
  };
  if (auto s = co_await awaitWrite(ctx.db, std::move(save)); !s) {
    co_return errorResponse(req, s.error());
  }
  policy::Principal now_who = who;
  if (now_who.stage == Stage::kPassword) {
    now_who.stage = Stage::kFull;
  }
  domain::User changed = user;
  changed.must_change_password = false;
  boost::json::object body = signedInBody(ctx.vault, changed, *found->org, now_who);
  body["other_sessions_ended"] = *ended;
  co_return http::Response::json(200, body);
}

// A session's handle in the API: not its id (the hash of the cookie's token), so that a listing
// hands out nothing a cookie could be checked against.
std::string sessionHandle(const std::string& session_id) {
  return crypto::sha256Hex("strada-session-handle:" + session_id).substr(0, kSessionHandleChars);
}

// GET /api/v1/me/sessions: the user's sessions, the one in use marked.
awaitable<http::Response> listSessions(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  auto job = [who](soci::session& sql) { return store::listUserSessions(sql, who.user_id); };
  auto sessions =
      co_await awaitRead<Result<std::vector<store::SessionRecord>>>(ctx.db, std::move(job));
  co_return respond(req, sessions, [&](const std::vector<store::SessionRecord>& all) {
    return itemsBody(all, [&](const store::SessionRecord& s) {
      return boost::json::object{{"id", sessionHandle(s.id)},
                                 {"created_at", s.created_at},
                                 {"last_seen_at", s.last_seen_at},
                                 {"agent", s.agent},
                                 {"stage", s.stage},
                                 {"current", s.id == who.session_id}};
    });
  });
}

// DELETE /api/v1/me/sessions/{id}: ends another of the user's sessions (a computer left signed
// in, a lost phone). The one in use ends by signing out.
awaitable<http::Response> endSession(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  const std::string handle = std::string(req.param("id"));
  auto job = [who](soci::session& sql) { return store::listUserSessions(sql, who.user_id); };
  auto sessions =
      co_await awaitRead<Result<std::vector<store::SessionRecord>>>(ctx.db, std::move(job));
  if (!sessions) {
    co_return errorResponse(req, sessions.error());
  }
  std::string target;
  for (const auto& s : *sessions) {
    if (sessionHandle(s.id) == handle) {
      target = s.id;
    }
  }
  if (target.empty()) {
    co_return errorResponse(
        req, domain::Error{ErrorCode::kNotFound, "This session has ended already.", "id", ""});
  }
  if (target == who.session_id) {
    co_return errorResponse(req, domain::Error{ErrorCode::kConflict,
                                               "This is the session you are using: sign out to "
                                               "end it.",
                                               "id", ""});
  }
  store::WriteJob end = [who, target, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::deleteSession(w, target); !s) {
      return s;
    }
    return w.audit(audit::AuditEntry{who.user_id, who.org_id, audit::AuditAction::kSessionEnd,
                                     who.user_id, rid});
  };
  co_return respond(req, co_await awaitWrite(ctx.db, std::move(end)));
}

}  // namespace

void registerAccountRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/session/second-factor", Permission::kSelfSecurity, enterCode);
  routes.route("GET", "/api/v1/me/second-factor", Permission::kSelfSecurity, secondFactorStatus);
  routes.route("POST", "/api/v1/me/second-factor/enrolment", Permission::kSelfSecurity,
               startEnrolment);
  routes.route("POST", "/api/v1/me/second-factor", Permission::kSelfSecurity, confirmEnrolment);
  routes.route("POST", "/api/v1/me/password", Permission::kSelfSecurity, changePassword);
  // A full sign-in's only (the policy refuses them at the other stages).
  routes.route("POST", "/api/v1/me/second-factor/recovery-codes", Permission::kSelfSessions,
               renewRecoveryCodes);
  routes.route("GET", "/api/v1/me/sessions", Permission::kSelfSessions, listSessions);
  routes.route("DELETE", "/api/v1/me/sessions/{id}", Permission::kSelfSessions, endSession);
}

}  // namespace strada::api
