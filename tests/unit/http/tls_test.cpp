// The client address and scheme taken from a trusted reverse proxy (http/tls.h).
#include "http/tls.h"

#include <gtest/gtest.h>

namespace strada::http {
namespace {

const std::vector<std::string> kProxies = {"127.0.0.1", "10.0.0.5"};

TEST(ClientOrigin, AnUntrustedPeerIsTheClientWhateverItsHeadersSay) {
  const ClientOrigin origin = clientOrigin("192.0.2.7", false, kProxies, "10.9.9.9", "https");
  EXPECT_EQ(origin.address, "192.0.2.7");
  EXPECT_FALSE(origin.secure);
  EXPECT_TRUE(clientOrigin("192.0.2.7", true, kProxies, "", "http").secure) << "TLS itself";
  EXPECT_EQ(clientOrigin("127.0.0.1", false, {}, "10.9.9.9", "https").address, "127.0.0.1")
      << "no trusted proxies: nothing is believed";
}

TEST(ClientOrigin, ATrustedPeerGivesTheRightMostUntrustedForwardedAddress) {
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "198.51.100.1, 203.0.113.9", "").address,
            "203.0.113.9");
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "203.0.113.9 , 10.0.0.5", "").address,
            "203.0.113.9");
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "", "").address, "127.0.0.1");
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "2001:db8::1", "").address, "2001:db8::1");
  // Not an address: the walk stops at the last address believed.
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "203.0.113.9, unknown", "").address,
            "127.0.0.1");
  EXPECT_EQ(clientOrigin("127.0.0.1", false, kProxies, "10.0.0.5", "").address, "10.0.0.5")
      << "only proxies: the left-most of them";
}

TEST(ClientOrigin, ATrustedPeerGivesTheSchemeFromTheRightMostForwardedProto) {
  EXPECT_TRUE(clientOrigin("127.0.0.1", false, kProxies, "", "https").secure);
  EXPECT_TRUE(clientOrigin("127.0.0.1", false, kProxies, "", "HTTPS").secure);
  EXPECT_TRUE(clientOrigin("127.0.0.1", false, kProxies, "", "http, https").secure);
  EXPECT_FALSE(clientOrigin("127.0.0.1", false, kProxies, "", "https, http").secure);
  EXPECT_FALSE(clientOrigin("127.0.0.1", false, kProxies, "", "").secure);
}

}  // namespace
}  // namespace strada::http
