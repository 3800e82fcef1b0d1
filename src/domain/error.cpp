#include "domain/error.h"

#include "domain/enum_names.h"

namespace strada::domain {
namespace {

constexpr std::array<EnumName<ErrorCode>, 12> kErrorCodeNames = {{
    {ErrorCode::kInvalidArgument, "invalid_argument"},
    {ErrorCode::kUnauthenticated, "unauthenticated"},
    {ErrorCode::kPermissionDenied, "permission_denied"},
    {ErrorCode::kNotFound, "not_found"},
    {ErrorCode::kConflict, "conflict"},
    {ErrorCode::kPayloadTooLarge, "payload_too_large"},
    {ErrorCode::kUnsupportedMediaType, "unsupported_media_type"},
    {ErrorCode::kGone, "gone"},
    {ErrorCode::kResourceExhausted, "resource_exhausted"},
    {ErrorCode::kUnavailable, "unavailable"},
    // A share refused for want of the person's consent (cases/share_consent.h).
    EnumName<ErrorCode>{ErrorCode::kConsentRequired, "consent_required"},
    {ErrorCode::kInternal, "internal"},
}};
static_assert(listsEveryValue(kErrorCodeNames, ErrorCode::kInternal));

}  // namespace

std::string_view errorCodeName(ErrorCode code) { return nameOf(kErrorCodeNames, code, "internal"); }

}  // namespace strada::domain
