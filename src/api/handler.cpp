#include "api/handler.h"

#include <charconv>
#include <limits>

#include "domain/encoding.h"
#include "observe/log.h"

namespace strada::api {

http::Response errorResponse(const http::Request& req, const domain::Error& error) {
  if (error.code == domain::ErrorCode::kInternal || error.code == domain::ErrorCode::kUnavailable) {
    observe::logError("request failed", {{"request_id", req.request_id},
                                         {"route", req.route},
                                         {"code", domain::errorCodeName(error.code)},
                                         {"detail", error.detail}});
  }
  return http::Response::error(error);
}

tl::unexpected<domain::Error> unknownParam(std::string_view key) {
  // The key is the client's own (percent-decoded) text: capped, and well-formed UTF-8 so that
  // the error's JSON stays UTF-8.
  return domain::invalidField(domain::utf8Capped(key, 64),
                              "This parameter is not known here. Remove it.");
}

domain::Result<std::string> idParam(const http::Request& req) {
  return std::string(req.param("id"));
}

Arguments<> noParams(const http::Request& req) {
  if (!req.query.empty()) {
    return unknownParam(req.query.front().first);
  }
  return std::tuple<>();
}

Arguments<std::string, std::int32_t> idAndVersionQuery(const http::Request& req) {
  constexpr std::string_view kMessage = "Send the version you started from.";
  for (const auto& [key, value] : req.query) {
    if (key != "version") {
      return unknownParam(key);
    }
  }
  auto version = intParam(req, "version", 1, std::numeric_limits<std::int32_t>::max(), 0, kMessage);
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (*version == 0) {
    return domain::invalidField("version", std::string(kMessage));
  }
  return std::tuple(std::string(req.param("id")), *version);
}

http::Response respond(const http::Request& req, const domain::Status& status) {
  if (!status) {
    return errorResponse(req, status.error());
  }
  return http::Response::noContent();
}

http::Response created(const boost::json::value& body, std::string location) {
  auto response = http::Response::json(201, body);
  if (!location.empty()) {
    response.headers.emplace_back("Location", std::move(location));
  }
  return response;
}

domain::Result<std::int32_t> intParam(const http::Request& req, std::string_view key,
                                      std::int32_t min, std::int32_t max, std::int32_t fallback,
                                      std::string_view message) {
  auto v = req.queryParam(key);
  if (!v) {
    return fallback;
  }
  std::int32_t n = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || ptr != v->data() + v->size() || n < min || n > max) {
    return domain::invalidField(std::string(key), std::string(message));
  }
  return n;
}

}  // namespace strada::api
