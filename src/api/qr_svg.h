// A QR code as an SVG image (libqrencode makes the code; this only draws its modules), for the
// second factor's enrolment: the authenticator app scans the otpauth:// URI from the screen.
#pragma once

#include <string>
#include <string_view>

namespace strada::api {

// An SVG document of `text`'s QR code (error correction M, a quiet zone of four modules), drawn
// as one path in black on white and scaled by the viewer. "" when the text does not fit in a QR
// code.
[[nodiscard]] std::string qrSvg(std::string_view text);

}  // namespace strada::api
