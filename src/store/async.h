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

// Starts work with `start(done)`; `done(result)`, called once from any thread, resumes the
// coroutine with `result` on its own executor. `done` is copyable, so it fits in a std::function.
template <class T, class Start>
boost::asio::awaitable<T> awaitCompletion(Start start) {
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(T)>(
      [](auto handler, Start s) {
        // The handler is move-only; shared, it fits in a copyable `done`.
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        s([shared](T result) {
          auto ex = boost::asio::get_associated_executor(*shared);
          boost::asio::post(
              ex, [shared, r = std::move(result)]() mutable { std::move (*shared)(std::move(r)); });
        });
      },
      boost::asio::use_awaitable, std::move(start));
}

// Runs `job` in the next group commit; resumes with its status once it is durable.
inline boost::asio::awaitable<domain::Status> awaitWrite(Database& db, WriteJob job) {
  return awaitCompletion<domain::Status>(
      [&db, j = std::move(job)](auto done) mutable { db.submit(std::move(j), std::move(done)); });
}

// Runs `fn(soci::session&)` on a reader thread and resumes with its result.
template <class T, class F>
boost::asio::awaitable<T> awaitRead(Database& db, F fn) {
  return awaitCompletion<T>([&db, f = std::move(fn)](auto done) mutable {
    db.submitRead([f = std::move(f), done](soci::session& sql) mutable { done(f(sql)); });
  });
}

// Runs `fn()` on `pool` (CPU-heavy work such as Argon2id) and resumes with its result on the
// coroutine's own executor.
template <class T, class Pool, class F>
boost::asio::awaitable<T> awaitOnPool(Pool& pool, F fn) {
  return awaitCompletion<T>([&pool, f = std::move(fn)](auto done) mutable {
    boost::asio::post(pool, [f = std::move(f), done]() mutable { done(f()); });
  });
}

}  // namespace strada::store
