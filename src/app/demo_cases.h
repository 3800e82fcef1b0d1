// `strada demo`: clients and cases of one demo organisation, in every stage of the workflow.
#pragma once

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

// Registers eight clearly fictional people (names end in "(demo)") and opens a case for each
// through the use cases of src/cases/, as the case worker: one in each stage (intake,
// identification, first assistance, long-term assistance, return and reintegration), one with a
// closure waiting for approval, and two closed (requested by the case worker, approved by the
// supervisor). Each case has consents to services and to record data, and a sealed note, and
// the identification, needs and plan its stage has reached (demo_assessments.h): the plans of
// two long-term cases wait for the supervisor's approval.
[[nodiscard]] domain::Status addDemoCases(const hotline::Context& ctx,
                                          const hotline::Actor& case_worker,
                                          const hotline::Actor& supervisor);

}  // namespace strada::app
