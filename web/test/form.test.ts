import { beforeAll, describe, expect, it } from 'vitest';
import {
  dateTimeLocalToRfc3339,
  dayEndRfc3339,
  dayStartRfc3339,
  minutesToSeconds,
  toDateTimeLocal,
  toPayload,
  type ContactFormValues,
} from '../src/contacts/form';

beforeAll(() => {
  // A zone with daylight saving time, so both offsets are exercised.
  process.env.TZ = 'Europe/Amsterdam';
});

describe('minutesToSeconds', () => {
  it('converts whole and decimal minutes to whole seconds', () => {
    expect(minutesToSeconds('12')).toBe(720);
    expect(minutesToSeconds(' 0 ')).toBe(0);
    expect(minutesToSeconds('1.5')).toBe(90);
    expect(minutesToSeconds('1,5')).toBe(90);
    expect(minutesToSeconds('100000')).toBe(6_000_000);
  });

  it('rejects what is not a duration', () => {
    for (const text of ['', 'abc', '-3', '1e3', '12 min', '.5']) expect(minutesToSeconds(text), text).toBeNull();
  });
});

describe('dateTimeLocalToRfc3339', () => {
  it('reads the value as local wall time and answers in UTC', () => {
    expect(dateTimeLocalToRfc3339('2026-11-30T14:05')).toBe('2026-11-30T13:05:00.000Z'); // CET
    expect(dateTimeLocalToRfc3339('2026-07-01T09:30')).toBe('2026-07-01T07:30:00.000Z'); // CEST
    expect(dateTimeLocalToRfc3339('2026-07-01T09:30:15')).toBe('2026-07-01T07:30:15.000Z');
  });

  it('rejects empty, malformed and impossible values', () => {
    for (const v of ['', '2026-11-30', '30-11-2026 14:05', '2026-02-31T10:00', '2026-13-01T10:00']) {
      expect(dateTimeLocalToRfc3339(v), v).toBeNull();
    }
  });

  it('round-trips with toDateTimeLocal', () => {
    const now = new Date(2026, 10, 30, 8, 7, 0, 0);
    expect(toDateTimeLocal(now)).toBe('2026-11-30T08:07');
    expect(dateTimeLocalToRfc3339(toDateTimeLocal(now))).toBe(now.toISOString());
  });

  it('turns date filters into whole local days', () => {
    expect(dayStartRfc3339('2026-11-30')).toBe('2026-11-29T23:00:00.000Z');
    expect(dayEndRfc3339('2026-11-30')).toBe('2026-11-30T22:59:59.999Z');
    expect(dayStartRfc3339('')).toBeNull();
  });
});

describe('toPayload', () => {
  const filled: ContactFormValues = {
    channel: 'phone',
    startedAt: '2026-11-30T14:05',
    durationMinutes: '12',
    callerType: 'possible_victim',
    anonymous: true,
    language: 'nl',
    summary: 'Asked about a work permit.',
  };

  it('builds the API payload', () => {
    expect(toPayload(filled)).toEqual({
      ok: true,
      payload: {
        channel: 'phone',
        started_at: '2026-11-30T13:05:00.000Z',
        duration_s: 720,
        caller_type: 'possible_victim',
        anonymous: true,
        language: 'nl',
        summary: 'Asked about a work permit.',
      },
    });
  });

  it('leaves out a blank summary and keeps anonymous false', () => {
    const result = toPayload({ ...filled, summary: '  ', anonymous: false });
    expect(result.ok && result.payload).toEqual(expect.objectContaining({ anonymous: false }));
    expect(result.ok && 'summary' in result.payload).toBe(false);
  });

  it('names the payload field of the first problem', () => {
    expect(toPayload({ ...filled, channel: '' })).toMatchObject({ ok: false, field: 'channel' });
    expect(toPayload({ ...filled, startedAt: '' })).toMatchObject({ ok: false, field: 'started_at' });
    expect(toPayload({ ...filled, durationMinutes: 'ten' })).toMatchObject({
      ok: false,
      field: 'duration_s',
      messageKey: 'log.durationInvalid',
    });
    expect(toPayload({ ...filled, callerType: '' })).toMatchObject({ ok: false, field: 'caller_type' });
    expect(toPayload({ ...filled, language: '' })).toMatchObject({ ok: false, field: 'language' });
  });

  it('leaves limits to the server', () => {
    expect(toPayload({ ...filled, durationMinutes: '100000' })).toMatchObject({
      ok: true,
      payload: { duration_s: 6_000_000 },
    });
  });
});
