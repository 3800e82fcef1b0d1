#include "http/router.h"

#include <gtest/gtest.h>

namespace strada::http {
namespace {

Handler ok() {
  return [](Request&) -> boost::asio::awaitable<Response> { co_return Response::noContent(); };
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.add("GET", "/api/v1/contacts", ok());
    router_.add("POST", "/api/v1/contacts", ok());
    router_.add("GET", "/api/v1/contacts/{id}", ok());
    router_.add("DELETE", "/api/v1/contacts/{id}", ok());
    router_.add("GET", "/api/v1/contacts/export", ok());
    router_.add("GET", "/api/v1/cases/{case_id}/notes/{note_id}", ok());
    router_.add("GET", "/metrics", ok());
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralRoute) {
  const auto match = router_.match("GET", "/api/v1/contacts");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/contacts");
  EXPECT_EQ(match.route->method, "GET");
  EXPECT_TRUE(match.params.empty());
}

TEST_F(RouterTest, ExtractsParameters) {
  const auto match = router_.match("GET", "/api/v1/cases/c-17/notes/n-4");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/cases/{case_id}/notes/{note_id}");
  EXPECT_EQ(match.params.at("case_id"), "c-17");
  EXPECT_EQ(match.params.at("note_id"), "n-4");
}

TEST_F(RouterTest, LiteralSegmentWinsOverParameterWhateverTheOrderOfAdding) {
  auto match = router_.match("GET", "/api/v1/contacts/export");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/contacts/export");
  EXPECT_TRUE(match.params.empty());

  match = router_.match("GET", "/api/v1/contacts/42");
  ASSERT_EQ(match.outcome, Router::Outcome::kFound);
  EXPECT_EQ(match.route->pattern, "/api/v1/contacts/{id}");
  EXPECT_EQ(match.params.at("id"), "42");
}

TEST_F(RouterTest, WrongMethodListsTheAllowedOnes) {
  const auto match = router_.match("PUT", "/api/v1/contacts/42");
  EXPECT_EQ(match.outcome, Router::Outcome::kMethodNotAllowed);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"DELETE", "GET"}));
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(router_.match("GET", "/api/v1/nothing").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.match("GET", "/api/v1/contacts/42/extra").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.match("GET", "").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.match("GET", "api/v1/contacts").outcome, Router::Outcome::kNotFound);
}

TEST_F(RouterTest, TrailingSlashIsADifferentPath) {
  EXPECT_EQ(router_.match("GET", "/api/v1/contacts/").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.match("GET", "/metrics/").outcome, Router::Outcome::kNotFound);
  EXPECT_EQ(router_.match("GET", "/api/v1/contacts/42/").outcome, Router::Outcome::kNotFound);
}

TEST_F(RouterTest, ParametersAreNeverEmpty) {
  EXPECT_EQ(router_.match("GET", "/api/v1/cases//notes/1").outcome, Router::Outcome::kNotFound);
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  EXPECT_EQ(router_.match("get", "/metrics").outcome, Router::Outcome::kMethodNotAllowed);
}

TEST(RouterEmptyTest, NothingMatchesAnEmptyRouter) {
  Router router;
  EXPECT_EQ(router.match("GET", "/").outcome, Router::Outcome::kNotFound);
  EXPECT_TRUE(router.routes().empty());
}

}  // namespace
}  // namespace strada::http
