-- 0014: a case's identification, needs assessment and assistance plan (issue 8, sections 2 and 4).
-- Dialect-neutral.
--
-- Each of the three is one versioned document of the case (kind identification, needs or plan),
-- written whole: a change names the version it started from, and a stale one is refused. Its
-- entries are replaced with each change. Coded columns hold codes of GET /api/v1/codes; free
-- text (a need's note, a goal) is sealed under the key of the case's client (hex, like
-- case_notes.text_sealed). The identification's trafficking status and who decided it are the
-- client's own coded columns (clients.trafficking_status, status_decided_by), written with it.
-- The plan's status is cases.plan_status; its submission and decision are in case_plan_reviews.
CREATE TABLE case_documents (
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  assessed_by TEXT NOT NULL DEFAULT '',
  assessed_on TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (case_id, kind)
);

-- The ILO/EC indicators observed (identification_indicator codes).
CREATE TABLE case_indicators (
  case_id TEXT NOT NULL REFERENCES cases (id),
  code TEXT NOT NULL,
  PRIMARY KEY (case_id, code)
);

-- A level of need per domain (need_domain, need_level), with a sealed note (AAD
-- "case_needs.note:" + case id + "/" + domain).
CREATE TABLE case_need_domains (
  case_id TEXT NOT NULL REFERENCES cases (id),
  domain TEXT NOT NULL,
  level TEXT NOT NULL,
  note_sealed TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, domain)
);

-- The plan's goals in order (AAD of the sealed goal "case_plan_goals.goal:" + case id + "/" +
-- position).
CREATE TABLE case_plan_goals (
  case_id TEXT NOT NULL REFERENCES cases (id),
  position INTEGER NOT NULL,
  domain TEXT NOT NULL,
  goal_sealed TEXT NOT NULL DEFAULT '',
  target_date TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (case_id, position)
);

-- The plan's last submission and the supervisor's decision on it (approve or return, with a
-- reason sealed like a note: AAD "case_plan_reviews.reason:" + case id).
CREATE TABLE case_plan_reviews (
  case_id TEXT PRIMARY KEY REFERENCES cases (id),
  submitted_by TEXT NOT NULL DEFAULT '',
  submitted_at BIGINT NOT NULL DEFAULT 0,
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT NOT NULL DEFAULT 0,
  decision TEXT NOT NULL DEFAULT '',
  reason_sealed TEXT NOT NULL DEFAULT ''
);

-- Supervisors' pending approvals: plans submitted and closures requested, per organisation.
CREATE INDEX cases_plan_status_idx ON cases (org_id, plan_status);
