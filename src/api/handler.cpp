#include "api/handler.h"

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

}  // namespace strada::api
