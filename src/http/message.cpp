#include "http/message.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "http/parse.h"

namespace strada::http {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

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
  switch (code) {
    case domain::ErrorCode::kInvalidArgument:
      return 400;
    case domain::ErrorCode::kUnauthenticated:
      return 401;
    case domain::ErrorCode::kPermissionDenied:
      return 403;
    case domain::ErrorCode::kNotFound:
      return 404;
    case domain::ErrorCode::kConflict:
      return 409;
    case domain::ErrorCode::kPayloadTooLarge:
      return 413;
    case domain::ErrorCode::kResourceExhausted:
      return 429;
    case domain::ErrorCode::kUnavailable:
      return 503;
    case domain::ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace strada::http
