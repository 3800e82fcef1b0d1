// What every API handler is made of, so that a resource's file holds only what is its own: which
// request values its use case takes, and how the answer looks. For api/ over any capability
// (src/hotline/, src/cases/, ...): a use case is `f(Context, Actor, args...)` returning
// awaitable<Result<T>> or awaitable<Status>.
//
// A route is declared, not written (RouteTable::route with a decoder, a use case and an encoder):
//
//   routes.route("PUT", "/api/v1/agencies/{id}", Permission::kAgencyEdit, decodeAgencyUpdate,
//                hotline::updateAgency, encodeAgency);
//
// after the route's checks (routes.h) runs decodeAgencyUpdate(req), answering its error (a 400
// naming the field); then hotline::updateAgency(ctx.hotline(), actorOf(who, req.request_id),
// <the decoded arguments>...); then answers respond(req, result, encodeAgency). Leave the encoder
// out when the use case returns a Status: a success answers 204.
//
// A handler written by hand (no use case, or more than one step) answers with the same respond()
// family and is registered as a plain function: routes.route(method, pattern, permission, &f)
// with f(ApiContext&, http::Request&, const policy::Principal&).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "api/context.h"
#include "domain/error.h"
#include "http/message.h"
#include "policy/policy.h"
#include "store/async.h"

namespace strada::api {

// An error response; Internal and Unavailable errors are logged (with their detail, the route and
// the request id; never personal data).
http::Response errorResponse(const http::Request& req, const domain::Error& error);

// What a decoder gives: the arguments its use case takes after the Context and the Actor, in
// order. A use case of one argument may also be given a decoder of Result<That argument>.
template <class... Args>
using Arguments = domain::Result<std::tuple<Args...>>;

// InvalidArgument naming the query parameter `key` (its first 64 bytes), which the route does not
// know.
[[nodiscard]] tl::unexpected<domain::Error> unknownParam(std::string_view key);

// The integer query parameter `key` from `min` to `max`; `fallback` when it is absent;
// InvalidArgument on `key` saying `message` when it is not such an integer.
[[nodiscard]] domain::Result<std::int32_t> intParam(const http::Request& req, std::string_view key,
                                                    std::int32_t min, std::int32_t max,
                                                    std::int32_t fallback,
                                                    std::string_view message);

// The path parameter "{id}": the one argument of a use case that reads or removes a record.
[[nodiscard]] domain::Result<std::string> idParam(const http::Request& req);

// No query parameter at all (InvalidArgument naming the first one): a use case of no argument.
[[nodiscard]] Arguments<> noParams(const http::Request& req);

// DELETE path/{id}?version=N: the record's id and the version the client read (InvalidArgument on
// `version` when it is missing or not a positive integer, or naming any other parameter).
[[nodiscard]] Arguments<std::string, std::int32_t> idAndVersionQuery(const http::Request& req);

namespace detail {

template <class T>
inline constexpr bool kIsTuple = false;
template <class... Args>
inline constexpr bool kIsTuple<std::tuple<Args...>> = true;

// A decoded body as the use case's arguments it gives: a tuple's members, or the value alone.
template <class Value>
auto asArguments(Value&& value) {
  if constexpr (kIsTuple<std::decay_t<Value>>) {
    return std::forward<Value>(value);
  } else {
    return std::tuple(std::forward<Value>(value));
  }
}

// DecodeBody(body), or DecodeBody(body, nullptr) for a decoder that may also read a version.
template <auto DecodeBody>
auto decodeBody(std::string_view body) {
  if constexpr (std::is_invocable_v<decltype(DecodeBody), std::string_view>) {
    return DecodeBody(body);
  } else {
    return DecodeBody(body, nullptr);
  }
}

}  // namespace detail

// Decoders of a JSON body, from `DecodeBody(body)` (the body's value; a tuple gives its members as
// arguments) or `DecodeBody(body, version)`, which with a non-null `version` reads its "version"
// member too (a function such as decodeContactInput).
//   bodyOf<DecodeBody>:          POST path          -> (value)
//   idAndBody<DecodeBody>:       POST path/{id}/... -> (id, value)
//   versionedChange<DecodeBody>: PUT  path/{id}     -> (id, value, version)
template <auto DecodeBody>
auto bodyOf(const http::Request& req) {
  return detail::decodeBody<DecodeBody>(req.body);
}

template <auto DecodeBody>
auto idAndBody(const http::Request& req) {
  auto value = detail::decodeBody<DecodeBody>(req.body);
  using Value = std::decay_t<decltype(*value)>;
  return value.map([&req](Value& v) {
    return std::tuple_cat(std::tuple(std::string(req.param("id"))),
                          detail::asArguments(std::move(v)));
  });
}

template <auto DecodeBody>
auto versionedChange(const http::Request& req) {
  std::int32_t version = 0;
  auto value = DecodeBody(req.body, &version);
  using Value = std::decay_t<decltype(*value)>;
  return value.map([&req, version](Value& v) {
    return std::tuple_cat(std::tuple(std::string(req.param("id"))),
                          detail::asArguments(std::move(v)), std::tuple(version));
  });
}

// The answer to a use case's result: its error (errorResponse), or encode(*result), which is
// either a JSON value (answered with 200) or a whole response (201 with created(), a CSV file).
// An encoder that also answers errors, encode(req, error) -> http::Response, answers them instead
// (a refusal that says more than the error, such as the id of the record already there).
template <class T, class Encode>
http::Response respond(const http::Request& req, const domain::Result<T>& result,
                       const Encode& encode) {
  if (!result) {
    if constexpr (std::is_invocable_r_v<http::Response, const Encode&, const http::Request&,
                                        const domain::Error&>) {
      return encode(req, result.error());
    } else {
      return errorResponse(req, result.error());
    }
  }
  if constexpr (std::is_same_v<std::decay_t<decltype(encode(*result))>, http::Response>) {
    return encode(*result);
  } else {
    return http::Response::json(200, encode(*result));
  }
}

// The answer to a use case that returns no value: its error, or 204 No Content.
http::Response respond(const http::Request& req, const domain::Status& status);

// 201 Created with `body`, and a Location header when `location` is not empty.
http::Response created(const boost::json::value& body, std::string location = {});

// [encode_one(item), ...] for each item of `items`, in order.
template <class Items, class EncodeOne>
boost::json::array encodeEach(const Items& items, const EncodeOne& encode_one) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) {
    out.emplace_back(encode_one(item));
  }
  return out;
}

// {"items": [encode_one(item), ...]}
template <class Items, class EncodeOne>
boost::json::object itemsBody(const Items& items, const EncodeOne& encode_one) {
  return {{"items", encodeEach(items, encode_one)}};
}

namespace detail {

// Starts `run(ctx, actor, args...)`; the use case's frame takes its arguments by value.
template <class Run, class Args>
auto startUseCase(const Run& run, hotline::Context ctx, hotline::Actor actor, Args args) {
  if constexpr (kIsTuple<Args>) {
    return std::apply(
        [&](auto&... each) { return run(std::move(ctx), std::move(actor), std::move(each)...); },
        args);
  } else {
    return run(std::move(ctx), std::move(actor), std::move(args));
  }
}

}  // namespace detail

namespace detail {

template <class R, class Pool, class F, class... Args>
boost::asio::awaitable<R> runBlocking(Pool* pool, F f, store::Database* db, hotline::Actor actor,
                                      Args... args) {
  // A named local moved in: GCC 12 copies a temporary of a co_await's full-expression into the
  // coroutine's frame bytewise, which breaks a lambda holding strings.
  auto work = [f, db, actor = std::move(actor), ... args = std::move(args)]() mutable {
    return f(*db, actor, std::move(args)...);
  };
  co_return co_await store::awaitOnPool<R>(*pool, std::move(work));
}

}  // namespace detail

// A use case that blocks on the database, f(store::Database&, const hotline::Actor&, args...)
// returning Result<T> or Status (the public site's news and pages), as a declared route's use
// case: it runs on `pool` (ApiContext::cpu), never on an I/O thread.
//   routes.route("GET", "/api/v1/news/{id}", Permission::kNewsManage, idParam,
//                blocking(ctx.cpu, &public_site::readNews), encodeNews);
template <class Pool, class F>
auto blocking(Pool& pool, F f) {
  return [&pool, f](hotline::Context c, hotline::Actor actor, auto... args) {
    using R = std::invoke_result_t<F, store::Database&, const hotline::Actor&, decltype(args)...>;
    return detail::runBlocking<R>(&pool, f, &c.db, std::move(actor), std::move(args)...);
  };
}

// The declared route's handler: decode, run the use case, respond (see the top of this file).
template <class Decode, class Run, class... Encode>
boost::asio::awaitable<http::Response> runUseCase(ApiContext& ctx, http::Request& req,
                                                  const policy::Principal& who, Decode decode,
                                                  Run run, Encode... encode) {
  auto args = decode(std::as_const(req));
  if (!args) {
    co_return errorResponse(req, args.error());
  }
  auto result = co_await detail::startUseCase(run, ctx.hotline(), actorOf(who, req.request_id),
                                              std::move(*args));
  co_return respond(req, result, encode...);
}

}  // namespace strada::api
