#include "api/public_answers.h"

#include <charconv>

#include "api/handler.h"
#include "public_site/pages.h"

namespace strada::api {

const public_site::Catalog& publicCatalogOf(const http::Request& req) {
  return public_site::Catalog::of(
      public_site::chooseLanguage(req.queryParam("lang"), req.header("accept-language")));
}

http::Response htmlPage(unsigned status, std::string html) {
  http::Response response =
      http::Response::text(status, "text/html; charset=utf-8", std::move(html));
  response.headers.emplace_back("Cache-Control",
                                status == 200 ? "public, max-age=300" : "no-store");
  response.headers.emplace_back("Vary", "Accept-Language");
  return response;
}

http::Response publicNotFound(const http::Request& req) {
  return htmlPage(404, public_site::notFoundPage(publicCatalogOf(req)));
}

http::Response publicPageError(const http::Request& req, const domain::Error& error) {
  return htmlPage(errorResponse(req, error).status,
                  public_site::notFoundPage(publicCatalogOf(req)));
}

std::optional<std::int32_t> publicPageNumber(const http::Request& req) {
  const auto v = req.queryParam("page");
  if (!v) {
    return 1;
  }
  std::int32_t number = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), number);
  if (ec != std::errc() || ptr != v->data() + v->size() || number < 1 || number > 100000) {
    return std::nullopt;
  }
  return number;
}

}  // namespace strada::api
