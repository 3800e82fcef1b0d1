#include "http/message.h"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

namespace strada::http {
namespace {

TEST(RequestTest, HeaderQueryParamAndPathParameter) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  request.query = {{"page", "2"}, {"q", "a b"}, {"page", "3"}};
  request.params = {{"id", "c-1"}};
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("x-a"), "1");
  EXPECT_FALSE(request.header("x-b").has_value());
  EXPECT_EQ(request.queryParam("page"), "2");
  EXPECT_EQ(request.queryParam("q"), "a b");
  EXPECT_FALSE(request.queryParam("missing").has_value());
  EXPECT_EQ(request.param("id"), "c-1");
  EXPECT_EQ(request.param("other"), "");
}

TEST(RequestTest, CookieParsesTheCookieHeader) {
  Request request;
  request.headers = {{"cookie", "theme=dark; strada_session=abc123;  csrf=\"x-y\""},
                     {"cookie", "late=1"}};
  EXPECT_EQ(request.cookie("strada_session"), "abc123");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("csrf"), "x-y");
  EXPECT_EQ(request.cookie("late"), "1");
  EXPECT_FALSE(request.cookie("session").has_value());
  EXPECT_FALSE(request.cookie("").has_value());
}

TEST(ResponseTest, JsonNoContentAndText) {
  boost::json::object body;
  body["ok"] = true;
  const auto json = Response::json(201, body);
  EXPECT_EQ(json.status, 201U);
  EXPECT_EQ(json.content_type, "application/json");
  EXPECT_EQ(json.body, "{\"ok\":true}");

  const auto empty = Response::noContent();
  EXPECT_EQ(empty.status, 204U);
  EXPECT_TRUE(empty.body.empty());

  const auto text = Response::text(200, "text/plain", "hi");
  EXPECT_EQ(text.content_type, "text/plain");
  EXPECT_EQ(text.body, "hi");
}

TEST(ResponseTest, ErrorBodyHasExactlyCodeMessageField) {
  const auto with_field =
      Response::error(domain::Error{domain::ErrorCode::kInvalidArgument,
                                    "Duration must be positive.", "duration_s", "secret detail"});
  EXPECT_EQ(with_field.status, 400U);
  EXPECT_EQ(with_field.content_type, "application/json");
  EXPECT_EQ(with_field.body,
            "{\"error\":{\"code\":\"invalid_argument\",\"message\":\"Duration must be "
            "positive.\",\"field\":\"duration_s\"}}");

  const auto without_field =
      Response::error(domain::Error{domain::ErrorCode::kNotFound, "No such contact.", {}, {}});
  EXPECT_EQ(without_field.status, 404U);
  EXPECT_EQ(without_field.body,
            "{\"error\":{\"code\":\"not_found\",\"message\":\"No such contact.\",\"field\":\"\"}}");
}

TEST(HttpStatusTest, MapsEveryCode) {
  using domain::ErrorCode;
  EXPECT_EQ(httpStatus(ErrorCode::kInvalidArgument), 400U);
  EXPECT_EQ(httpStatus(ErrorCode::kUnauthenticated), 401U);
  EXPECT_EQ(httpStatus(ErrorCode::kPermissionDenied), 403U);
  EXPECT_EQ(httpStatus(ErrorCode::kNotFound), 404U);
  EXPECT_EQ(httpStatus(ErrorCode::kConflict), 409U);
  EXPECT_EQ(httpStatus(ErrorCode::kPayloadTooLarge), 413U);
  EXPECT_EQ(httpStatus(ErrorCode::kResourceExhausted), 429U);
  EXPECT_EQ(httpStatus(ErrorCode::kUnavailable), 503U);
  EXPECT_EQ(httpStatus(ErrorCode::kConsentRequired), 409U);
  EXPECT_EQ(httpStatus(ErrorCode::kInternal), 500U);
}

}  // namespace
}  // namespace strada::http
