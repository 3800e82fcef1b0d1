// Prometheus metrics: request counts and latency histograms per route, plus gauges that other
// layers register (database pool use). Thread safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace strada::observe {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // `route` is the route pattern ("/api/v1/contacts/{id}"), never a concrete path, so that no
  // id or personal data becomes a label.
  void observeRequest(std::string_view method, std::string_view route, unsigned status,
                      double seconds);
  // A gauge read at render time. `name` must be a valid metric name.
  void addGauge(std::string name, std::string help, std::function<double()> read);
  // A counter read at render time (monotonic).
  void addCounter(std::string name, std::string help, std::function<double()> read);

  // Text exposition format 0.0.4:
  //   strada_http_requests_total{method,route,status}
  //   strada_http_request_duration_seconds{method,route} (histogram, buckets 0.5 ms .. 10 s)
  //   plus the registered gauges and counters.
  [[nodiscard]] std::string render() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace strada::observe
