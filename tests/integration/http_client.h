// A small synchronous HTTP/1.1 (or HTTPS) client for the integration tests: one fresh connection
// per request to 127.0.0.1 (from 127.0.0.1 or another loopback address), a cookie jar for the
// session cookie and the CSRF token of the session. Not thread safe: give each thread its own
// client.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strada::testing {

struct HttpResponse {
  unsigned status = 0;  // 0: the server closed the connection without an answer
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::optional<boost::json::value> json;  // set when the body parses as JSON

  // The first header named `lower_name`.
  [[nodiscard]] std::optional<std::string> header(std::string_view lower_name) const;
  [[nodiscard]] std::vector<std::string> headersNamed(std::string_view lower_name) const;

  // The parts of an error body {"error":{"code","message","field"}}; "<missing>" when absent.
  [[nodiscard]] std::string errorCode() const;
  [[nodiscard]] std::string errorMessage() const;
  [[nodiscard]] std::string errorField() const;
  // True when the body is exactly {"error":{"code":string,"message":string,"field":string}}.
  [[nodiscard]] bool hasErrorShape() const;
};

// What to send in X-CSRF-Token on a request.
enum class CsrfMode {
  kSession,  // the token remembered from login or /me (if any)
  kOmit,     // no header
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}
  // Connects from `source_address` (e.g. "127.0.0.2": the whole of 127.0.0.0/8 is loopback on
  // Linux), so that the server sees another client address.
  HttpClient(std::uint16_t port, std::string source_address)
      : port_(port), source_address_(std::move(source_address)) {}
  // Speaks HTTPS, trusting only the PEM certificate `trusted_certificate` (for 127.0.0.1).
  static HttpClient overTls(std::uint16_t port, std::string trusted_certificate) {
    HttpClient client(port);
    client.tls_certificate_ = std::move(trusted_certificate);
    return client;
  }

  HttpResponse get(std::string_view target);
  HttpResponse post(std::string_view target, std::string_view body,
                    CsrfMode csrf = CsrfMode::kSession);
  HttpResponse del(std::string_view target, CsrfMode csrf = CsrfMode::kSession);
  // Any method, with extra headers (which replace the CSRF and Content-Type headers when they
  // name them).
  HttpResponse request(std::string_view method, std::string_view target, std::string_view body,
                       CsrfMode csrf,
                       const std::vector<std::pair<std::string, std::string>>& extra_headers = {});

  // POST /api/v1/session; on 200 remembers the cookie (done for every response) and the token.
  HttpResponse login(std::string_view email, std::string_view password);
  // GET /api/v1/me; on 200 remembers the CSRF token.
  HttpResponse me();

  // Writes `bytes` as they are on a fresh connection and reads one response.
  HttpResponse raw(std::string_view bytes);

  [[nodiscard]] const std::optional<std::string>& sessionCookie() const { return cookie_; }
  void setSessionCookie(std::optional<std::string> value) { cookie_ = std::move(value); }
  [[nodiscard]] const std::optional<std::string>& csrfToken() const { return csrf_; }
  void setCsrfToken(std::optional<std::string> value) { csrf_ = std::move(value); }

 private:
  HttpResponse exchange(const std::string& bytes);
  HttpResponse exchangeOverTls(const std::string& bytes);
  void rememberCookie(const HttpResponse& response);

  std::uint16_t port_;
  std::string source_address_;         // empty: the system picks (127.0.0.1)
  std::string tls_certificate_;        // empty: plain HTTP
  std::optional<std::string> cookie_;  // the value of the session cookie
  std::string cookie_name_ = "strada_session";
  std::optional<std::string> csrf_;
};

}  // namespace strada::testing
