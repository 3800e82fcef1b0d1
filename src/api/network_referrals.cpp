// Referrals between members (issue 9, section 2; network/referrals.h): /api/v1/referrals for the
// case workers and supervisors of a member, and the hub coordinator's list of overdue referrals.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <tuple>

#include "api/encode.h"
#include "api/handler.h"
#include "api/json_input.h"
#include "api/network_routes.h"
#include "network/referrals.h"

namespace strada::api {
namespace {

namespace json = boost::json;
using policy::Permission;

json::array arrayOf(const std::string& comma_separated) {
  json::array out;
  std::size_t start = 0;
  while (start < comma_separated.size()) {
    std::size_t comma = comma_separated.find(',', start);
    if (comma == std::string::npos) {
      comma = comma_separated.size();
    }
    if (comma > start) {
      out.emplace_back(comma_separated.substr(start, comma - start));
    }
    start = comma + 1;
  }
  return out;
}

json::object encodeCoded(const network::ReferralView& v) {
  const store::NetworkReferralRow& r = v.row;
  json::object o{
      {"id", r.id},
      {"direction", r.direction},
      {"peer", {{"code", r.peer_code}, {"name", v.peer_name}, {"country", v.peer_country}}},
      {"case_id", r.case_id.empty() ? json::value(nullptr) : json::value(r.case_id)},
      {"status", r.status},
      {"urgency", r.urgency},
      {"services", arrayOf(r.services)},
      {"fields", arrayOf(r.fields)},
      {"answer_by", timeOrNull(r.answer_by)},
      {"overdue", v.overdue},
      {"last_feedback",
       r.last_feedback.empty() ? json::value(nullptr) : json::value(r.last_feedback)},
      {"created_at", timeOrNull(r.created_at)},
      {"answered_at", timeOrNull(r.answered_at)},
      {"reminded_at", timeOrNull(r.reminded_at)},
      {"escalated_at", timeOrNull(r.escalated_at)},
      {"consent_withdrawn_at", timeOrNull(r.consent_withdrawn_at)},
      {"withdrawal_acknowledged_at", timeOrNull(r.withdrawal_acknowledged_at)},
      {"action_required", r.direction == "incoming" && r.consent_withdrawn_at > 0 &&
                              r.withdrawal_acknowledged_at == 0},
      {"version", r.version}};
  return o;
}

json::object encodeFull(const network::ReferralView& v) {
  json::object o = encodeCoded(v);
  json::array events;
  for (const auto& e : v.events) {
    events.push_back(json::object{
        {"kind", e.event.kind},
        {"at", domain::formatRfc3339(e.event.at)},
        {"by", e.event.by_user.empty()
                   ? json::value(nullptr)
                   : json::value(json::object{{"id", e.event.by_user}, {"name", e.by_name}})},
        {"by_member",
         e.event.by_member.empty() ? json::value(nullptr) : json::value(e.event.by_member)},
        {"note", e.note.empty() ? json::value(nullptr) : json::value(e.note)}});
  }
  o["events"] = std::move(events);
  o["packet"] = v.packet_opened ? json::value(v.packet) : json::value(nullptr);
  return o;
}

http::Response encodeSent(const network::ReferralView& v) { return created(encodeFull(v)); }

json::object encodeList(const std::vector<network::ReferralView>& list) {
  return itemsBody(list, encodeCoded);
}

json::object encodeReceivers(const std::vector<network::ReferralReceiver>& list) {
  return itemsBody(list, [](const network::ReferralReceiver& r) {
    return json::object{{"code", r.code}, {"name", r.name}, {"country", r.country}};
  });
}

json::object encodeOverdue(const std::vector<store::ReferralEscalation>& list) {
  return itemsBody(list, [](const store::ReferralEscalation& e) {
    return json::object{{"referral_id", e.referral_id},
                        {"sender", e.sender_code},
                        {"receiver", e.receiver_code},
                        {"answer_by", timeOrNull(e.answer_by)},
                        {"escalated_at", timeOrNull(e.escalated_at)}};
  });
}

domain::Result<network::ReferralInput> decodeReferral(std::string_view body) {
  JsonFields in(body);
  network::ReferralInput input;
  in.required("case_id", input.case_id, 64);
  in.required("receiver", input.receiver, 32);
  in.list("services", input.services, 16, 64);
  in.required("urgency", input.urgency, 32);
  std::optional<domain::UnixMillis> answer_by;
  in.time("answer_by", answer_by, false);
  if (answer_by) {
    input.answer_by = domain::formatRfc3339(*answer_by);
  }
  in.list("fields", input.fields, 16, 64);
  in.optional("location", input.location);
  in.optional("needs_summary", input.needs_summary);
  in.optional("note", input.note);
  JsonFields partner = in.object("partner", false);
  partner.optional("name", input.partner_name);
  partner.optional("country", input.partner_country);
  return in.finish(std::move(input));
}

Arguments<std::string> decodeDirection(const http::Request& req) {
  std::string direction;
  for (const auto& [key, value] : req.query) {
    if (key != "direction") {
      return unknownParam(key);
    }
    direction = value;
  }
  return std::tuple(std::move(direction));
}

domain::Result<std::string> decodeReason(std::string_view body) {
  JsonFields in(body);
  std::string reason = in.required("reason");
  return in.finish(std::move(reason));
}

domain::Result<std::string> decodeWhatWasDone(std::string_view body) {
  JsonFields in(body);
  std::string done = in.required("what_was_done");
  return in.finish(std::move(done));
}

domain::Result<std::tuple<std::string, std::string>> decodeFeedback(std::string_view body) {
  JsonFields in(body);
  std::string kind = in.required("kind");
  std::string note;
  in.optional("note", note);
  return in.finish(std::tuple(std::move(kind), std::move(note)));
}

// POST .../{id}/accept and .../{id}/consent-withdrawn take an empty body or {}.
domain::Result<std::string> idWithEmptyBody(const http::Request& req) {
  if (!req.body.empty()) {
    JsonFields in(req.body);
    if (auto done = in.finish(); !done) {
      return tl::unexpected(done.error());
    }
  }
  return std::string(req.param("id"));
}

}  // namespace

void registerReferralRoutes(RouteTable& routes) {
  routes.route("GET", "/api/v1/referrals", Permission::kNetworkReferralsWork, decodeDirection,
               network::listReferrals, encodeList);
  routes.route("POST", "/api/v1/referrals", Permission::kNetworkReferralsWork,
               bodyOf<decodeReferral>, network::sendReferral, encodeSent);
  routes.route("GET", "/api/v1/referrals/receivers", Permission::kNetworkReferralsWork, noParams,
               network::listReferralReceivers, encodeReceivers);
  routes.route("GET", "/api/v1/referrals/{id}", Permission::kNetworkReferralsWork, idParam,
               network::readReferral, encodeFull);
  routes.route("POST", "/api/v1/referrals/{id}/accept", Permission::kNetworkReferralsWork,
               idWithEmptyBody, network::acceptReferral, encodeFull);
  routes.route("POST", "/api/v1/referrals/{id}/decline", Permission::kNetworkReferralsWork,
               idAndBody<decodeReason>, network::declineReferral, encodeFull);
  routes.route("POST", "/api/v1/referrals/{id}/feedback", Permission::kNetworkReferralsWork,
               idAndBody<decodeFeedback>, network::sendReferralFeedback, encodeFull);
  routes.route("POST", "/api/v1/referrals/{id}/consent-withdrawn",
               Permission::kNetworkReferralsWork, idWithEmptyBody, network::withdrawReferralConsent,
               encodeFull);
  routes.route("POST", "/api/v1/referrals/{id}/acknowledge-withdrawal",
               Permission::kNetworkReferralsWork, idAndBody<decodeWhatWasDone>,
               network::acknowledgeWithdrawal, encodeFull);
  routes.route("GET", "/api/v1/network/referrals/overdue", Permission::kNetworkReferralsOverdue,
               noParams, network::listOverdueReferrals, encodeOverdue);
}

}  // namespace strada::api
