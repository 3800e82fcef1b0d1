-- 0030: referrals between members of the network (issue 9, section 2; network/referrals.h,
-- docs/network.md "Referrals between members").
-- `network_referrals`: one row per referral on each side, keyed by the id the sender made (the
-- same on both sides). `direction` 'outgoing' (this member referred the person) or 'incoming'.
-- Only routing and coded columns are in the clear: the peer member's code, the case on this side,
-- the status, urgency, the service codes and the names of the fields that travelled (never their
-- values), the deadline and times. The packet itself is kept only at the receiver, as the sealed
-- box received (`packet_sealed`, hex; opened with this instance's box key `box_key_id` on read).
-- Statuses: outgoing 'sent', 'accepted', 'declined'; incoming 'received', 'accepted',
-- 'declined', 'unreadable' (the packet does not open: flagged, never acted on).
-- `network_referral_events`: each referral's history (sent, received, reminder, escalated,
-- accepted, declined, feedback kinds, consent_withdrawn, withdrawal_acknowledged) with who (a
-- user of this instance, or the peer's code) and when; a free-text note sealed by the vault
-- (hex, "network_referrals.text:" + event id).
-- `network_referral_escalations`: at the hub, the metadata of referrals a member escalated as
-- unanswered past their deadline (no personal data).
-- Dialect-neutral.
CREATE TABLE network_referrals (
  id TEXT PRIMARY KEY,
  direction TEXT NOT NULL,
  peer_code TEXT NOT NULL,
  org_id TEXT NOT NULL DEFAULT '',
  case_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  urgency TEXT NOT NULL,
  services TEXT NOT NULL,
  fields TEXT NOT NULL DEFAULT '',
  answer_by BIGINT NOT NULL,
  packet_sealed TEXT NOT NULL DEFAULT '',
  box_key_id TEXT NOT NULL DEFAULT '',
  last_feedback TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  answered_at BIGINT NOT NULL DEFAULT 0,
  answered_by TEXT NOT NULL DEFAULT '',
  reminded_at BIGINT NOT NULL DEFAULT 0,
  escalated_at BIGINT NOT NULL DEFAULT 0,
  consent_withdrawn_at BIGINT NOT NULL DEFAULT 0,
  withdrawal_acknowledged_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX network_referrals_direction_idx ON network_referrals (direction, created_at);
CREATE INDEX network_referrals_case_idx ON network_referrals (case_id);
CREATE TABLE network_referral_events (
  id TEXT PRIMARY KEY,
  referral_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  by_user TEXT NOT NULL DEFAULT '',
  by_member TEXT NOT NULL DEFAULT '',
  note_sealed TEXT NOT NULL DEFAULT ''
);
CREATE INDEX network_referral_events_referral_idx ON network_referral_events (referral_id, at);
CREATE TABLE network_referral_escalations (
  referral_id TEXT PRIMARY KEY,
  sender_code TEXT NOT NULL,
  receiver_code TEXT NOT NULL,
  answer_by BIGINT NOT NULL,
  escalated_at BIGINT NOT NULL
);
