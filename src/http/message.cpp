#include "http/message.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <iterator>
#include <utility>

#include "http/parse.h"

namespace strada::http {
std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (equalsIgnoreCase(name, lower_name)) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::queryParam(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // A client may split cookies over several Cookie fields (HTTP/2 does); look in each.
  for (const auto& [header_name, value] : headers) {
    if (equalsIgnoreCase(header_name, "cookie")) {
      if (auto found = findCookie(value, name)) {
        return found;
      }
    }
  }
  return std::nullopt;
}

std::string_view Request::param(std::string_view name) const {
  const auto it = params.find(name);
  if (it == params.end()) {
    return {};
  }
  return it->second;
}

Response Response::json(unsigned status, const boost::json::value& value) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = boost::json::serialize(value);
  return response;
}

Response Response::noContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Response Response::text(unsigned status, std::string content_type, std::string body) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response Response::error(const domain::Error& error) {
  boost::json::object inner;
  inner["code"] = domain::errorCodeName(error.code);
  inner["message"] = error.message;
  inner["field"] = error.field;
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return json(httpStatus(error.code), outer);
}

unsigned httpStatus(domain::ErrorCode code) {
  using domain::ErrorCode;
  // One row per ErrorCode, in declaration order: the static_asserts make a new code without a
  // row fail the build instead of answering 500.
  static constexpr std::pair<ErrorCode, unsigned> kStatuses[] = {
      {ErrorCode::kInvalidArgument, 400},
      {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kPermissionDenied, 403},
      {ErrorCode::kNotFound, 404},
      {ErrorCode::kConflict, 409},
      {ErrorCode::kPayloadTooLarge, 413},
      {ErrorCode::kUnsupportedMediaType, 415},
      {ErrorCode::kGone, 410},
      {ErrorCode::kResourceExhausted, 429},
      {ErrorCode::kUnavailable, 503},
      {ErrorCode::kConsentRequired, 409},
      {ErrorCode::kInternal, 500}};
  static_assert(std::size(kStatuses) == static_cast<std::size_t>(ErrorCode::kInternal) + 1);
  static_assert([] {
    for (std::size_t i = 0; i < std::size(kStatuses); ++i) {
      if (static_cast<std::size_t>(kStatuses[i].first) != i) {
        return false;
      }
    }
    return true;
  }());
  const auto index = static_cast<std::size_t>(code);
  return index < std::size(kStatuses) ? kStatuses[index].second : 500;
}

}  // namespace strada::http
