// A person's data for them (issue 8, section 8; GDPR art. 15): everything the organisation holds
// about the person, sealed fields opened, in one package the API writes as one file.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cases/case_assessments.h"
#include "cases/case_attachments.h"
#include "cases/case_entries.h"
#include "cases/case_follow_ups.h"
#include "cases/case_proceedings.h"
#include "cases/case_tasks.h"
#include "cases/cases.h"
#include "cases/clients.h"
#include "cases/context.h"

namespace strada::cases {

// The case's parts, each as its own reader returns it.
struct CaseRecord {
  CaseView kase;
  ConsentList consents;
  IdentificationView identification;
  NeedsView needs;
  PlanView plan;
  ServiceList services;
  std::vector<Note> notes;
  TaskList tasks;
  ProceedingList proceedings;
  FollowUpList follow_ups;
  DocumentList documents;
  // The content of every document still on the case, by document id (withdrawn ones have none).
  std::map<std::string, DocumentContent> document_files;
  std::vector<TimelineEntry> timeline;
};

struct SubjectAccess {
  ClientView client;
  std::optional<CaseRecord> kase;  // none for a person registered without a case
  // The cases of the records merged into this one (cases/client_merge.h), by client code.
  std::vector<std::pair<std::string, CaseRecord>> merged_cases;
  domain::UnixMillis exported_at = 0;
};

// kClientExport (a data officer, a supervisor). The parts are read by the same use cases as the
// case's screens, with a supervisor's reach in the actor's organisation: the export is for the
// person, so it must hold all of it, sealed fields opened. Each read is audited under the
// exporter as usual, then client.subject_access. Conflict when the person was erased (nothing of
// them can be opened any more); NotFound for another organisation's client.
[[nodiscard]] boost::asio::awaitable<domain::Result<SubjectAccess>> exportSubjectAccess(
    Context ctx, Actor actor, std::string client_id);

}  // namespace strada::cases
