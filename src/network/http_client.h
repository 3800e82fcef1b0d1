// A small HTTP/1.1 client for instance-to-instance messages (Boost.Beast): one connection per
// request, http:// or https:// (the certificate verified against the system's store or a CA
// file, and the host name checked), every step bounded by a timeout. Blocking: call it from a
// thread of its own (the outbox worker, a command), never from an I/O thread.
#pragma once

#include <chrono>
#include <string>

#include "domain/error.h"

namespace strada::network {

struct HttpClientOptions {
  std::chrono::milliseconds timeout{10000};  // the whole exchange
  std::string ca_file;                       // empty: the system's certificate store
};

struct HttpReply {
  unsigned status = 0;
  std::string body;
};

// POSTs `body` as application/json to `url`. Unavailable when no answer came, with the error's
// class in `detail` ("url", "resolve", "connect", "tls", "timeout", "protocol"); any status is
// an answer.
[[nodiscard]] domain::Result<HttpReply> postJson(const std::string& url, const std::string& body,
                                                 const HttpClientOptions& options);

}  // namespace strada::network
