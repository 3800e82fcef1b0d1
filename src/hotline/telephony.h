// Use cases of telephony: the lines through which a PBX or a provider's relay posts signed call
// events (added and deactivated from the command line), the key that checks a line's signature,
// and what an accepted event does: an answered call becomes a draft contact of the consultant who
// took it (built by hotline/contacts.h: newContact, as every contact), the end of the call fills
// its duration. api/telephony.cpp verifies the signature and decodes the event.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "domain/error.h"
#include "domain/time.h"
#include "hotline/context.h"
#include "store/telephony_repository.h"

namespace strada::hotline {

struct NewTelephonyLine {
  std::string id;
  std::string org_code;
  std::string name;
  // 32 random bytes, base64url (43 characters): the HMAC key, exactly as printed. Shown once;
  // the database keeps it sealed only. Wipe it (crypto::wipe) once shown.
  std::string secret;
};

// Creates an active line of organisation `org_code` with a fresh secret, recorded as
// telephony_line.create (by the operator: no user). InvalidArgument (field "org" or "name") for
// an unknown organisation or a name that is empty or longer than 100 bytes.
[[nodiscard]] awaitable<Result<NewTelephonyLine>> addTelephonyLine(Context ctx,
                                                                   std::string org_code,
                                                                   std::string name);

// Deactivates a line (its events are refused from then on), recorded as
// telephony_line.deactivate. NotFound (field "id") when there is no such line.
[[nodiscard]] awaitable<domain::Status> deactivateTelephonyLine(Context ctx, std::string id);

// An active line and its signing secret in the clear.
struct TelephonyLineKey {
  store::TelephonyLine line;
  std::string secret;  // wipe it (crypto::wipe) once the signature is checked
};

// The active line `line_id` with its secret opened. Unauthenticated, with the reason in `detail`
// ("unknown line", "inactive line") and one message for every reason, when there is no such
// active line; Internal when its secret does not open.
[[nodiscard]] awaitable<Result<TelephonyLineKey>> openTelephonyLine(Context ctx,
                                                                    std::string line_id);

enum class CallEventType { kOffered, kAnswered, kEnded };

// A call event as the line reported it (decoded, its signature checked).
struct CallEvent {
  CallEventType type = CallEventType::kOffered;
  std::string call_id;
  domain::UnixMillis at = 0;
  std::string caller_number;  // as sent; "" when withheld or not sent
  std::string agent_email;    // required for kAnswered
};

// Applies `event` of `line` once (a replay answers the first result and changes nothing), in one
// transaction with its audit event (telephony.answered by the consultant, telephony.ended). The
// answer is the id of the call's draft contact, "" when there is none. InvalidArgument naming
// "agent_email" when no active consultant of the line's organisation has that address; naming
// "at" or "caller_number" when the draft would not be a valid contact.
[[nodiscard]] awaitable<Result<std::string>> applyCallEvent(Context ctx, store::TelephonyLine line,
                                                            CallEvent event,
                                                            std::string request_id);

}  // namespace strada::hotline
