import { describe, expect, it } from 'vitest';
import { keepUnchanged } from '../src/contacts/correction';
import type { HotlineFormValues, HotlinePayload } from '../src/contacts/hotline';
import { hrefFor, parseRoute } from '../src/router';
import { contact } from './fixtures';


describe('keepUnchanged', () => {
  const before = {
    startedAt: '2026-11-30T08:59',
    durationMinutes: '1.3',
    followUpNeeded: true,
    followUpDue: '2026-12-02',
  } as HotlineFormValues;
  const payload: HotlinePayload = {
    status: 'final',
    kind: 'data',
    channel: 'phone',
    started_at: '2026-11-30T07:59:00.000Z',
    duration_s: 78,
    follow_up_needed: true,
    follow_up_due: '2026-12-02T16:00:00.000Z',
  };
  const original = contact({ follow_up_due: '2026-12-02T09:30:00Z', caller_region: 'Zuid-Holland' });

  it('sends back what the form rounds when nobody changed it, and the region it has no field for', () => {
    expect(keepUnchanged(payload, before, before, original)).toMatchObject({
      started_at: '2026-11-30T07:59:31Z',
      duration_s: 75,
      follow_up_due: '2026-12-02T09:30:00Z',
      caller_region: 'Zuid-Holland',
    });
  });

  it('takes what the person changed', () => {
    const values = { ...before, startedAt: '2026-11-30T08:30', durationMinutes: '2', followUpDue: '2026-12-03' };
    const out = keepUnchanged(payload, values, before, original);
    expect(out.started_at).toBe(payload.started_at);
    expect(out.duration_s).toBe(78);
    expect(out.follow_up_due).toBe(payload.follow_up_due);
  });

  it('gives a non-data contact no caller fields', () => {
    const out = keepUnchanged({ ...payload, kind: 'non_data' }, before, before, original);
    expect(out.caller_region).toBeUndefined();
  });
});

describe('the correction route', () => {
  it('round-trips', () => {
    expect(parseRoute('#/contacts/abc/correct')).toEqual({ name: 'contactCorrect', id: 'abc' });
    expect(hrefFor({ name: 'contactCorrect', id: 'abc' })).toBe('#/contacts/abc/correct');
    expect(parseRoute('#/contacts/abc')).toEqual({ name: 'contact', id: 'abc' });
  });
});
