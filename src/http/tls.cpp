#include "http/tls.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core/string.hpp>

namespace strada::http {
namespace {

namespace ssl = boost::asio::ssl;

// Forward-secret AEAD suites for TLS 1.2; TLS 1.3's own suites are all of that kind.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

tl::unexpected<domain::Error> tlsFileError(std::string_view option,
                                           const std::filesystem::path& file,
                                           std::string_view what) {
  return domain::invalidField(std::string(option),
                              "Cannot use " + std::string(option) + " " + file.string() + ": " +
                                  std::string(what) +
                                  ". Give a readable PEM file (see docs/deployment.md).");
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

bool isTrusted(std::string_view address, const std::vector<std::string>& trusted_proxies) {
  return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
         trusted_proxies.end();
}

// The last element of a comma list, trimmed; `list` loses it.
std::string_view popLast(std::string_view& list) {
  const auto comma = list.rfind(',');
  const std::string_view last = comma == std::string_view::npos ? list : list.substr(comma + 1);
  list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
  return trimmed(last);
}

}  // namespace

domain::Result<std::shared_ptr<ssl::context>> makeTlsContext(const TlsFiles& files) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::single_dh_use |
                           ssl::context::no_compression,
                       ec);
  SSL_CTX* native = context->native_handle();
  if (ec || SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "OpenSSL refused the TLS settings. Check the OpenSSL installation.");
  }
  SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  context->use_certificate_chain_file(files.certificate_chain.string(), ec);
  if (ec) {
    return tlsFileError("--tls-cert", files.certificate_chain,
                        "it is not a readable PEM certificate chain");
  }
  context->use_private_key_file(files.private_key.string(), ssl::context::pem, ec);
  if (ec) {
    ERR_clear_error();
    const bool mismatch =
        ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH;
    return tlsFileError("--tls-key", files.private_key,
                        mismatch ? "the key does not belong to the --tls-cert certificate"
                                 : "it is not a readable PEM private key");
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    ERR_clear_error();
    return tlsFileError("--tls-key", files.private_key,
                        "the key does not belong to the --tls-cert certificate");
  }
  return context;
}

ClientOrigin clientOrigin(const std::string& peer, bool on_tls,
                          const std::vector<std::string>& trusted_proxies,
                          std::string_view forwarded_for, std::string_view forwarded_proto) {
  ClientOrigin origin{peer, on_tls};
  if (trusted_proxies.empty() || !isTrusted(peer, trusted_proxies)) {
    return origin;
  }
  // Right to left: each trusted proxy vouches for the entry before it; the first entry that is
  // not a trusted proxy is the client. Anything that is not an IP address ends the walk.
  while (!forwarded_for.empty()) {
    const std::string_view entry = popLast(forwarded_for);
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(entry, ec);
    if (ec) {
      break;
    }
    origin.address = address.to_string();
    if (!isTrusted(origin.address, trusted_proxies)) {
      break;
    }
  }
  // The proto list grows the same way; the right-most value is the one the nearest proxy set.
  std::string_view protos = forwarded_proto;
  if (boost::beast::iequals(popLast(protos), std::string_view("https"))) {
    origin.secure = true;
  }
  return origin;
}

}  // namespace strada::http
