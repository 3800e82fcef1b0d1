// Compiles Boost.Asio's SSL support once (BOOST_ASIO_SEPARATE_COMPILATION), for the network's
// HTTP client only: the server itself serves plain HTTP behind a TLS-terminating proxy.
#include <boost/asio/ssl/impl/src.hpp>
