// The form of a court proceeding, kept as text while it is filled in, and the body it sends
// (POST or PUT /cases/{id}/proceedings). The server checks every field again and names the one
// to correct (`hearings[0].date`, `compensation_claimed.currency`...), the same names used here.
import type { CaseProceeding } from './api';

export interface HearingForm {
  date: string;
  kind: string;
  support: string[];
  note: string;
}

export interface ProceedingForm {
  kind: string;
  role: string;
  status: string;
  court_agency_id: string;
  court_name: string;
  reference: string;
  outcome: string;
  claimed_amount: string;
  claimed_currency: string;
  awarded_amount: string;
  awarded_currency: string;
  hearings: HearingForm[];
}

export const blankHearing = (): HearingForm => ({ date: '', kind: '', support: [], note: '' });

export const blankProceeding = (): ProceedingForm => ({
  kind: '',
  role: '',
  status: '',
  court_agency_id: '',
  court_name: '',
  reference: '',
  outcome: '',
  claimed_amount: '',
  claimed_currency: '',
  awarded_amount: '',
  awarded_currency: '',
  hearings: [],
});

/** The form of a stored proceeding, to change it. */
export function proceedingForm(p: CaseProceeding): ProceedingForm {
  return {
    kind: p.kind,
    role: p.role,
    status: p.status,
    court_agency_id: p.court.agency_id ?? '',
    court_name: p.court.name ?? '',
    reference: p.reference ?? '',
    outcome: p.outcome ?? '',
    claimed_amount: p.compensation_claimed ? String(p.compensation_claimed.amount) : '',
    claimed_currency: p.compensation_claimed?.currency ?? '',
    awarded_amount: p.compensation_awarded ? String(p.compensation_awarded.amount) : '',
    awarded_currency: p.compensation_awarded?.currency ?? '',
    hearings: p.hearings.map((h) => ({ date: h.date, kind: h.kind, support: [...h.support], note: h.note ?? '' })),
  };
}

type Checked = { ok: true; body: object } | { ok: false; field: string; key: string };
type Money = { ok: true; value: { amount: number; currency: string } | null } | { ok: false; field: string; key: string };

function money(amount: string, currency: string, field: string): Money {
  if (amount.trim() === '' && currency.trim() === '') return { ok: true, value: null };
  const n = Number(amount);
  if (amount.trim() === '' || !Number.isInteger(n) || n < 0) return { ok: false, field: `${field}.amount`, key: 'cases.proceedings.badAmount' };
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return { ok: false, field: `${field}.currency`, key: 'cases.proceedings.needCurrency' };
  return { ok: true, value: { amount: n, currency: code } };
}

function firstIncompleteHearing(hearings: HearingForm[]): { field: string; key: string } | null {
  for (const [i, h] of hearings.entries()) {
    if (h.date === '') return { field: `hearings[${i}].date`, key: 'cases.proceedings.needHearingDate' };
    if (h.kind === '') return { field: `hearings[${i}].kind`, key: 'cases.proceedings.needHearingKind' };
  }
  return null;
}

/** The body of a proceeding, or the field to correct first. */
export function proceedingBody(f: ProceedingForm): Checked {
  if (f.kind === '') return { ok: false, field: 'kind', key: 'cases.proceedings.needKind' };
  if (f.role === '') return { ok: false, field: 'role', key: 'cases.proceedings.needRole' };
  if (f.status === '') return { ok: false, field: 'status', key: 'cases.proceedings.needStatus' };
  if (f.outcome !== '' && f.status !== 'concluded' && f.status !== 'appealed') {
    return { ok: false, field: 'outcome', key: 'cases.proceedings.outcomeNotYet' };
  }
  const claimed = money(f.claimed_amount, f.claimed_currency, 'compensation_claimed');
  if (!claimed.ok) return claimed;
  const awarded = money(f.awarded_amount, f.awarded_currency, 'compensation_awarded');
  if (!awarded.ok) return awarded;
  const hearing = firstIncompleteHearing(f.hearings);
  if (hearing !== null) return { ok: false, ...hearing };
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    ok: true,
    body: {
      kind: f.kind,
      role: f.role,
      status: f.status,
      court: { agency_id: f.court_agency_id === '' ? null : f.court_agency_id, name: text(f.court_name) },
      reference: text(f.reference),
      hearings: f.hearings.map((h) => ({ date: h.date, kind: h.kind, support: h.support, note: text(h.note) })),
      compensation_claimed: claimed.value,
      compensation_awarded: awarded.value,
      outcome: f.outcome === '' ? null : f.outcome,
    },
  };
}
