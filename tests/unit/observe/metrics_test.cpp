#include "observe/metrics.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace strada::observe {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(MetricsTest, RendersHelpAndTypeEvenWhenEmpty) {
  Metrics metrics;
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "# HELP strada_http_requests_total "));
  EXPECT_TRUE(contains(text, "# TYPE strada_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text, "# TYPE strada_http_request_duration_seconds histogram\n"));
}

TEST(MetricsTest, CountsRequestsPerMethodRouteAndStatus) {
  Metrics metrics;
  metrics.observeRequest("GET", "/api/v1/contacts/{id}", 200, 0.003);
  metrics.observeRequest("GET", "/api/v1/contacts/{id}", 200, 0.004);
  metrics.observeRequest("GET", "/api/v1/contacts/{id}", 404, 0.001);
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(
      text,
      "strada_http_requests_total{method=\"GET\",route=\"/api/v1/contacts/{id}\",status=\"200\"} "
      "2\n"))
      << text;
  EXPECT_TRUE(contains(
      text,
      "strada_http_requests_total{method=\"GET\",route=\"/api/v1/contacts/{id}\",status=\"404\"} "
      "1\n"));
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Metrics metrics;
  metrics.observeRequest("POST", "/api/v1/x", 201, 0.0004);  // <= 0.0005
  metrics.observeRequest("POST", "/api/v1/x", 201, 0.003);   // <= 0.005
  metrics.observeRequest("POST", "/api/v1/x", 201, 0.5);     // <= 0.5 (bounds are inclusive)
  metrics.observeRequest("POST", "/api/v1/x", 201, 42.0);    // only +Inf
  const std::string text = metrics.render();
  const std::string prefix =
      "strada_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/x\",le=";
  EXPECT_TRUE(contains(text, prefix + "\"0.0005\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, prefix + "\"0.001\"} 1\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.005\"} 2\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.25\"} 2\n"));
  EXPECT_TRUE(contains(text, prefix + "\"0.5\"} 3\n"));
  EXPECT_TRUE(contains(text, prefix + "\"10\"} 3\n"));
  EXPECT_TRUE(contains(text, prefix + "\"+Inf\"} 4\n"));
  EXPECT_TRUE(contains(
      text, "strada_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/x\"} 4\n"));
  EXPECT_TRUE(contains(
      text,
      "strada_http_request_duration_seconds_sum{method=\"POST\",route=\"/api/v1/x\"} 42.5034\n"));
  // Buckets appear in increasing order of le.
  EXPECT_LT(text.find(prefix + "\"0.0005\""), text.find(prefix + "\"0.001\""));
  EXPECT_LT(text.find(prefix + "\"10\""), text.find(prefix + "\"+Inf\""));
}

TEST(MetricsTest, EscapesLabelValues) {
  Metrics metrics;
  metrics.observeRequest("GET", "a\"b\\c\nd", 200, 0.001);
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "route=\"a\\\"b\\\\c\\nd\"")) << text;
}

TEST(MetricsTest, RendersRegisteredGaugesAndCountersAtRenderTime) {
  Metrics metrics;
  double in_use = 3;
  metrics.addGauge("strada_db_pool_in_use", "Database sessions in use.", [&] { return in_use; });
  metrics.addCounter("strada_logins_total", "Logins.", [] { return 7.0; });
  metrics.addGauge("strada_broken", "Throws.", []() -> double { throw 1; });
  std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "# HELP strada_db_pool_in_use Database sessions in use.\n"));
  EXPECT_TRUE(contains(text, "# TYPE strada_db_pool_in_use gauge\nstrada_db_pool_in_use 3\n"));
  EXPECT_TRUE(contains(text, "# TYPE strada_logins_total counter\nstrada_logins_total 7\n"));
  EXPECT_FALSE(contains(text, "strada_broken"));
  in_use = 0.25;
  text = metrics.render();
  EXPECT_TRUE(contains(text, "strada_db_pool_in_use 0.25\n"));
}

TEST(MetricsTest, IsSafeUnderConcurrentUse) {
  Metrics metrics;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 1000; ++i) {
        metrics.observeRequest("GET", "/api/v1/ping", 200, 0.001);
        if (i % 100 == 0) {
          (void)metrics.render();
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_TRUE(contains(metrics.render(),
                       "strada_http_requests_total{method=\"GET\",route=\"/api/v1/ping\","
                       "status=\"200\"} 4000\n"));
}

}  // namespace
}  // namespace strada::observe
