// Awaiting the database from a coroutine (a request handler, a use case) without blocking the
// I/O threads.
//
// The work runs on the store's reader or writer threads; the completion is posted back to the
// coroutine's executor, so a handler resumes on an I/O thread and 64 connections can wait on one
// group commit together.
//
// GCC 12 miscompiles a lambda with captures created in the same full-expression as a co_await
// (a bitwise copy of the closure: bad frees of small strings). Always build the job as a named
// local first, then `co_await awaitRead<T>(db, std::move(job))`.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <utility>

#include "domain/error.h"
#include "store/database.h"

namespace strada::store {

namespace detail {

// Wraps a move-only completion handler so it fits in a std::function (which must be copyable).
template <class Handler>
auto shareHandler(Handler&& handler) {
  return std::make_shared<std::decay_t<Handler>>(std::forward<Handler>(handler));
}

}  // namespace detail

// Runs `job` in the next group commit; resumes with its status once it is durable.
inline boost::asio::awaitable<domain::Status> awaitWrite(Database& db, WriteJob job) {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(domain::Status)>(
      // j is moved into submit(): clang-tidy 14 misses a move into a call that the generic lambda
      // leaves unresolved, and calls j "only used as a const reference".
      // NOLINTNEXTLINE(performance-unnecessary-value-param)
      [&db](auto handler, WriteJob j) {
        auto shared = detail::shareHandler(std::move(handler));
        db.submit(std::move(j), [shared](domain::Status status) {
          auto ex = boost::asio::get_associated_executor(*shared);
          boost::asio::post(
              ex, [shared, s = std::move(status)]() mutable { std::move (*shared)(std::move(s)); });
        });
      },
      boost::asio::use_awaitable, std::move(job));
}

// Runs `fn(soci::session&)` on a reader thread and resumes with its result.
template <class T, class F>
boost::asio::awaitable<T> awaitRead(Database& db, F fn) {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(T)>(
      [&db](auto handler, F f) {
        auto shared = detail::shareHandler(std::move(handler));
        db.submitRead([shared, f = std::move(f)](soci::session& sql) mutable {
          T result = f(sql);
          auto ex = boost::asio::get_associated_executor(*shared);
          boost::asio::post(
              ex, [shared, r = std::move(result)]() mutable { std::move (*shared)(std::move(r)); });
        });
      },
      boost::asio::use_awaitable, std::move(fn));
}

}  // namespace strada::store

namespace strada::store {

// Runs `fn()` on `pool` (CPU-heavy work such as Argon2id) and resumes with its result on the
// coroutine's own executor.
template <class T, class Pool, class F>
boost::asio::awaitable<T> awaitOnPool(Pool& pool, F fn) {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(T)>(
      [&pool](auto handler, F f) {
        auto shared = detail::shareHandler(std::move(handler));
        boost::asio::post(pool, [shared, f = std::move(f)]() mutable {
          T result = f();
          auto ex = boost::asio::get_associated_executor(*shared);
          boost::asio::post(
              ex, [shared, r = std::move(result)]() mutable { std::move (*shared)(std::move(r)); });
        });
      },
      boost::asio::use_awaitable, std::move(fn));
}

}  // namespace strada::store
