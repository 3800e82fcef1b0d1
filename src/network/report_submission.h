// Aggregate reports travelling to the network's hub (issue 9, section 3; docs/reports.md,
// "Submission to the network"):
//   report.submit    member -> hub: an approved report's packet (reports::packetOf, figures only)
//                    with a detached Ed25519 signature by the member's signing key over
//                    reportSigningForm(), so the hub keeps proof of origin beyond the transport
//   report.received  hub -> member: the hub stored that revision (the member shows it)
// The hub keeps every revision per (member, period); the highest revision is the one that counts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "network/message_handlers.h"
#include "store/report_repository.h"

namespace strada::network {

// The bytes a report packet's signature covers:
// "strada-report/1\n" member_code "\n" key_id "\n" packet — the packet's JSON text to the end.
std::string reportSigningForm(std::string_view member_code, std::string_view key_id,
                              std::string_view packet);

// The body of report.submit for an approved report `report` of this instance (signed by `self`).
struct SignedReport {
  std::string packet;     // JSON text
  std::string key_id;     // the signing key
  std::string signature;  // 64 raw bytes
};
std::string reportSubmitBody(const SignedReport& signed_report);

// Submits the organisation's approved report `report_id` to the hub (reports.manage): queues
// report.submit in the outbox and marks it submitted, in one transaction (audited report.submit).
// The blocking use case: run it off the I/O threads. NotFound for another organisation's report;
// Conflict naming "status" when it is not approved (a draft, or submitted already), "network"
// when this instance is not an active member of a network, "organisation" when the report's
// organisation is not the one this instance is a member for.
[[nodiscard]] domain::Result<store::ReportRow> submitReport(store::Database& db,
                                                            const vault::Vault& vault,
                                                            const hotline::Actor& actor,
                                                            const std::string& report_id);
// Submits every approved report of the organisation not yet submitted (historic years
// included), oldest period first, each as submitReport does; the reports submitted (none is
// fine). For the Reports screen's "Submit all approved" and `strada network demo`.
[[nodiscard]] domain::Result<std::vector<store::ReportRow>> submitAllApproved(
    store::Database& db, const vault::Vault& vault, const hotline::Actor& actor);

// The organisation this instance is a network member for: the one whose code is the member
// code, failing that the instance's only organisation; "" when neither (several, none matching).
[[nodiscard]] domain::Result<std::string> memberOrganisationId(soci::session& sql,
                                                               const std::string& member_code);

// Registers report.submit (acted on at the hub) and report.received (at a member).
void addReportHandlers(MessageHandlers& handlers);

}  // namespace strada::network
