// What every use case of the hotline works with, and who it works for.
//
// A use case is the one home of one thing a user (or the telephony relay, the command line, the
// demo generator) does: it validates its input (domain), asks policy, seals and opens through the
// vault, runs one write job with its typed audit event, and returns domain values. It knows no
// HTTP and no JSON: api/ decodes a request, calls it, and encodes what it returns.
//
// Use cases are coroutines: awaited from a request handler on an I/O thread, or run to completion
// from the command line with runToCompletion(). Database work runs on the store's threads.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "audit/audit_action.h"
#include "domain/error.h"
#include "domain/time.h"
#include "policy/policy.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::hotline {

// The names every use case is written with.
using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

// The store and the keys; `clock` gives "now" (the demo generator backdates its contacts).
struct Context {
  store::Database& db;
  const vault::Vault& vault;
  std::function<domain::UnixMillis()> clock = domain::nowMillis;
};

// Who a use case acts for, and the request it serves (for the audit trail).
struct Actor {
  policy::Principal principal;
  std::string request_id;  // our own id for the request; empty outside HTTP

  // The audit entry of `action` on `object_id` by this actor.
  [[nodiscard]] audit::AuditEntry entry(audit::AuditAction action, std::string object_id) const {
    return audit::AuditEntry{principal.user_id, principal.org_id, action, std::move(object_id),
                             request_id};
  }
};

namespace detail {
template <class T>
boost::asio::awaitable<void> storeResult(boost::asio::awaitable<T> work, std::optional<T>* out) {
  out->emplace(co_await std::move(work));
}
}  // namespace detail

// Runs a use case to completion on a private io_context: for the command line and the demo
// generator, which have no I/O threads of their own. Never call it from an I/O thread.
template <class T>
T runToCompletion(boost::asio::awaitable<T> work) {
  boost::asio::io_context io;
  std::optional<T> result;
  boost::asio::co_spawn(io, detail::storeResult(std::move(work), &result), boost::asio::detached);
  io.run();
  return std::move(*result);
}

}  // namespace strada::hotline
