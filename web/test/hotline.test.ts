import { beforeAll, describe, expect, it } from 'vitest';
import {
  callerTypeKeys,
  categoryKeys,
  codeForKey,
  formatTimer,
  kindKeys,
  nonDataKeys,
  sectionsFor,
  toHotlinePayload,
  toggled,
  type HotlineFormValues,
} from '../src/contacts/hotline';

beforeAll(() => {
  process.env.TZ = 'Europe/Amsterdam';
});

const base: HotlineFormValues = {
  channel: 'phone',
  startedAt: '2026-11-30T14:05',
  durationMinutes: '',
  callerType: 'possible_victim',
  anonymous: true,
  language: 'nl',
  summary: '',
  kind: 'data',
  nonDataType: '',
  category: 'general_information',
  callerGender: '',
  callerAgeBand: '',
  callerCountry: '',
  destinationCountry: 'DE',
  exploitation: ['ForcedLabour'],
  industry: [],
  indicators: [],
  imminentDanger: true,
  assistance: ['safety_tips'],
  referralAgencyIds: [],
  outcome: '',
  followUpNeeded: false,
  followUpDue: '',
  callerIdentifier: '',
};

describe('formatTimer', () => {
  it('shows minutes and seconds', () => {
    expect(formatTimer(0)).toBe('00:00');
    expect(formatTimer(9.9)).toBe('00:09');
    expect(formatTimer(75)).toBe('01:15');
    expect(formatTimer(4503)).toBe('75:03');
    expect(formatTimer(-3)).toBe('00:00');
  });
});

describe('shortcuts', () => {
  it('never reuses the kind keys inside a panel', () => {
    for (const keys of [categoryKeys, nonDataKeys, callerTypeKeys]) {
      const used = Object.values(keys);
      expect(new Set(used).size).toBe(used.length);
      expect(used).not.toContain(kindKeys.data);
      expect(used).not.toContain(kindKeys.non_data);
    }
    const dataPanel = [...Object.values(categoryKeys), ...Object.values(callerTypeKeys)];
    expect(new Set(dataPanel).size).toBe(dataPanel.length);
  });

  it('finds the code of a key, whatever its case', () => {
    expect(codeForKey(nonDataKeys, 'S')).toBe('silent');
    expect(codeForKey(nonDataKeys, 'h')).toBe('hang_up');
    expect(codeForKey(nonDataKeys, 'w')).toBe('wrong_number');
    expect(codeForKey(categoryKeys, 'x')).toBeNull();
  });
});

describe('toHotlinePayload', () => {
  it('sends only the fields the category shows', () => {
    const result = toHotlinePayload(base, 'final', 95.7);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.payload.duration_s).toBe(95); // from the timer
    expect(result.payload.destination_country).toBe(''); // general information: minimal
    expect(result.payload.exploitation).toEqual([]);
    expect(result.payload.imminent_danger).toBe(false);
    expect(result.payload.assistance).toEqual([]);
    expect(result.payload.status).toBe('final');
    expect(result.payload).not.toHaveProperty('caller_identifier');
  });

  it('keeps what a safe-migration contact needs', () => {
    const result = toHotlinePayload({ ...base, category: 'safe_migration', durationMinutes: '3' }, 'final', 500);
    expect(result.ok && result.payload.destination_country).toBe('DE');
    expect(result.ok && result.payload.assistance).toEqual(['safety_tips']);
    expect(result.ok && result.payload.duration_s).toBe(180); // typed duration wins
  });

  it('asks a finished data contact for its category, a draft not', () => {
    expect(toHotlinePayload({ ...base, category: '' }, 'final', 1)).toMatchObject({ ok: false, field: 'category' });
    expect(toHotlinePayload({ ...base, category: '', callerType: '' }, 'draft', null).ok).toBe(true);
  });

  it('logs a non-data contact with its one code and nothing else', () => {
    const result = toHotlinePayload({ ...base, kind: 'non_data', nonDataType: 'silent', summary: 'x' }, 'final', 4);
    expect(result).toEqual({
      ok: true,
      payload: {
        status: 'final',
        kind: 'non_data',
        non_data_type: 'silent',
        channel: 'phone',
        started_at: '2026-11-30T13:05:00.000Z',
        duration_s: 4,
      },
    });
    expect(toHotlinePayload({ ...base, kind: 'non_data' }, 'final', 4)).toMatchObject({
      ok: false,
      field: 'non_data_type',
    });
  });

  it('needs a due date for a follow-up, and sends the identifier trimmed', () => {
    const crisis = { ...base, category: 'crisis', followUpNeeded: true, callerIdentifier: ' +31 6 1 ' };
    expect(toHotlinePayload(crisis, 'final', 1)).toMatchObject({ ok: false, field: 'follow_up_due' });
    const result = toHotlinePayload({ ...crisis, followUpDue: '2026-12-02' }, 'final', 1);
    expect(result.ok && result.payload.follow_up_due).toBe('2026-12-02T16:00:00.000Z');
    expect(result.ok && result.payload.follow_up_needed).toBe(true);
    expect(result.ok && result.payload.imminent_danger).toBe(true);
    expect(result.ok && result.payload.caller_identifier).toBe('+31 6 1');
  });
});

describe('sections and toggles', () => {
  it('shows what each category needs', () => {
    expect([...sectionsFor('general_information')]).toEqual([]);
    expect(sectionsFor('crisis').has('safety_plan')).toBe(true);
    expect(sectionsFor('tip').has('exploitation')).toBe(true);
    expect(sectionsFor('unknown').size).toBe(0);
  });

  it('toggles codes in a list', () => {
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
  });
});
