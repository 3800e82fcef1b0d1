// Use cases of a case's social-inclusion outcomes: per domain (housing, social protection, health
// care, education, employment) an inclusion_status code, recorded with the closure request and
// at follow-ups after it (a day, the outcomes, a note sealed under the key of the case's client).
// The outcomes are coded and reportable: a data officer reads them, never the note.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "store/case_proceeding_repository.h"

namespace strada::cases {

struct FollowUpInput {
  std::string followed_on;  // YYYY-MM-DD, not in the future
  std::vector<store::InclusionOutcomeRow> outcomes;
  std::string note;  // free text, sealed; "" for none
};

struct FollowUp {
  store::FollowUpRow row;  // note_sealed cleared
  std::string note;
  bool note_visible = false;
};
struct FollowUpList {
  std::vector<FollowUp> items;
  std::map<std::string, std::string> names;
};

// OK when every outcome names an inclusion_domain (once) and an inclusion_status; otherwise
// InvalidArgument on "<field>[i].domain" or "<field>[i].status". None is OK.
[[nodiscard]] domain::Status checkInclusionOutcomes(
    const std::vector<store::InclusionOutcomeRow>& outcomes, const std::string& field);

// kCaseRead with requireCaseVisible; case_follow_up.list. The closure's outcomes come as a
// follow-up of kind "closure".
[[nodiscard]] boost::asio::awaitable<domain::Result<FollowUpList>> listFollowUps(
    Context ctx, Actor actor, std::string case_id);
// kCaseUpdate with requireCaseWorkable, on a case whose closure was requested or approved
// (Conflict on "status" otherwise); at least one outcome; case_follow_up.create. Returns the new
// follow-up alone.
[[nodiscard]] boost::asio::awaitable<domain::Result<FollowUpList>> addFollowUp(Context ctx,
                                                                               Actor actor,
                                                                               std::string case_id,
                                                                               FollowUpInput input);

}  // namespace strada::cases
