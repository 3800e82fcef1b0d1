// The bounds on sign-ins in flight, without a server.
#include "api/sign_in_gate.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strada::api {
namespace {

TEST(ClientNetwork, GroupsAnIpv6ClientByItsSlash64) {
  EXPECT_EQ(clientNetwork("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(clientNetwork("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(clientNetwork("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(clientNetwork("2001:db8:1:2:bbbb:cccc:dddd:eeee"), "2001:db8:1:2::/64");
  EXPECT_NE(clientNetwork("2001:db8:1:3::1"), clientNetwork("2001:db8:1:2::1"));
  EXPECT_EQ(clientNetwork(""), "");
}

TEST(SignInGate, RefusesTheNetworkPastItsShareWith429) {
  auto gate = std::make_shared<SignInGate>(16, 2);
  auto a = gate->admit("192.0.2.1");
  auto b = gate->admit("192.0.2.1");
  ASSERT_TRUE(a && b);
  auto c = gate->admit("192.0.2.1");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, domain::ErrorCode::kResourceExhausted);
  EXPECT_NE(c.error().message.find("Wait"), std::string::npos) << c.error().message;
  EXPECT_TRUE(gate->admit("192.0.2.2")) << "another client is not refused";
  EXPECT_FALSE(gate->admit("2001:db8::1") && gate->admit("2001:db8::2") &&
               gate->admit("2001:db8::3"))
      << "one /64 is one client";
}

TEST(SignInGate, RefusesEveryonePastThePendingBoundWith503AndFreesPlacesOnRelease) {
  auto gate = std::make_shared<SignInGate>(3, 2);
  std::vector<SignInGate::Pass> held;
  for (const char* address : {"192.0.2.1", "192.0.2.2", "192.0.2.3"}) {
    auto pass = gate->admit(address);
    ASSERT_TRUE(pass) << address;
    held.push_back(std::move(*pass));
  }
  EXPECT_EQ(gate->inFlight(), 3u);
  auto refused = gate->admit("192.0.2.4");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, domain::ErrorCode::kUnavailable);
  held.pop_back();
  EXPECT_EQ(gate->inFlight(), 2u);
  EXPECT_TRUE(gate->admit("192.0.2.4"));
  EXPECT_EQ(gate->inFlight(), 2u) << "a pass dropped at once gives its place back";
}

TEST(SignInGate, APassOutlivesItsGate) {
  std::optional<SignInGate::Pass> pass;
  {
    auto gate = std::make_shared<SignInGate>(1, 1);
    auto admitted = gate->admit("192.0.2.1");
    ASSERT_TRUE(admitted);
    pass.emplace(std::move(*admitted));
  }
  pass.reset();  // releases into the gate it kept alive
}

}  // namespace
}  // namespace strada::api
