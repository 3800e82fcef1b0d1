// Use cases of one hotline contact: log it (draft or final), open it, finish or correct it, throw
// a draft away, and list one's own drafts.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"
#include "store/contact_repository.h"

namespace strada::hotline {

// What a repeat caller's box shows beside a contact.
struct RepeatCaller {
  std::int64_t earlier_contacts = 0;  // contacts from the same caller before this one
  std::vector<store::CallerFlag> flags;
};

// A contact as its reader may see it.
struct ContactView {
  domain::Contact contact;      // sealed fields open only when sealed_visible
  bool sealed_visible = false;  // kContactReadSealed
  bool may_correct = false;     // mayChangeContact at the time of the answer
  bool plans_visible = false;   // kSafetyPlanRead: safety_plan_id is meaningful
  std::optional<std::string> safety_plan_id;
  std::optional<RepeatCaller> repeat_caller;  // only when the contact has a caller identifier
};

// A new contact of `org_id` logged by `author_id` at `now`: the one place a contact is built
// (its id, version, code version, and finalised_at when `input` is final), after
// domain::validateContact(input, now). InvalidArgument naming the field otherwise. Every use case
// that creates a contact (a consultant's, a telephony event's draft) goes through it.
[[nodiscard]] Result<domain::Contact> newContact(std::string org_id, std::string author_id,
                                                 domain::UnixMillis now,
                                                 domain::ContactInput input);

// Validates `input` (newContact at the context's clock), checks the referral
// agencies, seals, and stores the contact with its contact.create event. The answer is the
// contact as its author sees it.
[[nodiscard]] awaitable<Result<ContactView>> createContact(Context ctx, Actor actor,
                                                           domain::ContactInput input);

// The contact `id` with its repeat-caller box and safety plan id; recorded (contact.read) before
// it is returned. NotFound for another organisation's contact and for someone else's draft.
[[nodiscard]] awaitable<Result<ContactView>> readContact(Context ctx, Actor actor, std::string id);

// Replaces the contact's fields if its version is still `expected_version` (Conflict otherwise),
// under policy::requireContactEditable; finishing a draft records contact.finalise.
[[nodiscard]] awaitable<Result<ContactView>> updateContact(Context ctx, Actor actor, std::string id,
                                                           domain::ContactInput input,
                                                           std::int32_t expected_version);

// Throws away the actor's own draft (a supervisor may throw away any draft): the row, its codes
// and referrals go, with a contact.discard event. NotFound when it is not theirs to see; Conflict
// when the contact is final (a finished contact is kept).
[[nodiscard]] awaitable<domain::Status> discardDraft(Context ctx, Actor actor, std::string id);

// The actor's own drafts, newest first (coded fields only), at most `limit`.
[[nodiscard]] awaitable<Result<std::vector<domain::Contact>>> listOwnDrafts(Context ctx,
                                                                            Actor actor,
                                                                            std::int32_t limit);

}  // namespace strada::hotline
