// A synchronous HTTP/1.1 client on one real socket to 127.0.0.1, for the server's tests: sends
// requests or raw bytes, reads responses, and tells when the server closed the connection.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace strada::http {

using ClientResponse = boost::beast::http::response<boost::beast::http::string_body>;

inline boost::json::value jsonOf(const ClientResponse& response) {
  return boost::json::parse(response.body());
}

// A synchronous client on one connection.
class Client {
  using tcp = boost::asio::ip::tcp;

 public:
  explicit Client(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  }

  ClientResponse send(boost::beast::http::verb method, const std::string& target,
                      std::string body = {},
                      const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    boost::beast::http::request<boost::beast::http::string_body> request(method, target, 11);
    request.set(boost::beast::http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) {
      request.set(name, value);
    }
    request.body() = std::move(body);
    request.prepare_payload();
    boost::beast::http::write(socket_, request);
    return receive(method == boost::beast::http::verb::head);
  }

  void sendRaw(const std::string& bytes) {
    boost::asio::write(socket_, boost::asio::buffer(bytes));
  }

  ClientResponse receive(bool head = false) {
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.skip(head);
    parser.body_limit(std::size_t{64} * 1024 * 1024);
    boost::beast::http::read(socket_, buffer_, parser);
    return parser.release();
  }

  // True when the server closed the connection (EOF or reset) within `wait`.
  bool closedWithin(std::chrono::milliseconds wait) {
    std::promise<bool> closed;
    auto future = closed.get_future();
    std::thread reader([this, &closed] {
      char byte = 0;
      boost::beast::error_code ec;
      socket_.read_some(boost::asio::buffer(&byte, 1), ec);
      closed.set_value(static_cast<bool>(ec));
    });
    const bool ready = future.wait_for(wait) == std::future_status::ready;
    if (!ready) {
      boost::beast::error_code ec;
      socket_.shutdown(tcp::socket::shutdown_both, ec);
      socket_.close(ec);
    }
    reader.join();
    return ready && future.get();
  }

 private:
  boost::asio::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace strada::http
