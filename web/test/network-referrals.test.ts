// The "Refer abroad" form's logic without a browser: exactly what travels (the preview), the body
// sent, the checks before sending, the default deadline by urgency, and a referral's flag.
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../src/cases/api';
import { answerWindowMs, blankDraft, defaultAnswerBy, draftProblem, previewPacket, referralBody, referralFlag, toLocalInput, type ReferralDraft } from '../src/network/referrals';

const record = {
  client: {
    id: 'c1',
    client_code: 'CL-1',
    person: { full_name: 'Eleni Papadopoulou', birth_date: '1999-03-04', phones: ['+31612345678', '+30690000000'] },
    coded: { gender: 'Feminine', age_band: 'age_18_24', citizenships: ['GR', 'AL'], primary_language: 'el', exploitation_types: ['SexualExploitation'] },
    erased_at: null,
    merged_from: [],
    merged_into: null,
  },
} as unknown as Pick<CaseRecord, 'client'>;

const draft = (over: Partial<ReferralDraft> = {}): ReferralDraft => ({
  ...blankDraft(),
  receiver: 'MB',
  services: ['safe_return'],
  fields: ['full_name'],
  ...over,
});

describe('the preview of a network referral', () => {
  it('shows only the chosen fields, in the form order, with their values', () => {
    const rows = previewPacket(record, draft({ fields: ['phone', 'full_name', 'citizenships'] }));
    expect(rows).toEqual([
      { field: 'full_name', value: 'Eleni Papadopoulou' },
      { field: 'citizenships', value: 'GR, AL' },
      { field: 'phone', value: '+31612345678' },
    ]);
  });

  it('takes the location and the needs from the form, trimmed', () => {
    const rows = previewPacket(record, draft({ fields: ['location', 'needs_summary'], location: ' Athens airport ', needsSummary: 'Shelter ' }));
    expect(rows).toEqual([
      { field: 'location', value: 'Athens airport' },
      { field: 'needs_summary', value: 'Shelter' },
    ]);
  });

  it('shows nothing of a person the reader may not see', () => {
    const hidden = { client: { ...record.client, person: null } } as unknown as Pick<CaseRecord, 'client'>;
    expect(previewPacket(hidden, draft({ fields: ['full_name', 'gender'] }))).toEqual([
      { field: 'full_name', value: '' },
      { field: 'gender', value: 'Feminine' },
    ]);
  });
});

describe('the body of a network referral', () => {
  it('sends only the chosen fields and the texts that go with them', () => {
    const body = referralBody('case-1', draft({ fields: ['needs_summary', 'full_name'], location: 'not chosen', needsSummary: ' Medical care ', note: '  ' }));
    expect(body).toEqual({ case_id: 'case-1', receiver: 'MB', services: ['safe_return'], urgency: 'routine', fields: ['full_name', 'needs_summary'], needs_summary: 'Medical care' });
  });

  it('sends a chosen deadline as an RFC 3339 time', () => {
    const local = toLocalInput(Date.UTC(2030, 0, 2, 3, 4));
    const body = referralBody('case-1', draft({ answerBy: local }));
    expect(body.answer_by).toBe(new Date(local).toISOString());
  });

  it('sends the partner abroad the person is meant for, when one is named', () => {
    expect(referralBody('case-1', draft({ partnerName: ' Shelter Chisinau ', partnerCountry: 'MD' })).partner).toEqual({ name: 'Shelter Chisinau', country: 'MD' });
    expect(referralBody('case-1', draft()).partner).toBeUndefined();
  });
});

describe('the checks before sending', () => {
  it('names the first thing missing', () => {
    expect(draftProblem(draft({ receiver: '' }))?.[0]).toBe('receiver');
    expect(draftProblem(draft({ services: [] }))?.[0]).toBe('services');
    expect(draftProblem(draft({ fields: [] }))?.[0]).toBe('fields');
    expect(draftProblem(draft({ fields: ['location'] }))?.[0]).toBe('location');
    expect(draftProblem(draft({ fields: ['needs_summary'], needsSummary: ' ' }))?.[0]).toBe('needs_summary');
    expect(draftProblem(draft({ answerBy: '2001-01-01T00:00' }))?.[0]).toBe('answer_by');
    expect(draftProblem(draft({ partnerCountry: 'MD' }))?.[0]).toBe('partner.name');
    expect(draftProblem(draft({ partnerName: 'Shelter Chisinau' }))?.[0]).toBe('partner.country');
    expect(draftProblem(draft({ partnerName: 'Shelter Chisinau', partnerCountry: 'MD' }))).toBeNull();
    expect(draftProblem(draft())).toBeNull();
  });
});

describe('deadlines and flags', () => {
  it('proposes the deadline the server would default to', () => {
    const now = Date.UTC(2030, 5, 1, 12, 0);
    expect(defaultAnswerBy('emergency', now)).toBe(toLocalInput(now + 4 * 3600 * 1000));
    expect(answerWindowMs.urgent).toBe(24 * 3600 * 1000);
    expect(answerWindowMs.routine).toBe(7 * 24 * 3600 * 1000);
  });

  it('puts a withdrawal of consent before lateness', () => {
    const r: Parameters<typeof referralFlag>[0] = { action_required: false, overdue: false, status: 'received', direction: 'incoming', reminded_at: null };
    expect(referralFlag({ ...r, action_required: true, overdue: true, status: 'accepted' })).toBe('actionRequired');
    expect(referralFlag({ ...r, overdue: true, reminded_at: '2030-01-01T00:00:00Z' })).toBe('overdue');
    expect(referralFlag({ ...r, status: 'unreadable' })).toBe('unreadable');
    expect(referralFlag({ ...r, reminded_at: '2030-01-01T00:00:00Z' })).toBe('reminded');
    expect(referralFlag({ ...r, direction: 'outgoing', status: 'sent', reminded_at: '2030-01-01T00:00:00Z' })).toBeNull();
    expect(referralFlag(r)).toBeNull();
  });
});
