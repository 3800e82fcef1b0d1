// The JSON of each part of a case, as its own route answers it: shared with the subject-access
// export (api/subject_access.cpp), which writes every part into one file.
#pragma once

#include <boost/json.hpp>
#include <vector>

#include "cases/case_assessments.h"
#include "cases/case_attachments.h"
#include "cases/case_entries.h"
#include "cases/case_follow_ups.h"
#include "cases/case_proceedings.h"
#include "cases/case_tasks.h"

namespace strada::api::sections {

boost::json::object consents(const cases::ConsentList& list);
boost::json::object services(const cases::ServiceList& list);
boost::json::object notes(const std::vector<cases::Note>& notes);
boost::json::object timeline(const std::vector<cases::TimelineEntry>& entries);
boost::json::object identification(const cases::IdentificationView& view);
boost::json::object needs(const cases::NeedsView& view);
boost::json::object plan(const cases::PlanView& view);
boost::json::object tasks(const cases::TaskList& list);
boost::json::object proceedings(const cases::ProceedingList& list);
boost::json::object followUps(const cases::FollowUpList& list);
boost::json::object documents(const cases::DocumentList& list);

}  // namespace strada::api::sections
