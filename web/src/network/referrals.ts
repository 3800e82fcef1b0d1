// Referrals between members of the network (issue 9.2): what the "Refer abroad" form sends and
// shows before it does, and how a referral's state reads. Pure functions, tested in
// test/network-referrals.test.ts.
import type { ApiClient } from '../api/client';
import type { CaseRecord } from '../cases/api';
import type { NetworkReferral, NetworkReferralList } from '../../generated/schema';

/** The fields a sender may choose, in the order the form shows them (the server's names). */
export const referralFields = [
  'full_name',
  'birth_date',
  'age_band',
  'gender',
  'citizenships',
  'languages',
  'phone',
  'exploitation_types',
  'location',
  'needs_summary',
] as const;
export type ReferralField = (typeof referralFields)[number];

/** Of those, the ones written in the form rather than read from the case's client. */
export const writtenFields: ReadonlySet<ReferralField> = new Set(['location', 'needs_summary']);

export type Urgency = 'routine' | 'urgent' | 'emergency';

const hour = 60 * 60 * 1000;
/** The server's default deadline for each urgency (network/referrals.h defaultAnswerWindow). */
export const answerWindowMs: Record<Urgency, number> = { routine: 7 * 24 * hour, urgent: 24 * hour, emergency: 4 * hour };

export interface ReferralDraft {
  receiver: string;
  services: string[];
  urgency: Urgency;
  /** A datetime-local value ("YYYY-MM-DDTHH:MM", local time), or "" for the urgency's default. */
  answerBy: string;
  fields: ReferralField[];
  location: string;
  needsSummary: string;
  note: string;
  /** A partner abroad known to the receiving member, the person meant for it: both or neither. */
  partnerName: string;
  partnerCountry: string;
}

export const blankDraft = (): ReferralDraft => ({
  receiver: '',
  services: [],
  urgency: 'routine',
  answerBy: '',
  fields: [],
  location: '',
  needsSummary: '',
  note: '',
  partnerName: '',
  partnerCountry: '',
});

/** A datetime-local value for `ms` in the browser's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The deadline the form proposes for `urgency` from `now`. */
export function defaultAnswerBy(urgency: Urgency, now: number): string {
  return toLocalInput(now + answerWindowMs[urgency]);
}

/** One value that would travel: the field's name and its text ("" when the case has none). */
export interface PreviewRow {
  field: ReferralField;
  value: string;
}

/**
 * Exactly what travels for `draft` from case `record`, field by field in the form's order: the
 * values come from the case's client (codes are left as codes; the screen labels them) and from
 * the form. Nothing that is not chosen.
 */
export function previewPacket(record: Pick<CaseRecord, 'client'>, draft: Pick<ReferralDraft, 'fields' | 'location' | 'needsSummary'>): PreviewRow[] {
  const person = record.client.person;
  const coded = record.client.coded;
  const valueOf = (field: ReferralField): string => {
    switch (field) {
      case 'full_name':
        return person?.full_name ?? '';
      case 'birth_date':
        return person?.birth_date ?? '';
      case 'age_band':
        return coded.age_band ?? '';
      case 'gender':
        return coded.gender ?? '';
      case 'citizenships':
        return (coded.citizenships ?? []).join(', ');
      case 'languages':
        return coded.primary_language ?? '';
      case 'phone':
        return person?.phones?.[0] ?? '';
      case 'exploitation_types':
        return (coded.exploitation_types ?? []).join(', ');
      case 'location':
        return draft.location.trim();
      case 'needs_summary':
        return draft.needsSummary.trim();
    }
  };
  return referralFields.filter((f) => draft.fields.includes(f)).map((field) => ({ field, value: valueOf(field) }));
}

/** The body of POST /api/v1/referrals for `draft` on case `caseId`. */
export function referralBody(caseId: string, draft: ReferralDraft) {
  const chosen = (f: ReferralField) => draft.fields.includes(f);
  return {
    case_id: caseId,
    receiver: draft.receiver,
    services: draft.services,
    urgency: draft.urgency,
    ...(draft.answerBy !== '' ? { answer_by: new Date(draft.answerBy).toISOString() } : {}),
    fields: referralFields.filter(chosen),
    ...(chosen('location') ? { location: draft.location.trim() } : {}),
    ...(chosen('needs_summary') ? { needs_summary: draft.needsSummary.trim() } : {}),
    ...(draft.note.trim() !== '' ? { note: draft.note.trim() } : {}),
    ...(draft.partnerName.trim() !== '' ? { partner: { name: draft.partnerName.trim(), country: draft.partnerCountry } } : {}),
  };
}

/** The first thing wrong with `draft` before it is sent: [field, i18n key], or null. */
export function draftProblem(draft: ReferralDraft): [string, string] | null {
  if (draft.receiver === '') return ['receiver', 'referrals.form.needReceiver'];
  if (draft.services.length === 0) return ['services', 'referrals.form.needServices'];
  if (draft.fields.length === 0) return ['fields', 'referrals.form.needFields'];
  if (draft.fields.includes('location') && draft.location.trim() === '') return ['location', 'referrals.form.needLocation'];
  if (draft.fields.includes('needs_summary') && draft.needsSummary.trim() === '') return ['needs_summary', 'referrals.form.needNeeds'];
  if (draft.answerBy !== '' && !(new Date(draft.answerBy).getTime() > Date.now())) return ['answer_by', 'referrals.form.needFuture'];
  if (draft.partnerCountry !== '' && draft.partnerName.trim() === '') return ['partner.name', 'referrals.form.needPartnerName'];
  if (draft.partnerName.trim() !== '' && draft.partnerCountry === '') return ['partner.country', 'referrals.form.needPartnerCountry'];
  return null;
}

/** What a referral waits for, as the one flag a list shows first (null: nothing). */
export function referralFlag(
  r: Pick<NetworkReferral, 'action_required' | 'overdue' | 'status' | 'direction' | 'reminded_at'>,
): 'actionRequired' | 'overdue' | 'unreadable' | 'reminded' | null {
  if (r.action_required) return 'actionRequired';
  if (r.status === 'unreadable') return 'unreadable';
  if (r.overdue) return 'overdue';
  // The sender reminded this member: half the time to answer has passed.
  if (r.direction === 'incoming' && r.status === 'received' && r.reminded_at !== null) return 'reminded';
  return null;
}

export function listReferrals(api: ApiClient, direction: 'incoming' | 'outgoing'): Promise<NetworkReferralList> {
  return api.request<NetworkReferralList>('GET', `/api/v1/referrals?direction=${direction}`);
}
