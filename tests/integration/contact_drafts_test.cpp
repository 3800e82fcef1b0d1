// Drafts over real HTTP: throwing a draft away (DELETE /api/v1/contacts/{id}) and who may see
// someone else's draft.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

const char* const kOtherConsultantA = "second.consultant@a.example.org";

class ContactDraftsTest : public DeploymentTest<ContactDraftsTest> {
 public:
  static std::vector<UserSpec> users() {
    std::vector<UserSpec> users = standardUsers();
    users.push_back({kOrgA, kOtherConsultantA, "Sam Second", {"consultant"}});
    return users;
  }

 protected:
  static boost::json::object draft() {
    boost::json::object body = validContact();
    body["status"] = "draft";
    body["summary"] = "Started during a call";
    return body;
  }

  static std::vector<std::string> auditedActions(const std::string& contact_id) {
    std::vector<std::string> actions;
    deployment().database().db().read([&](soci::session& sql) {
      auto s = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        if (e.input.object_id == contact_id) {
          actions.push_back(e.input.action);
        }
        return true;
      });
      EXPECT_TRUE(s) << s.error().detail;
    });
    return actions;
  }
};

TEST_F(ContactDraftsTest, TheAuthorThrowsTheirDraftAway) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id = createdId(c, "/api/v1/contacts", draft());
  const HttpResponse gone = c.del("/api/v1/contacts/" + id);
  EXPECT_EQ(gone.status, 204u) << gone.body;
  EXPECT_EQ(c.get("/api/v1/contacts/" + id).status, 404u);
  EXPECT_EQ(c.del("/api/v1/contacts/" + id).status, 404u);
  const HttpResponse drafts = c.get("/api/v1/contacts/drafts");
  ASSERT_EQ(drafts.status, 200u) << drafts.body;
  // The answer outlives the loop: a range over a temporary's member would dangle.
  for (const auto& item : drafts.json->as_object().at("items").as_array()) {
    EXPECT_NE(item.as_object().at("id").as_string(), id);
  }
  const std::vector<std::string> actions = auditedActions(id);
  ASSERT_EQ(actions.size(), 2u);
  EXPECT_EQ(actions[0], "contact.create");
  EXPECT_EQ(actions[1], "contact.discard");
}

TEST_F(ContactDraftsTest, SomeoneElsesDraftCannotBeThrownAwayOrSeen) {
  HttpClient author = signedIn(kConsultantA);
  const std::string id = createdId(author, "/api/v1/contacts", draft());
  HttpClient other = signedIn(kOtherConsultantA);
  EXPECT_EQ(other.del("/api/v1/contacts/" + id).status, 404u);
  EXPECT_EQ(other.get("/api/v1/contacts/" + id).status, 404u);
  HttpClient b = signedIn(kConsultantB);
  EXPECT_EQ(b.del("/api/v1/contacts/" + id).status, 404u);
  EXPECT_EQ(author.get("/api/v1/contacts/" + id).status, 200u);
  // A supervisor may clear a colleague's abandoned draft.
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.del("/api/v1/contacts/" + id).status, 204u);
}

TEST_F(ContactDraftsTest, AFinishedContactIsKept) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id = createdId(c, "/api/v1/contacts", validContact());
  const HttpResponse kept = c.del("/api/v1/contacts/" + id);
  EXPECT_EQ(kept.status, 409u) << kept.body;
  EXPECT_EQ(kept.errorCode(), "conflict");
  EXPECT_EQ(c.get("/api/v1/contacts/" + id).status, 200u);
}

TEST_F(ContactDraftsTest, ThrowingAwayNeedsTheCsrfTokenAndARole) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id = createdId(c, "/api/v1/contacts", draft());
  EXPECT_EQ(c.del("/api/v1/contacts/" + id, CsrfMode::kOmit).status, 403u);
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.del("/api/v1/contacts/" + id).status, 403u);
  EXPECT_EQ(c.get("/api/v1/contacts/" + id).status, 200u);
}

}  // namespace
}  // namespace strada::testing
