// What every public page's route answers with (api/public_pages.cpp, news.cpp, site_pages.cpp):
// the reader's catalog, an HTML page with its caching, the not-found page, a page's error (never
// the database's words), the ?page= number of a paged list, and the public site's blocking reads
// run on the CPU pool.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "api/context.h"
#include "domain/error.h"
#include "http/message.h"
#include "public_site/catalog.h"
#include "store/async.h"

namespace strada::api {

// The catalog of the reader's language: ?lang= (one of public_site::kPublicLanguages), else the
// request's Accept-Language, else English.
[[nodiscard]] const public_site::Catalog& publicCatalogOf(const http::Request& req);

// An HTML page: cached for 5 minutes when 200, never otherwise; varies with Accept-Language.
[[nodiscard]] http::Response htmlPage(unsigned status, std::string html);

// 404 with the not-found page in the reader's language.
[[nodiscard]] http::Response publicNotFound(const http::Request& req);

// The status `error` answers with (logged as errorResponse logs it), with the not-found page in
// the reader's language as its body.
[[nodiscard]] http::Response publicPageError(const http::Request& req, const domain::Error& error);

// ?page=N of a paged public list: 1 when absent, nullopt when it is not a number from 1 to 100000
// (the route answers 404: a visitor's link, not a form).
[[nodiscard]] std::optional<std::int32_t> publicPageNumber(const http::Request& req);

// `work()` (a public site's read, which blocks on the database) on the CPU pool. Every work is a
// named local moved in here: GCC 12 copies a temporary of a co_await's full-expression into the
// coroutine's frame bytewise, which breaks a lambda holding strings.
template <class T, class Work>
boost::asio::awaitable<domain::Result<T>> onCpuPool(ApiContext& ctx, Work work) {
  return store::awaitOnPool<domain::Result<T>>(ctx.cpu, std::move(work));
}

}  // namespace strada::api
