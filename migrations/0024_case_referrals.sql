-- 0024: a case's outgoing referrals (issue 8, section 3): a share of the person's data with
-- another organisation. The target is a directory agency of the organisation (`target_kind`
-- 'agency', `agency_id`) or another member organisation of the network (`target_kind` 'member',
-- its name and ISO 3166-1 country in the clear: an organisation, never a person; issue 9 builds
-- member-to-member referrals on it). `share_kind` is the share_with_kind the target falls under
-- ('' when none fits). The purpose is sealed under the key of the case's client (hex of opaque
-- bytes). A referral is made under the person's consent (`consent_id`) or, without one, under a
-- supervisor's override: `override_reason_sealed` (sealed too), `overridden_by`, `overridden_at`.
-- `status` is a referral_status code. Dialect-neutral.
CREATE TABLE case_referrals (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  org_id TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  agency_id TEXT NOT NULL DEFAULT '',
  member_name TEXT NOT NULL DEFAULT '',
  member_country TEXT NOT NULL DEFAULT '',
  share_kind TEXT NOT NULL DEFAULT '',
  purpose_sealed TEXT NOT NULL DEFAULT '',
  referred_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'sent',
  consent_id TEXT NOT NULL DEFAULT '',
  override_reason_sealed TEXT NOT NULL DEFAULT '',
  overridden_by TEXT NOT NULL DEFAULT '',
  overridden_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX case_referrals_case_idx ON case_referrals (case_id, created_at);
CREATE INDEX case_referrals_override_idx ON case_referrals (org_id, overridden_at);
