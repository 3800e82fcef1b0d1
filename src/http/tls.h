// HTTPS on the main listener: the OpenSSL context made from `--tls-cert` and `--tls-key`
// (TLS 1.2 at least, 1.3 preferred, forward-secret AEAD ciphers only), and the client address and
// scheme taken from a trusted reverse proxy's X-Forwarded-For / X-Forwarded-Proto.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "http/server.h"

namespace strada::http {

// The server context for `files`; InvalidArgument naming `--tls-cert` or `--tls-key` when a file
// cannot be read, is not PEM, or the key does not belong to the certificate.
[[nodiscard]] domain::Result<std::shared_ptr<boost::asio::ssl::context>> makeTlsContext(
    const TlsFiles& files);

// Where a request came from, as the handlers see it.
struct ClientOrigin {
  std::string address;  // the client's IP address
  bool secure = false;  // reached the server (or the trusted proxy) over HTTPS
};

// `peer` is the TCP peer; `on_tls` whether this connection is TLS. When `peer` is one of
// `trusted_proxies`, the address is the right-most X-Forwarded-For entry that is not a trusted
// proxy (the peer when there is none) and `secure` also holds when X-Forwarded-Proto is "https".
// From any other peer the headers are ignored. The header values are as received (comma lists).
[[nodiscard]] ClientOrigin clientOrigin(const std::string& peer, bool on_tls,
                                        const std::vector<std::string>& trusted_proxies,
                                        std::string_view forwarded_for,
                                        std::string_view forwarded_proto);

}  // namespace strada::http
