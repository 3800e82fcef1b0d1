// Error and Result: the one way fallible code in Strada reports failure.
// No exception crosses a layer; every fallible function returns Result<T>.
#pragma once

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <utility>

namespace strada::domain {

enum class ErrorCode {
  kInvalidArgument,       // 400: the caller sent something wrong; `field` names it.
  kUnauthenticated,       // 401
  kPermissionDenied,      // 403
  kNotFound,              // 404 (also for records of another organisation)
  kConflict,              // 409
  kPayloadTooLarge,       // 413
  kUnsupportedMediaType,  // 415: a body (an uploaded file) of a type not taken; `field` names it
  kGone,                  // 410: the record is known, its content no longer exists
  kResourceExhausted,     // 429: throttled
  kUnavailable,           // 503
  kConsentRequired,       // 409: a share without the person's consent in force; `field` "consent"
  kInternal,              // 500 (stays last: http::httpStatus checks its table against it)
};

// `message` is safe to show to the user and never holds personal data.
// `field` names the offending input field (JSON path such as "duration_s"), or is empty.
// `detail` is for the log only; it must not hold personal data either.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
  std::string detail;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = Result<void>;

[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode code, std::string message,
                                                std::string field = {}, std::string detail = {}) {
  return tl::unexpected<Error>(
      Error{code, std::move(message), std::move(field), std::move(detail)});
}
[[nodiscard]] inline tl::unexpected<Error> invalidField(std::string field, std::string message) {
  return fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}
[[nodiscard]] inline tl::unexpected<Error> internalError(std::string detail) {
  return fail(ErrorCode::kInternal, "Something went wrong on the server. Please try again.", {},
              std::move(detail));
}

// Stable snake_case name of a code, used in JSON bodies ("invalid_argument", ...).
std::string_view errorCodeName(ErrorCode code);

}  // namespace strada::domain
