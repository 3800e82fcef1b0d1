import { describe, expect, it } from 'vitest';
import { emptyFilter, filterFromHash, filterParams, filterToHash } from '../src/lists/api';
import { presetRange } from '../src/components/StatsPage';

describe('contact list filters in the address', () => {
  it('round-trips codes and dates', () => {
    const filter = { ...emptyFilter, from: '2026-01-01', category: 'tip', channel: 'phone', follow_up: 'overdue' };
    const hash = filterToHash(filter);
    expect(hash).toBe('?from=2026-01-01&channel=phone&category=tip&follow_up=overdue');
    expect(filterFromHash(hash.slice(1))).toEqual(filter);
  });

  it('is empty without filters', () => {
    expect(filterToHash(emptyFilter)).toBe('');
  });

  it('drops anything that is not code- or date-shaped', () => {
    const f = filterFromHash('category=tip&channel=%3Cscript%3E&from=yesterday&consultant=abc&summary=hello');
    expect(f).toEqual({ ...emptyFilter, category: 'tip' });
  });

  it('round-trips a consultant by user id, after the codes', () => {
    const consultant = '0123456789abcdef0123456789abcdef';
    const filter = { ...emptyFilter, category: 'tip', consultant };
    const hash = filterToHash(filter);
    expect(hash).toBe(`?category=tip&consultant=${consultant}`);
    expect(filterFromHash(hash.slice(1))).toEqual(filter);
    const params = filterParams(filterFromHash(hash.slice(1)), () => null);
    expect(params.get('consultant')).toBe(consultant);
    expect(params.toString()).toBe(`category=tip&consultant=${consultant}`);
  });

  it('drops a consultant that is not a user id', () => {
    for (const bad of ['abc', 'anna@example.org', '0123456789ABCDEF0123456789ABCDEF', `${'a'.repeat(32)}0`]) {
      const query = new URLSearchParams({ consultant: bad, channel: 'phone' }).toString();
      expect(filterFromHash(query)).toEqual({ ...emptyFilter, channel: 'phone' });
    }
    expect(filterParams(emptyFilter, () => null).has('consultant')).toBe(false);
  });

  it('sends dates as instants and codes as they are', () => {
    const params = filterParams({ ...emptyFilter, from: '2026-02-01', to: '2026-02-28', outcome: 'referred' },
      (day, end) => (day === '' ? null : `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z`));
    expect(params.toString()).toBe(
      'from=2026-02-01T00%3A00%3A00.000Z&to=2026-02-28T23%3A59%3A59.999Z&outcome=referred',
    );
  });
});

describe('statistics periods', () => {
  const today = new Date(2026, 10, 30); // 30 November 2026, local time
  it('this month by day', () => {
    expect(presetRange('this_month', today)).toEqual({ from: '2026-11-01', to: '2026-11-30', granularity: 'day' });
  });
  it('this year by month', () => {
    expect(presetRange('this_year', today)).toEqual({ from: '2026-01-01', to: '2026-11-30', granularity: 'month' });
  });
  it('the last twelve months from the first of the month', () => {
    expect(presetRange('last_12_months', today)).toEqual({
      from: '2025-12-01',
      to: '2026-11-30',
      granularity: 'month',
    });
  });
});
