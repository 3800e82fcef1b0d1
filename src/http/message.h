// Request and Response as the API layer sees them: plain values, no Beast types.
#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"

namespace strada::http {

struct Request {
  std::string method;                                      // "GET", "POST", ...
  std::string path;                                        // percent-decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;  // the peer's IP address
  std::string request_id;      // made by the server for this request, echoed in X-Request-Id;
                               // the id of the logs and the audit trail
  // The client's X-Request-Id when it has a safe shape (http/parse.h), else empty. Logged as
  // `client_request_id` to correlate with the client's logs; never an audit id, never echoed.
  std::string client_request_id;
  bool secure = false;                                     // true when served over TLS
  std::map<std::string, std::string, std::less<>> params;  // path parameters, e.g. "id"
  std::string route;  // the matched route pattern, e.g. "/api/v1/contacts/{id}"

  [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
  [[nodiscard]] std::optional<std::string_view> queryParam(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
  [[nodiscard]] std::string_view param(std::string_view name) const;  // "" when absent
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, ...)

  static Response json(unsigned status, const boost::json::value& value);
  static Response noContent();
  static Response text(unsigned status, std::string content_type, std::string body);
  // {"error":{"code","message","field"}} with the status that matches error.code.
  // `detail` is never sent; the caller logs it.
  static Response error(const domain::Error& error);
};

// 400 InvalidArgument -> 400, Unauthenticated -> 401, PermissionDenied -> 403, NotFound -> 404,
// Conflict -> 409, PayloadTooLarge -> 413, UnsupportedMediaType -> 415, Gone -> 410,
// ResourceExhausted -> 429, Unavailable -> 503,
// Internal -> 500.
unsigned httpStatus(domain::ErrorCode code);

}  // namespace strada::http
