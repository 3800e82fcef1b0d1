// Compiles Boost.Beast and Boost.Asio once for the whole program
// (BOOST_BEAST_SEPARATE_COMPILATION / BOOST_ASIO_SEPARATE_COMPILATION).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
