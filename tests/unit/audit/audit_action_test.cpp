#include "audit/audit_action.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>

namespace strada::audit {
namespace {

TEST(AuditActionTest, EveryActionIsListedOnceWithANameAndAnObjectType) {
  std::set<std::pair<std::string, std::string>> seen;
  std::size_t index = 0;
  for (AuditAction a : allAuditActions()) {
    EXPECT_EQ(static_cast<std::size_t>(a), index++) << "listed out of declaration order";
    const std::string name(auditActionName(a));
    EXPECT_NE(name, "unknown");
    EXPECT_NE(name.find('.'), std::string::npos) << name;
    EXPECT_FALSE(auditObjectType(a).empty()) << name;
    EXPECT_TRUE(seen.emplace(name, std::string(auditObjectType(a))).second) << name;
  }
  EXPECT_EQ(auditActionName(static_cast<AuditAction>(index)), "unknown");
}

TEST(AuditActionTest, StoredNamesNeverChange) {
  // The chain hashes these names: a rename would make old and new events disagree.
  EXPECT_EQ(auditActionName(AuditAction::kContactCreate), "contact.create");
  EXPECT_EQ(auditActionName(AuditAction::kSessionLoginFailed), "session.login_failed");
  EXPECT_EQ(auditActionName(AuditAction::kAgencyReadConfidentialAddress),
            "agency.read_confidential_address");
  EXPECT_EQ(auditActionName(AuditAction::kTelephonyEndedUnmatched), "telephony.ended");
}

TEST(AuditActionTest, AnEntryBecomesTheChainsInput) {
  const AuditEventInput in = toEventInput({"u1", "o1", AuditAction::kContactRead, "c1", "req-1"});
  EXPECT_EQ(in.action, "contact.read");
  EXPECT_EQ(in.object_type, "contact");
  EXPECT_EQ(in.object_id, "c1");
  EXPECT_EQ(in.request_id, "req-1");
  const AuditEventInput none = toEventInput({"", "o1", AuditAction::kSessionLoginFailed, "", ""});
  EXPECT_EQ(none.object_type, "");
}

}  // namespace
}  // namespace strada::audit
