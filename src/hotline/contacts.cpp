#include "hotline/contacts.h"

#include <limits>
#include <utility>

#include "crypto/crypto.h"
#include "domain/codes.h"
#include "hotline/contact_records.h"
#include "hotline/use_case_steps.h"

namespace strada::hotline {
namespace {

// The contact as `who` sees it right after writing it: opened, with no repeat-caller box.
ContactView writtenView(const policy::Principal& who, domain::Contact contact,
                        domain::UnixMillis now) {
  ContactView view;
  view.may_correct = mayChangeContact(who, contact, now);
  view.sealed_visible = true;
  view.plans_visible = policy::allows(who, policy::Permission::kSafetyPlanRead);
  view.contact = std::move(contact);
  return view;
}

// What the detail view adds to a contact: the repeat-caller box (counting only the drafts
// `drafts_only_of` may see) and the safety plan's id.
Result<ContactView> loadExtras(soci::session& sql, const store::ContactRow& row,
                               const std::optional<std::string>& drafts_only_of,
                               domain::UnixMillis now, ContactView view) {
  const domain::Contact& c = row.contact;
  if (!row.caller_hash.empty()) {
    RepeatCaller box;
    auto earlier = store::countContactsByCaller(sql, c.org_id, row.caller_hash, drafts_only_of,
                                                store::ContactCursor{c.data.started_at, c.id});
    if (!earlier) {
      return tl::unexpected(earlier.error());
    }
    box.earlier_contacts = *earlier;
    auto flags = store::listActiveCallerFlags(sql, c.org_id, row.caller_hash, now);
    if (!flags) {
      return tl::unexpected(flags.error());
    }
    box.flags = std::move(*flags);
    view.repeat_caller = std::move(box);
  }
  if (view.plans_visible) {
    auto plan = store::findSafetyPlanByContact(sql, c.org_id, c.id);
    if (!plan) {
      return tl::unexpected(plan.error());
    }
    if (plan->has_value()) {
      view.safety_plan_id = (*plan)->id;
    }
  }
  return view;
}

Result<domain::Contact> revisedContact(const policy::Principal& who, const domain::Contact& old,
                                       domain::ContactInput input, std::int32_t expected,
                                       domain::UnixMillis now) {
  const bool was_final = old.data.status == domain::kStatusFinal;
  if (auto may = policy::requireContactEditable(who, editFacts(old), now); !may) {
    return tl::unexpected(may.error());
  }
  if (was_final && input.status == domain::kStatusDraft) {
    return domain::invalidField("status", "A finished contact cannot become a draft again.");
  }
  if (auto valid = domain::validateContact(input, now); !valid) {
    return tl::unexpected(valid.error());
  }
  if (expected == std::numeric_limits<std::int32_t>::max()) {
    return domain::fail(domain::ErrorCode::kConflict, "This contact cannot be changed any more.",
                        "version", "version at maximum");
  }
  domain::Contact contact = old;
  contact.data = std::move(input);
  contact.updated_at = now;
  contact.version = expected + 1;
  contact.code_version = std::string(domain::codesVersion());
  if (!was_final && contact.data.status == domain::kStatusFinal) {
    contact.finalised_at = now;
  }
  return contact;
}

// The stored form of `contact` about to be written by `org_id`: its referral agencies checked
// against the organisation's directory, its caller's number indexed in the organisation's
// country, its free text sealed (contact_records.h: sealContact).
awaitable<Result<store::ContactRow>> rowToWrite(Context ctx, std::string org_id,
                                                domain::Contact contact) {
  if (auto agencies = co_await checkReferralAgencies(ctx, org_id, contact.data.referral_agency_ids);
      !agencies) {
    co_return tl::unexpected(agencies.error());
  }
  auto region = co_await organisationCountry(ctx, std::move(org_id));
  if (!region) {
    co_return tl::unexpected(region.error());
  }
  co_return sealContact(ctx.vault, std::move(contact), *region);
}

}  // namespace

Result<domain::Contact> newContact(std::string org_id, std::string author_id,
                                   domain::UnixMillis now, domain::ContactInput input) {
  if (auto valid = domain::validateContact(input, now); !valid) {
    return tl::unexpected(valid.error());
  }
  domain::Contact contact;
  contact.id = crypto::newId();
  contact.org_id = std::move(org_id);
  contact.created_by = std::move(author_id);
  contact.created_at = now;
  contact.updated_at = now;
  contact.version = 1;
  contact.code_version = std::string(domain::codesVersion());
  contact.data = std::move(input);
  if (contact.data.status == domain::kStatusFinal) {
    contact.finalised_at = now;
  }
  return contact;
}

awaitable<Result<ContactView>> createContact(Context ctx, Actor actor, domain::ContactInput input) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kContactCreate); !may) {
    co_return tl::unexpected(may.error());
  }
  const domain::UnixMillis now = ctx.clock();
  auto contact = newContact(who.org_id, who.user_id, now, std::move(input));
  if (!contact) {
    co_return tl::unexpected(contact.error());
  }
  ContactView view = writtenView(who, *contact, now);
  auto row = co_await rowToWrite(ctx, who.org_id, std::move(*contact));
  if (!row) {
    co_return tl::unexpected(row.error());
  }
  auto insert = [row = std::move(*row)](store::WriteContext& w) {
    return store::insertContact(w, row);
  };
  auto entry = actor.entry(AuditAction::kContactCreate, view.contact.id);
  if (auto written = co_await writeAudited(ctx, std::move(insert), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return view;
}

awaitable<Result<ContactView>> readContact(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  auto found = co_await findVisibleContact(ctx, who, std::move(id));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  store::ContactRow& row = *found;
  const domain::UnixMillis now = ctx.clock();
  ContactView view;
  view.sealed_visible = policy::allows(who, policy::Permission::kContactReadSealed);
  view.plans_visible = policy::allows(who, policy::Permission::kSafetyPlanRead);
  view.may_correct = mayChangeContact(who, row.contact, now);
  if (view.sealed_visible) {
    if (auto opened = openContact(ctx.vault, row); !opened) {
      co_return tl::unexpected(opened.error());
    }
  }
  view.contact = row.contact;
  auto extras_job = [row, drafts = policy::draftsVisibleOnlyOf(who), now, v = std::move(view)](
                        soci::session& sql) { return loadExtras(sql, row, drafts, now, v); };
  auto extras = co_await store::awaitRead<Result<ContactView>>(ctx.db, std::move(extras_job));
  if (!extras) {
    co_return tl::unexpected(extras.error());
  }
  // The view is recorded before any of it is shown.
  auto entry = actor.entry(AuditAction::kContactRead, row.contact.id);
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*extras);
}

awaitable<Result<ContactView>> updateContact(Context ctx, Actor actor, std::string id,
                                             domain::ContactInput input,
                                             std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  auto found = co_await findVisibleContact(ctx, who, std::move(id));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  const domain::UnixMillis now = ctx.clock();
  auto revised = revisedContact(who, found->contact, std::move(input), expected_version, now);
  if (!revised) {
    co_return tl::unexpected(revised.error());
  }
  const bool finalising = found->contact.data.status != domain::kStatusFinal &&
                          revised->data.status == domain::kStatusFinal;
  ContactView view = writtenView(who, *revised, now);
  auto row = co_await rowToWrite(ctx, who.org_id, std::move(*revised));
  if (!row) {
    co_return tl::unexpected(row.error());
  }
  auto update = [row = std::move(*row), expected_version](store::WriteContext& w) {
    return store::updateContact(w, row, expected_version);
  };
  auto entry = actor.entry(finalising ? AuditAction::kContactFinalise : AuditAction::kContactUpdate,
                           view.contact.id);
  if (auto written = co_await writeAudited(ctx, std::move(update), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return view;
}

awaitable<domain::Status> discardDraft(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  auto found = co_await findVisibleContact(ctx, who, std::move(id));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  const domain::Contact& c = found->contact;
  if (c.data.status == domain::kStatusFinal) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "A finished contact is kept. Correct it instead of discarding it.",
                           "status");
  }
  if (auto may = policy::requireContactEditable(who, editFacts(c), ctx.clock()); !may) {
    co_return tl::unexpected(contactNotFound());
  }
  auto erase = [org = c.org_id, contact_id = c.id](store::WriteContext& w) {
    return store::deleteDraftContact(w, org, contact_id);
  };
  auto entry = actor.entry(AuditAction::kContactDiscard, c.id);
  co_return co_await writeAudited(ctx, std::move(erase), std::move(entry));
}

awaitable<Result<std::vector<domain::Contact>>> listOwnDrafts(Context ctx, Actor actor,
                                                              std::int32_t limit) {
  const policy::Principal& who = actor.principal;
  auto list = [org = who.org_id, user = who.user_id, limit](soci::session& sql) {
    return store::listDrafts(sql, org, user, limit);
  };
  auto rows =
      co_await store::awaitRead<Result<std::vector<store::ContactRow>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  std::vector<domain::Contact> drafts;
  drafts.reserve(rows->size());
  for (auto& row : *rows) {
    drafts.push_back(std::move(row.contact));
  }
  co_return drafts;
}

}  // namespace strada::hotline
