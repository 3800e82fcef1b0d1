#include "network/report_submission.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/ids.h"
#include "network/identity.h"
#include "network/membership_body.h"
#include "network/outbox.h"
#include "network/receive.h"
#include "policy/policy.h"
#include "reports/reports.h"
#include "store/network_report_repository.h"
#include "store/network_repository.h"
#include "store/organisation_repository.h"

namespace strada::network {

using namespace detail;  // NOLINT(google-build-using-namespace): network/'s own helpers

namespace {

constexpr std::size_t kMaxFigures = 2000;

domain::Error conflict(std::string message, std::string field) {
  return domain::fail(domain::ErrorCode::kConflict, std::move(message), std::move(field)).value();
}

// Within a write job: queues report.submit for `report` and marks it submitted.
domain::Status submitIn(store::WriteContext& w, const Identity& self, const hotline::Actor& actor,
                        const std::string& org_id, const std::string& id, store::ReportRow& out) {
  auto report = reports::loadReport(w.sql(), org_id, id);
  if (!report) {
    return tl::unexpected(report.error());
  }
  if (report->row.status == "submitted") {
    return tl::unexpected(conflict(
        "This report was submitted already. To correct it, compute or import a new revision of "
        "its period, approve it and submit that.",
        "status"));
  }
  if (report->row.status != "approved") {
    return tl::unexpected(conflict(
        "Only an approved report can be submitted. Review and approve it first.", "status"));
  }
  SignedReport signed_report;
  signed_report.packet = json::serialize(reports::packetOf(*report));
  signed_report.key_id = self.key_id;
  signed_report.signature = crypto::signDetached(
      self.signing_seed, reportSigningForm(self.instance.code, self.key_id, signed_report.packet));
  if (auto sent = sendMessage(w, self, self.instance.hub_code, "report.submit",
                              reportSubmitBody(signed_report));
      !sent) {
    return sent;
  }
  if (auto marked = store::markReportSubmitted(w, org_id, id, actor.principal.user_id); !marked) {
    return marked;
  }
  if (auto audited = w.audit(actor.entry(audit::AuditAction::kReportSubmit, id)); !audited) {
    return audited;
  }
  out = report->row;
  out.status = "submitted";
  out.submitted_by = actor.principal.user_id;
  out.submitted_at = w.now();
  out.version += 1;
  return {};
}

// This instance as a member that may submit the organisation's reports.
domain::Result<Identity> submittingMember(store::Database& db, const vault::Vault& vault,
                                          const hotline::Actor& actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kReportsManage); !may) {
    return tl::unexpected(may.error());
  }
  auto self = loadIdentity(db, vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (self->instance.role != "member" || self->instance.membership != "active") {
    return tl::unexpected(conflict(
        "This organisation is not an active member of a network, so there is nowhere to submit "
        "reports to. Ask your administrator to join the network (strada network join) and the "
        "network's coordinator to approve it.",
        "network"));
  }
  domain::Result<std::string> org;
  db.read([&](soci::session& sql) { org = memberOrganisationId(sql, self->instance.code); });
  if (!org) {
    return tl::unexpected(org.error());
  }
  if (*org != actor.principal.org_id) {
    return tl::unexpected(
        conflict("This instance is a network member for another organisation: only its reports "
                 "are submitted.",
                 "organisation"));
  }
  return self;
}

// --- at the hub: report.submit ---------------------------------------------------------------

domain::Error badReport(std::string detail) {
  return domain::Error{domain::ErrorCode::kInvalidArgument,
                       "This report packet is not one the hub can store.", "body",
                       std::move(detail)};
}

// The packet's figures, checked: ids of the definition, states, a count's n only.
domain::Result<std::vector<store::ReportFigureRow>> figuresOf(const json::object& packet) {
  const auto* figures = packet.if_contains("figures");
  if (figures == nullptr || !figures->is_array() || figures->as_array().size() > kMaxFigures) {
    return tl::unexpected(badReport("figures missing"));
  }
  std::vector<store::ReportFigureRow> out;
  std::set<std::string, std::less<>> seen;
  for (const auto& v : figures->as_array()) {
    if (!v.is_object()) {
      return tl::unexpected(badReport("figure not an object"));
    }
    const auto& o = v.as_object();
    const std::string id = stringIn(o, "id");
    const auto state = reports::parseFigureState(stringIn(o, "state"));
    if (reports::groupOfFigure(id) == nullptr || !state || !seen.insert(id).second) {
      return tl::unexpected(badReport("unknown or repeated figure"));
    }
    const auto* n = o.if_contains("n");
    std::int64_t count = 0;
    if (*state == reports::FigureState::kCount) {
      if (n == nullptr || !n->is_int64() || n->as_int64() < 0) {
        return tl::unexpected(badReport("count without n"));
      }
      count = n->as_int64();
    } else if (n != nullptr) {  // a suppressed count never leaves a member
      return tl::unexpected(badReport("n on a figure that is not a count"));
    }
    out.push_back(store::ReportFigureRow{id, std::string(reports::figureStateName(*state)), count});
  }
  return out;
}

// The report a packet describes (id, times and signature filled by the caller).
domain::Result<store::ReceivedReport> headerOf(const json::object& packet) {
  store::ReceivedReport r;
  const auto* period = packet.if_contains("period");
  const auto* revision = packet.if_contains("revision");
  const auto* k = packet.if_contains("small_count_k");
  const auto* version = packet.if_contains("definition_version");
  if (stringIn(packet, "format") != "strada.report" || period == nullptr || !period->is_object() ||
      revision == nullptr || !revision->is_int64() || k == nullptr || !k->is_int64() ||
      version == nullptr || !version->is_int64()) {
    return tl::unexpected(badReport("packet header"));
  }
  r.period_kind = stringIn(period->as_object(), "kind");
  r.period_start = stringIn(period->as_object(), "start");
  const auto kind = reports::parsePeriodKind(r.period_kind);
  if (!kind || !reports::periodStarting(*kind, r.period_start, "start")) {
    return tl::unexpected(badReport("period"));
  }
  r.origin = stringIn(packet, "origin");
  if (r.origin != "computed" && r.origin != "imported") {
    return tl::unexpected(badReport("origin"));
  }
  // A packet of a newer definition than this hub knows is refused (a 4xx): the member's outbox
  // retries it with back-off, so it is stored once the hub is upgraded. Nothing is lost.
  if (revision->as_int64() < 1 || revision->as_int64() > 1000000 ||
      k->as_int64() < reports::kMinimumK || k->as_int64() > 1000 || version->as_int64() < 1 ||
      version->as_int64() > reports::kDefinitionVersion) {
    return tl::unexpected(badReport("revision, k or definition version"));
  }
  r.revision = static_cast<int>(revision->as_int64());
  r.small_count_k = k->as_int64();
  r.definition_version = static_cast<int>(version->as_int64());
  return r;
}

domain::Status onReportSubmit(store::WriteContext& w, const Identity& self, const Envelope& e) {
  if (self.instance.role != "hub") {
    return domain::invalidField("kind", "Only the hub receives reports.");
  }
  auto body = bodyOf(e);
  if (!body) {
    return tl::unexpected(body.error());
  }
  const std::string packet_text = stringIn(*body, "packet");
  const std::string key_id = stringIn(*body, "key_id");
  auto signature = crypto::fromBase64Url(stringIn(*body, "signature"));
  // The packet's own signature, by a key of the sender that is not revoked: proof of origin kept
  // with the figures. Refused as any badly signed message is.
  auto key = store::findPeerKey(w.sql(), key_id);
  if (!key) {
    return tl::unexpected(key.error());
  }
  if (!key->has_value() || (*key)->member_code != e.sender || (*key)->status == "revoked") {
    return tl::unexpected(refusal("report signed by an unknown or revoked key"));
  }
  if (!signature ||
      !crypto::verifyDetached((*key)->signing_public,
                              reportSigningForm(e.sender, key_id, packet_text), *signature)) {
    return tl::unexpected(refusal("bad report signature"));
  }
  boost::system::error_code ec;
  auto value = json::parse(packet_text, ec);
  if (ec || !value.is_object()) {
    return tl::unexpected(badReport("packet not a JSON object"));
  }
  const json::object& packet = value.as_object();
  auto header = headerOf(packet);
  if (!header) {
    return tl::unexpected(header.error());
  }
  auto figures = figuresOf(packet);
  if (!figures) {
    return tl::unexpected(figures.error());
  }
  store::ReceivedReport r = std::move(*header);
  r.id = crypto::newId();
  r.member_code = e.sender;
  r.packet = packet_text;
  r.key_id = key_id;
  r.signature = crypto::toBase64Url(*signature);
  r.message_id = e.message_id;
  r.received_at = w.now();
  auto held = store::hasReceivedReport(w.sql(), r);
  if (!held) {
    return tl::unexpected(held.error());
  }
  if (!*held) {
    if (auto stored = store::insertReceivedReport(w, r, *figures); !stored) {
      return stored;
    }
  }
  const json::object received{{"period_kind", r.period_kind},
                              {"period_start", r.period_start},
                              {"revision", r.revision},
                              {"received_at", r.received_at}};
  return sendMessage(w, self, e.sender, "report.received", json::serialize(received));
}

// --- at a member: report.received ------------------------------------------------------------

domain::Status onReportReceived(store::WriteContext& w, const Identity& self, const Envelope& e) {
  if (self.instance.role != "member" || e.sender != self.instance.hub_code) {
    return domain::invalidField("kind", "Only the hub acknowledges reports.");
  }
  auto body = bodyOf(e);
  if (!body) {
    return tl::unexpected(body.error());
  }
  const auto* revision = body->if_contains("revision");
  if (revision == nullptr || !revision->is_int64()) {
    return domain::invalidField("body", "An acknowledgement names the revision.");
  }
  auto org = memberOrganisationId(w.sql(), self.instance.code);
  if (!org) {
    return tl::unexpected(org.error());
  }
  if (org->empty()) {
    return {};
  }
  return store::markReportReceived(w, *org, stringIn(*body, "period_kind"),
                                   stringIn(*body, "period_start"),
                                   static_cast<int>(revision->as_int64()), w.now());
}

}  // namespace

std::string reportSigningForm(std::string_view member_code, std::string_view key_id,
                              std::string_view packet) {
  std::string out = "strada-report/1\n";
  out.append(member_code).append("\n").append(key_id).append("\n").append(packet);
  return out;
}

std::string reportSubmitBody(const SignedReport& signed_report) {
  return json::serialize(json::object{{"packet", signed_report.packet},
                                      {"key_id", signed_report.key_id},
                                      {"signature", crypto::toBase64Url(signed_report.signature)}});
}

domain::Result<std::string> memberOrganisationId(soci::session& sql,
                                                 const std::string& member_code) {
  auto by_code = store::findOrganisationByCode(sql, member_code);
  if (!by_code) {
    return tl::unexpected(by_code.error());
  }
  if (by_code->has_value()) {
    return (*by_code)->id;
  }
  auto all = store::listOrganisations(sql);
  if (!all) {
    return tl::unexpected(all.error());
  }
  return all->size() == 1 ? all->front().id : std::string();
}

domain::Result<store::ReportRow> submitReport(store::Database& db, const vault::Vault& vault,
                                              const hotline::Actor& actor,
                                              const std::string& report_id) {
  auto self = submittingMember(db, vault, actor);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (!domain::isIdShaped(report_id)) {
    return domain::fail(domain::ErrorCode::kNotFound,
                        "No such report. Go back to the list of reports and choose one from it.");
  }
  store::ReportRow out;
  auto status = db.write([&](store::WriteContext& w) {
    return submitIn(w, *self, actor, actor.principal.org_id, report_id, out);
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return out;
}

domain::Result<std::vector<store::ReportRow>> submitAllApproved(store::Database& db,
                                                                const vault::Vault& vault,
                                                                const hotline::Actor& actor) {
  auto self = submittingMember(db, vault, actor);
  if (!self) {
    return tl::unexpected(self.error());
  }
  std::vector<store::ReportRow> out;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    out.clear();  // a job the writer runs again starts afresh
    auto due = store::approvedUnsubmitted(w.sql(), actor.principal.org_id);
    if (!due) {
      return tl::unexpected(due.error());
    }
    for (const store::ReportRow& row : *due) {
      store::ReportRow submitted;
      if (auto done = submitIn(w, *self, actor, actor.principal.org_id, row.id, submitted); !done) {
        return done;
      }
      out.push_back(std::move(submitted));
    }
    return {};
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return out;
}

void addReportHandlers(MessageHandlers& handlers) {
  handlers.add("report.submit", onReportSubmit);
  handlers.add("report.received", onReportReceived);
}

}  // namespace strada::network
