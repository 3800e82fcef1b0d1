#include "observe/metrics.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

namespace strada::observe {
namespace {

// Upper bounds of the latency buckets, in seconds; their label text is kept beside them so that
// the rendered `le` is stable ("0.0005", not "5e-04").
constexpr std::array<double, 14> kBucketBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                  0.1,    0.25,  0.5,    1,     2.5,  5,     10};
constexpr std::array<std::string_view, 14> kBucketLabels = {
    "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05",
    "0.1",    "0.25",  "0.5",    "1",     "2.5",  "5",     "10"};

struct Histogram {
  std::array<std::uint64_t, kBucketBounds.size()> buckets{};  // non-cumulative counts
  double sum = 0;
  std::uint64_t count = 0;
};

struct Sampled {
  std::string name;
  std::string help;
  std::function<double()> read;
  bool counter = false;
};

// Used in asserts only: unused in release builds.
[[maybe_unused]] bool isValidMetricName(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) {
      return false;
    }
  }
  return true;
}

// Text format 0.0.4 escapes backslash and line feed in HELP text and in label values, and the
// double quote in label values only.
void appendEscaped(std::string& out, std::string_view text, bool escape_quotes) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
}

void appendLabelValue(std::string& out, std::string_view value) {
  out.push_back('"');
  appendEscaped(out, value, true);
  out.push_back('"');
}

// "# HELP <name> <help>" and "# TYPE <name> <type>", the two lines before a metric's samples.
void appendHelpAndType(std::string& out, std::string_view name, std::string_view help,
                       std::string_view type) {
  out += "# HELP ";
  out += name;
  out.push_back(' ');
  appendEscaped(out, help, false);
  out += "\n# TYPE ";
  out += name;
  out.push_back(' ');
  out += type;
  out.push_back('\n');
}

void appendNumber(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, ec == std::errc() ? end : buffer);
}

void appendNumber(std::string& out, std::uint64_t value) {
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, ec == std::errc() ? end : buffer);
}

// "<name><suffix>{<labels>} <value>": one sample line of a labelled series.
template <class Number>
void appendLabelledSample(std::string& out, std::string_view name, std::string_view suffix,
                          std::string_view labels, Number value) {
  out += name;
  out += suffix;
  out.push_back('{');
  out += labels;
  out += "} ";
  appendNumber(out, value);
  out.push_back('\n');
}

}  // namespace

struct Metrics::State {
  mutable std::mutex mutex;
  // (method, route, status) -> count
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t, std::less<>> requests;
  // (method, route) -> latency histogram
  std::map<std::pair<std::string, std::string>, Histogram, std::less<>> durations;
  std::vector<Sampled> sampled;
};

Metrics::Metrics() : state_(std::make_unique<State>()) {}
Metrics::~Metrics() = default;

void Metrics::observeRequest(std::string_view method, std::string_view route, unsigned status,
                             double seconds) {
  if (!(seconds >= 0) || !std::isfinite(seconds)) {
    seconds = 0;
  }
  std::lock_guard lock(state_->mutex);
  auto request_key = std::make_tuple(std::string(method), std::string(route), status);
  ++state_->requests[std::move(request_key)];
  Histogram& histogram = state_->durations[{std::string(method), std::string(route)}];
  for (std::size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
  histogram.sum += seconds;
  ++histogram.count;
}

void Metrics::addGauge(std::string name, std::string help, std::function<double()> read) {
  assert(isValidMetricName(name));
  std::lock_guard lock(state_->mutex);
  state_->sampled.push_back({std::move(name), std::move(help), std::move(read), false});
}

void Metrics::addCounter(std::string name, std::string help, std::function<double()> read) {
  assert(isValidMetricName(name));
  std::lock_guard lock(state_->mutex);
  state_->sampled.push_back({std::move(name), std::move(help), std::move(read), true});
}

std::string Metrics::render() const {
  std::string out;
  std::vector<Sampled> sampled;
  {
    std::lock_guard lock(state_->mutex);
    sampled = state_->sampled;

    constexpr std::string_view kRequests = "strada_http_requests_total";
    appendHelpAndType(out, kRequests, "HTTP responses sent, by method, route pattern and status.",
                      "counter");
    for (const auto& [key, count] : state_->requests) {
      const auto& [method, route, status] = key;
      out += kRequests;
      out += "{method=";
      appendLabelValue(out, method);
      out += ",route=";
      appendLabelValue(out, route);
      out += ",status=\"";
      appendNumber(out, static_cast<std::uint64_t>(status));
      out += "\"} ";
      appendNumber(out, count);
      out.push_back('\n');
    }

    constexpr std::string_view kDuration = "strada_http_request_duration_seconds";
    appendHelpAndType(out, kDuration, "Time from a complete request to the response, in seconds.",
                      "histogram");
    for (const auto& [key, histogram] : state_->durations) {
      std::string labels = "method=";
      appendLabelValue(labels, key.first);
      labels += ",route=";
      appendLabelValue(labels, key.second);
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i <= kBucketBounds.size(); ++i) {
        out += kDuration;
        out += "_bucket{";
        out += labels;
        out += ",le=\"";
        if (i < kBucketBounds.size()) {
          cumulative += histogram.buckets[i];
          out += kBucketLabels[i];
        } else {
          cumulative = histogram.count;
          out += "+Inf";
        }
        out += "\"} ";
        appendNumber(out, cumulative);
        out.push_back('\n');
      }
      appendLabelledSample(out, kDuration, "_sum", labels, histogram.sum);
      appendLabelledSample(out, kDuration, "_count", labels, histogram.count);
    }
  }

  // Registered callbacks run outside the lock: they may take their own locks (the database
  // pool), and must not be able to deadlock against observeRequest().
  for (const Sampled& metric : sampled) {
    double value = 0;
    try {
      value = metric.read ? metric.read() : 0.0;
    } catch (...) {
      // A failing reader must not take the whole exposition down; its sample is skipped.
      continue;
    }
    appendHelpAndType(out, metric.name, metric.help, metric.counter ? "counter" : "gauge");
    out += metric.name;
    out.push_back(' ');
    appendNumber(out, value);
    out.push_back('\n');
  }
  return out;
}

}  // namespace strada::observe
