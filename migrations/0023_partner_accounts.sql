-- A partner account (role "partner", issue 8 section 2) is tied to one agency of its
-- organisation's directory: the agency whose referrals it submits and sees. Empty for every other
-- account. The referrals a partner lists are the cases created by accounts of its agency.
ALTER TABLE users ADD COLUMN agency_id TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_referral_agency_idx ON cases (org_id, referral_agency_id);
