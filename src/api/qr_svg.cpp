#include "api/qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace strada::api {
namespace {

constexpr int kQuietZone = 4;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

std::string qrSvg(std::string_view text) {
  const std::string input(text);
  const std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) {
    return {};
  }
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      // Bit 0 of each module's byte: dark.
      if ((code->data[static_cast<std::size_t>(y * width + x)] & 1U) != 0) {
        path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) +
                "h1v1h-1z";
      }
    }
  }
  const std::string s = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace strada::api
