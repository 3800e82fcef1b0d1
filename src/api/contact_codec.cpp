#include "api/contact_codec.h"

#include <algorithm>
#include <utility>

#include "api/json_input.h"

namespace strada::api {

using domain::Result;

Result<domain::ContactInput> decodeContactInput(std::string_view body, std::int32_t* version) {
  JsonFields d(body);
  domain::ContactInput c;
  d.optional("status", c.status);
  d.optional("kind", c.kind);
  d.optional("non_data_type", c.non_data_type);
  d.optional("channel", c.channel);
  std::optional<domain::UnixMillis> started_at;
  d.time("started_at", started_at, true);
  d.integer("duration_s", c.duration_s, 0, domain::kMaxContactDurationS);
  d.optional("category", c.category);
  d.optional("caller_type", c.caller_type);
  d.optional("anonymous", c.anonymous);
  d.optional("caller_gender", c.caller_gender);
  d.optional("caller_age_band", c.caller_age_band);
  d.optional("language", c.language);
  d.optional("caller_country", c.caller_country);
  d.optional("caller_region", c.caller_region);
  d.optional("destination_country", c.destination_country);
  d.list("exploitation", c.exploitation, domain::kMaxMultiCodes);
  d.list("industry", c.industry, domain::kMaxMultiCodes);
  d.list("indicators", c.indicators, domain::kMaxMultiCodes);
  d.optional("imminent_danger", c.imminent_danger);
  d.list("assistance", c.assistance, domain::kMaxMultiCodes);
  d.list("referral_agency_ids", c.referral_agency_ids, domain::kMaxMultiCodes);
  d.optional("outcome", c.outcome);
  d.optional("follow_up_needed", c.follow_up_needed);
  d.time("follow_up_due", c.follow_up_due, false);
  d.optional("summary", c.summary);
  d.optional("caller_identifier", c.caller_identifier);
  if (version != nullptr) {
    d.version(*version);
  }
  c.started_at = started_at.value_or(0);
  return d.finish(std::move(c));
}

}  // namespace strada::api
