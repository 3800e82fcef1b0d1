// `strada demo`: the identification, needs assessment and plan of a demo case, as far as its stage
// has come, through the use cases of src/cases/case_assessments.h.
#pragma once

#include <string>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

// From stage 1 (identification) on: the indicators observed and the status; from stage 2 (first
// assistance): the needs and a draft plan; from stage 3: the plan submitted by the case worker,
// and approved by the supervisor when `approved`.
[[nodiscard]] domain::Status addDemoAssessments(const hotline::Context& ctx,
                                                const hotline::Actor& case_worker,
                                                const hotline::Actor& supervisor,
                                                const std::string& case_id, int stages,
                                                bool approved);

}  // namespace strada::app
