// Who may do what. Authorisation lives here and only here: every API route names the
// Permission it needs, and anything not granted below is denied.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "domain/user.h"

namespace strada::policy {

// Enumerators take no explicit values: allPermissions() and its test rely on 0, 1, 2, ...
enum class Permission {
  kContactCreate,                  // log a hotline contact
  kContactList,                    // see the organisation's contact list (coded fields only)
  kContactRead,                    // open one contact (coded fields)
  kContactReadSealed,              // read a contact's sealed free text
  kCodesRead,                      // read the code lists
  kSelfRead,                       // read one's own profile
  kKnowledgeRead,                  // search and read the knowledge base
  kKnowledgeEdit,                  // write, change and delete knowledge base articles
  kAgencyRead,                     // search and open the partner-agency directory
  kAgencyReadConfidentialAddress,  // see a confidential agency address (one agency, audited)
  kAgencyEdit,                     // add, change and deactivate partner agencies
  kContactExport,      // download the organisation's contacts as CSV (coded fields only, audited)
  kSupervisionRead,    // the supervisor's views: today, open follow-ups, stale drafts
  kSupervise,          // act on them: mark a follow-up done
  kStatsRead,          // the organisation's contact statistics
  kContactUpdate,      // change a contact (record-level: requireContactEditable)
  kContactDraftsRead,  // list one's own draft contacts
  kCallerLookup,       // look a caller identifier up (repeat callers, flags)
  kCallerFlagWrite,    // flag a repeat caller, or remove a flag
  kSafetyPlanRead,     // open a safety plan (sealed, audited)
  kSafetyPlanWrite,    // write or change a safety plan
  // Direct assistance (src/cases/; record-level rules in policy/case_access.h).
  kClientSearch,          // search clients before registering one (existence only)
  kClientCreate,          // register a client
  kClientRead,            // open a client (sealed person only with full case access)
  kClientUpdate,          // change a client
  kClientAccessHistory,   // see who opened a client and its case
  kClientErase,           // erase a person: their key is destroyed (issue 8, section 8)
  kCaseCreate,            // open a client's case
  kCaseList,              // the case list (coded fields only)
  kCaseRead,              // open a case
  kCaseUpdate,            // work a case: status, assignment, consents, notes
  kCaseApprove,           // approve a plan or a closure (never one's own request)
  kCaseBreakGlass,        // open a case one is not on, with a stated reason (audited)
  kCaseContactLink,       // link a hotline contact to a case
  kClientExport,          // a person's data for them, readable (subject access, issue 8.8)
  kTaskListMine,          // one's own open tasks and the transfers offered to one, across cases
  kCaseStatsExport,       // download the case statistics as CSV or XLSX (coded figures, audited)
  kCaseDocumentWithdraw,  // withdraw a document from a case: its content is deleted
  kClientMerge,           // review possible duplicate clients: dismiss a flag or merge the pair
  kConsentOverride,       // share without the person's consent, with a reason (audited, listed)
  kReferralSubmit,        // a partner agency refers a person: the intake form (issue 8.2)
  kReferralListOwn,       // a partner agency lists its own referrals (codes and stages only)
  kExportsStandard,       // the HTCDS 2.0 and the k-anonymised CTDC exports (issue 9.5, audited)
  // The network (issue 9, src/network/): the hub's member registry.
  kNetworkMembersRead,    // list the network's members and pending join requests
  kNetworkMembersManage,  // approve a join request, revoke a member
  kReportsRead,           // the organisation's aggregate reports (figures only; issue 9.3)
  kReportsManage,         // compute, approve and import them (the data officer)
  kReportsSettings,       // which figure groups the organisation collects, and its k
  // The network's figures at the hub (issue 9, section 4).
  kNetworkOverviewRead,       // the overview of the members' submitted figures, and its downloads
  kNetworkPublicationManage,  // choose which figures, years and members are published
  // Referrals between members (issue 9.2, network/referrals.h).
  kNetworkReferralsWork,     // send, read (the sealed packet), accept, decline, feedback
  kNetworkReferralsOverdue,  // the hub's list of escalated (overdue) referrals: metadata only
  // Sign-in security (issue 10, section 1).
  kSelfSecurity,  // one's own second factor, password and sessions; usable before the sign-in ends
  kUsersManage,   // the organisation's users: reset a password or a second factor, the 2FA rule
  kSelfSessions,  // one's own sessions and recovery codes: a full sign-in's only
  kRetentionManage,  // the organisation's retention rules and the preview of what they purge
  // Trainings given to partner professionals (issue 11, section 3).
  kTrainingsRead,    // the organisation's trainings and their figures (counts, never names)
  kTrainingsManage,  // record, change and delete them
  // The public site (issue 11, section 1).
  kPublicProfileManage,  // the organisation's public hotline profile and its (secret) address
  kNewsManage,  // the organisation's news items and statements, drafts and published (issue 11 §2)
  kSitePagesManage,  // the organisation's public pages and case studies (issue 11 §1)
};

// Stable dotted name ("caller.flag_write"): the detail of a denial, and what GET /api/v1/me
// lists. "unknown" for a value that is not an enumerator.
std::string_view permissionName(Permission p);

// Every enumerator of Permission, once each, in declaration order (a unit test checks that none
// is missing). Static storage.
std::span<const Permission> allPermissions();

// The authenticated user behind a request.
struct Principal {
  std::string user_id;
  std::string org_id;
  std::vector<domain::Role> roles;
  std::string session_id;  // hash of the session token, never the token itself
  // How far the sign-in got. Short of kFull the principal is allowed kSelfRead and kSelfSecurity
  // only: enough to enter the code, set up a second factor or change the password, and no more.
  enum class Stage { kFull, kCode, kEnrol, kPassword };
  Stage stage = Stage::kFull;
};

// Whether a user with `roles` must sign in with a second factor: every role that reaches sealed
// data (all but the network coordinator's), and every role when the organisation requires it of
// all (`org_requires_all`).
[[nodiscard]] bool secondFactorRequired(const std::vector<domain::Role>& roles,
                                        bool org_requires_all);

[[nodiscard]] bool allows(const Principal& who, Permission what);

// PermissionDenied when the roles do not grant `what`.
[[nodiscard]] domain::Status require(const Principal& who, Permission what);

// Record-level rule: a user reaches only their own organisation's records. Another
// organisation's record answers NotFound, exactly as a missing one, so that ids cannot be probed.
[[nodiscard]] domain::Status requireSameOrganisation(const Principal& who,
                                                     std::string_view record_org_id);

// What the record-level rule for changing a contact looks at.
struct ContactEditFacts {
  std::string created_by;               // the author's user id
  bool is_final = false;                // status "final"
  domain::UnixMillis finalised_at = 0;  // when it was finalised (final contacts)
};
// How long the author of a final contact may still correct it.
inline constexpr domain::UnixMillis kContactCorrectionWindowMs = 24LL * 60 * 60 * 1000;
// Record-level rule for kContactUpdate: a supervisor may change any contact of the organisation;
// anyone else only their own, a final one only within 24 hours of finalising it.
// PermissionDenied otherwise (the caller checks the organisation first).
[[nodiscard]] domain::Status requireContactEditable(const Principal& who,
                                                    const ContactEditFacts& facts,
                                                    domain::UnixMillis now);

// Record-level rule for seeing a contact at all (kContactRead, and everything that shows a contact
// or what hangs from it: its safety plan, a caller lookup): someone else's draft is theirs until it
// is finished, so only its author and a supervisor see it. NotFound otherwise, exactly as for a
// missing record.
[[nodiscard]] domain::Status requireContactVisible(const Principal& who,
                                                   const ContactEditFacts& facts);

// The same rule for lists and lookups, as the store applies it in SQL: the user id whose drafts
// alone may appear, or nullopt when every draft of the organisation may (a supervisor).
[[nodiscard]] std::optional<std::string> draftsVisibleOnlyOf(const Principal& who);

// How an agency's address may be shown when one agency is opened (kAgencyRead).
enum class AgencyAddressAccess {
  kShown,              // a public address: every reader of the directory sees it
  kShownWhenRecorded,  // a confidential one, to a role allowed it: recorded before it is shown
  kWithheld,           // a confidential one, to any other role
};
// Record-level rule for an agency's address in the single-agency read: a confidential address (a
// shelter's secret address) is for kAgencyReadConfidentialAddress only, and each view of it is
// recorded (agency.read_confidential_address).
[[nodiscard]] AgencyAddressAccess agencyAddressOnRead(const Principal& who,
                                                      bool address_confidential);
// The same rule for lists, searches and the answer to adding or changing an agency: a public
// address is shown, a confidential one never (whatever the role: a view of it is always a
// recorded single read).
[[nodiscard]] bool agencyAddressListed(bool address_confidential);

// Small counts in the contact statistics: a count from 1 to kSmallCountThreshold - 1 may point at
// one person (an organisation with one contact from one country on one day), so it reaches only
// the roles that may see the contacts themselves (kContactList). 0 stays 0.
inline constexpr std::int64_t kSmallCountThreshold = 11;
// Whether `who` gets small counts suppressed: everyone without kContactList.
[[nodiscard]] bool suppressSmallCounts(const Principal& who);
// The same for the case statistics: a small count reaches only those who may see every case of
// the organisation (supervisors, who hold kCaseApprove); outside a case's team (a data officer,
// an org admin) it is suppressed.
[[nodiscard]] bool suppressSmallCaseCounts(const Principal& who);
// Whether `count` is one that suppressSmallCounts hides: 1 .. kSmallCountThreshold - 1.
[[nodiscard]] bool isSmallCount(std::int64_t count);

}  // namespace strada::policy
