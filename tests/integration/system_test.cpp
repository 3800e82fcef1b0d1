// Health, the API's error answers for bad requests, metrics, and the OpenAPI description against
// the routes the server really registers.
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "integration/suite.h"

#ifndef STRADA_SOURCE_DIR
#error "integration_tests needs STRADA_SOURCE_DIR (tests/CMakeLists.txt)"
#endif

namespace strada::testing {
namespace {

class SystemTest : public DeploymentTest<SystemTest> {
 protected:
  static std::string expectedBackend() {
    const char* backend = std::getenv("STRADA_TEST_BACKEND");
    return backend != nullptr && *backend != '\0' ? backend : "sqlite";
  }
};

TEST_F(SystemTest, HealthNamesTheBackendAndVersion) {
  HttpClient c = client();
  const HttpResponse r = c.get("/api/v1/health");
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_TRUE(r.json && r.json->is_object()) << r.body;
  const auto& body = r.json->as_object();
  EXPECT_EQ(body.size(), 3u) << r.body;
  EXPECT_EQ(body.at("status"), "ok");
  EXPECT_EQ(body.at("db"), boost::json::string(expectedBackend()));
  EXPECT_EQ(body.at("version"), STRADA_VERSION);
  EXPECT_EQ(r.header("content-type").value_or(""), "application/json");
  EXPECT_EQ(r.header("cache-control").value_or(""), "no-store");
  EXPECT_FALSE(r.header("x-request-id").value_or("").empty());
}

TEST_F(SystemTest, UnknownApiRouteIs404Json) {
  HttpClient c = client();
  for (const char* target : {"/api/v1/nothing-here", "/api/v2/health", "/api/"}) {
    const HttpResponse r = c.get(target);
    EXPECT_EQ(r.status, 404u) << target;
    EXPECT_TRUE(r.hasErrorShape()) << target << ": " << r.body;
    EXPECT_EQ(r.errorCode(), "not_found") << target;
    EXPECT_EQ(r.errorField(), "") << target;
  }
}

TEST_F(SystemTest, WrongMethodIs405WithAllow) {
  HttpClient c = client();
  const HttpResponse r = c.request("PUT", "/api/v1/health", "{}", CsrfMode::kOmit);
  EXPECT_EQ(r.status, 405u) << r.body;
  EXPECT_TRUE(r.hasErrorShape()) << r.body;
  const std::string allow = r.header("allow").value_or("");
  EXPECT_NE(allow.find("GET"), std::string::npos) << "Allow: " << allow;
  EXPECT_EQ(allow.find("PUT"), std::string::npos) << "Allow: " << allow;

  const HttpResponse contacts = c.request("PATCH", "/api/v1/contacts", "{}", CsrfMode::kOmit);
  EXPECT_EQ(contacts.status, 405u) << contacts.body;
  const std::string allow_contacts = contacts.header("allow").value_or("");
  EXPECT_NE(allow_contacts.find("GET"), std::string::npos) << allow_contacts;
  EXPECT_NE(allow_contacts.find("POST"), std::string::npos) << allow_contacts;
}

TEST_F(SystemTest, BodyOverOneMebibyteIs413) {
  HttpClient c = signedIn(kConsultantA);
  const std::string big(1024 * 1024 + 1, 'x');
  const HttpResponse r = c.post("/api/v1/contacts", big);
  EXPECT_EQ(r.status, 413u) << r.body.substr(0, 200);
  EXPECT_TRUE(r.hasErrorShape()) << r.body.substr(0, 200);
  EXPECT_EQ(r.errorCode(), "payload_too_large");
  // Also before any authentication: the limit is the server's, not a route's.
  HttpClient anonymous = client();
  const HttpResponse login = anonymous.post("/api/v1/session", big, CsrfMode::kOmit);
  EXPECT_EQ(login.status, 413u);
  // The server keeps serving.
  EXPECT_EQ(client().get("/api/v1/health").status, 200u);
}

TEST_F(SystemTest, MalformedJsonToSessionIs400WithEmptyField) {
  HttpClient c = client();
  for (const char* body : {"{\"email\":", "not json", "[1,2]", "\"text\"", ""}) {
    const HttpResponse r = c.post("/api/v1/session", body, CsrfMode::kOmit);
    EXPECT_EQ(r.status, 400u) << "body " << body << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorCode(), "invalid_argument") << body;
    EXPECT_EQ(r.errorField(), "") << body;
  }
}

TEST_F(SystemTest, RawMalformedRequestsAnswer400AndServerGoesOn) {
  HttpClient c = client();
  const HttpResponse garbage = c.raw("THIS IS NOT HTTP\r\n\r\n");
  EXPECT_EQ(garbage.status, 400u) << garbage.body;
  const HttpResponse bad_target = c.raw("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(bad_target.status, 400u) << bad_target.body;
  EXPECT_TRUE(bad_target.hasErrorShape()) << bad_target.body;
  EXPECT_EQ(client().get("/api/v1/health").status, 200u);
}

// The label of every request line of strada_http_requests_total.
std::vector<std::string> requestCounterLines(const std::string& metrics) {
  std::vector<std::string> out;
  std::istringstream in(metrics);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("strada_http_requests_total{")) {
      out.push_back(line);
    }
  }
  return out;
}

TEST_F(SystemTest, MetricsLabelRoutePatternsNeverIds) {
  HttpClient c = signedIn(kConsultantA);
  const HttpResponse created = c.post("/api/v1/contacts", toJson(validContact()));
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string id(created.json->as_object().at("id").as_string());
  ASSERT_EQ(c.get("/api/v1/contacts/" + id).status, 200u);
  ASSERT_EQ(c.get("/api/v1/contacts/" + std::string(32, 'a')).status, 404u);

  const HttpResponse r = HttpClient(deployment().metricsPort()).get("/metrics");
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.header("content-type").value_or("").find("text/plain"), std::string::npos);
  const auto lines = requestCounterLines(r.body);
  ASSERT_FALSE(lines.empty()) << r.body;
  bool found_pattern = false;
  const std::regex concrete_id("[0-9a-f]{32}");
  for (const auto& line : lines) {
    if (line.find("route=\"/api/v1/contacts/{id}\"") != std::string::npos) {
      found_pattern = true;
    }
    EXPECT_FALSE(std::regex_search(line, concrete_id)) << line;
  }
  EXPECT_TRUE(found_pattern) << r.body;
  EXPECT_EQ(r.body.find(id), std::string::npos) << "a concrete contact id in /metrics";
  EXPECT_EQ(r.body.find(std::string(32, 'a')), std::string::npos);
}

// Metrics describe the service's load: only on the --metrics-listen address, never public.
TEST_F(SystemTest, MetricsAreNotServedOnTheMainListener) {
  const HttpResponse r = client().get("/metrics");
  EXPECT_EQ(r.status, 404u) << r.body;
  EXPECT_TRUE(r.hasErrorShape()) << r.body;
  EXPECT_EQ(r.body.find("strada_http_requests_total"), std::string::npos);
  // And the metrics listener serves nothing but /metrics.
  EXPECT_EQ(HttpClient(deployment().metricsPort()).get("/api/v1/health").status, 404u);
}

using RouteSet = std::set<std::pair<std::string, std::string>>;

// (METHOD, path) of docs/openapi.yaml: 2-space-indented keys under the top-level `paths:` are
// paths, 4-space-indented HTTP methods under them are operations.
RouteSet openApiRoutes(const std::string& yaml) {
  static const std::set<std::string> kMethods = {"get",    "post", "put",    "patch",
                                                 "delete", "head", "options"};
  RouteSet out;
  std::istringstream in(yaml);
  bool in_paths = false;
  std::string path;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty() || line.find_first_not_of(' ') == std::string::npos ||
        line[line.find_first_not_of(' ')] == '#') {
      continue;
    }
    if (line[0] != ' ') {
      in_paths = line == "paths:";
      path.clear();
      continue;
    }
    if (!in_paths || line.back() != ':') {
      continue;
    }
    const auto indent = line.find_first_not_of(' ');
    const std::string key = line.substr(indent, line.size() - indent - 1);
    if (indent == 2) {
      path = key;
    } else if (indent == 4 && !path.empty() && kMethods.contains(key)) {
      std::string method = key;
      for (auto& ch : method) {
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      }
      out.emplace(method, path);
    }
  }
  return out;
}

std::string describe(const RouteSet& routes) {
  std::string out;
  for (const auto& [method, path] : routes) {
    out += "  " + method + " " + path + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

TEST_F(SystemTest, OpenApiDescribesExactlyTheRegisteredRoutes) {
  const std::string file = std::string(STRADA_SOURCE_DIR) + "/docs/openapi.yaml";
  std::ifstream in(file);
  ASSERT_TRUE(in) << "cannot read " << file;
  std::stringstream text;
  text << in.rdbuf();
  const RouteSet documented = openApiRoutes(text.str());
  ASSERT_FALSE(documented.empty()) << "no paths found in " << file;

  RouteSet registered;
  for (const auto& route : deployment().server().routes()) {
    registered.insert(route);
  }
  ASSERT_FALSE(registered.empty());

  RouteSet undocumented;
  RouteSet missing;
  std::set_difference(registered.begin(), registered.end(), documented.begin(), documented.end(),
                      std::inserter(undocumented, undocumented.end()));
  std::set_difference(documented.begin(), documented.end(), registered.begin(), registered.end(),
                      std::inserter(missing, missing.end()));
  EXPECT_TRUE(undocumented.empty() && missing.empty())
      << "registered but not in docs/openapi.yaml:\n"
      << describe(undocumented) << "in docs/openapi.yaml but not registered:\n"
      << describe(missing);
}

TEST_F(SystemTest, OpenApiScannerReadsPathsAndMethodsOnly) {
  const RouteSet routes = openApiRoutes(
      "openapi: 3.0.3\n"
      "info:\n"
      "  title: x\n"
      "paths:\n"
      "  /a:\n"
      "    get:\n"
      "      responses:\n"
      "        '200':\n"
      "    parameters:\n"
      "  /b/{id}:\n"
      "    delete:\n"
      "    post:\n"
      "components:\n"
      "  schemas:\n"
      "    get:\n");
  EXPECT_EQ(routes, (RouteSet{{"GET", "/a"}, {"DELETE", "/b/{id}"}, {"POST", "/b/{id}"}}));
}

}  // namespace
}  // namespace strada::testing
