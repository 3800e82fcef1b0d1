// Referrals between members of the network (issue 9, section 2; docs/network.md, "Referrals
// between members"). A case worker refers the person of a case to another active member: the
// services requested, the urgency, a deadline for the answer and exactly which fields travel,
// under the person's consent to share with members (cases/share_consent.h). The packet is sealed
// to the receiving member's X25519 box key and travels through the hub, which sees only routing
// metadata. Every later message about the referral is sealed to its receiver the same way:
//   referral.offer              sender -> receiver: the packet
//   referral.answer             receiver -> sender: accepted, or declined with a reason
//   referral.feedback           receiver -> sender: arrived_safely, services_started, case_closed,
//                               could_not_be_reached, with an optional note
//   referral.reminder           sender -> receiver: half the time to answer has passed
//   referral.consent_withdrawn  sender -> receiver: the person withdrew the consent to share
//   referral.escalated          sender -> hub (not sealed: metadata only): the deadline passed
//
// The use cases below are coroutines (hotline/context.h); every one is audited. The handlers run
// inside the inbox write job (network/message_handlers.h): durable and idempotent.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "network/message_handlers.h"
#include "store/network_referral_repository.h"

namespace strada::network {

// The fields a sender may choose to send, by name.
inline constexpr const char* kReferralFieldNames[] = {
    "full_name", "birth_date", "age_band",           "gender",   "citizenships",
    "languages", "phone",      "exploitation_types", "location", "needs_summary"};

struct ReferralInput {
  std::string case_id;
  std::string receiver;  // an active member's code
  std::vector<std::string> services;
  std::string urgency;    // referral_urgency
  std::string answer_by;  // RFC 3339, or "" for the urgency's default
  std::vector<std::string> fields;
  std::string location;       // the person's current location (free text), sent when chosen
  std::string needs_summary;  // what the person needs (free text), sent when chosen
  std::string note;           // a note to the receiver (free text, optional)
  // For a partner abroad known to the receiving member (an organisation that is not a member of
  // the network, such as a shelter in the country of origin): its name and ISO 3166-1 alpha-2
  // country, both or neither. It travels in the packet; the receiver passes the person on.
  std::string partner_name;
  std::string partner_country;
};

struct ReferralEventView {
  store::NetworkReferralEvent event;  // note_sealed cleared
  std::string note;                   // opened
  std::string by_name;                // the user's name when by_user is set
};

struct ReferralView {
  store::NetworkReferralRow row;  // packet_sealed cleared
  std::string peer_name, peer_country;
  bool overdue = false;
  bool packet_opened = false;  // the packet below was opened for this reader
  boost::json::object packet;  // what travelled: {"fields": {...}, "note": ...}
  std::vector<ReferralEventView> events;
};

struct ReferralReceiver {
  std::string code, name, country;
};

using ReferralAnswer = boost::asio::awaitable<domain::Result<ReferralView>>;

// kNetworkReferralsWork and kCaseUpdate on a workable case. InvalidArgument naming the field;
// ConsentRequired (409) on "consent" without the person's consent to share with members in force.
// network_referral.send.
[[nodiscard]] ReferralAnswer sendReferral(hotline::Context ctx, hotline::Actor actor,
                                          ReferralInput input);
// kNetworkReferralsWork: coded fields only, newest first (at most 500); direction "incoming",
// "outgoing" or "" (both). network_referral.list.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<ReferralView>>> listReferrals(
    hotline::Context ctx, hotline::Actor actor, std::string direction);
// kNetworkReferralsWork: the referral with its events; an incoming one's packet opened
// (network_referral.read, before it is returned). Conflict on "packet" when it does not open.
[[nodiscard]] ReferralAnswer readReferral(hotline::Context ctx, hotline::Actor actor,
                                          std::string id);
// The receiver: opens a client and a case pre-filled from the packet, links it and answers
// "accepted". Conflict on "status" unless received.
[[nodiscard]] ReferralAnswer acceptReferral(hotline::Context ctx, hotline::Actor actor,
                                            std::string id);
// The receiver: "declined" with a reason (1 to 1000 characters).
[[nodiscard]] ReferralAnswer declineReferral(hotline::Context ctx, hotline::Actor actor,
                                             std::string id, std::string reason);
// The receiver, on an accepted referral: a referral_feedback code and an optional note.
[[nodiscard]] ReferralAnswer sendReferralFeedback(hotline::Context ctx, hotline::Actor actor,
                                                  std::string id, std::string kind,
                                                  std::string note);
// The sender: tells the receiver the person's consent is withdrawn (also done by the sweep when
// the case's consent to share with members is no longer in force). Conflict when told already.
[[nodiscard]] ReferralAnswer withdrawReferralConsent(hotline::Context ctx, hotline::Actor actor,
                                                     std::string id);
// The receiver, after a withdrawal of consent: what was done (1 to 1000 characters).
[[nodiscard]] ReferralAnswer acknowledgeWithdrawal(hotline::Context ctx, hotline::Actor actor,
                                                   std::string id, std::string what_was_done);
// kNetworkReferralsWork: the active members but this instance and the hub.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<ReferralReceiver>>>
listReferralReceivers(hotline::Context ctx, hotline::Actor actor);
// kNetworkReferralsOverdue, at the hub: the escalated referrals (metadata only).
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<store::ReferralEscalation>>>
listOverdueReferrals(hotline::Context ctx, hotline::Actor actor);

// The deadline's default for an urgency: emergency 4 hours, urgent 24 hours, routine 7 days.
domain::UnixMillis defaultAnswerWindow(const std::string& urgency);

struct SweepCounts {
  int reminded = 0, escalated = 0, consent_withdrawn = 0;
};
// The periodic sweep over outgoing referrals at `now`: a reminder to the receiver at half the
// time to answer, an escalation to the hub once the deadline passed unanswered, and a withdrawal
// message for every open referral whose case no longer has a consent to share with members in
// force. Blocking: run it off the I/O threads (the OutboxWorker's thread runs it).
[[nodiscard]] domain::Result<SweepCounts> sweepReferrals(store::Database& db,
                                                         const vault::Vault& vault,
                                                         domain::UnixMillis now);

// Registers the "referral.*" kinds; `vault` (sealing received notes) must outlive `handlers`.
void addReferralHandlers(MessageHandlers& handlers, const vault::Vault& vault);

}  // namespace strada::network
