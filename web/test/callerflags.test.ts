import { beforeAll, describe, expect, it } from 'vitest';
import { flagExpiresAt, flagExpiryRange, withFlag, withoutFlag } from '../src/contacts/callerFlags';

beforeAll(() => {
  process.env.TZ = 'Europe/Amsterdam';
});

describe('flag expiry', () => {
  const today = new Date(2026, 10, 30, 15, 0); // 30 Nov 2026, local time

  it('defaults to 90 days and allows tomorrow to two years from today', () => {
    expect(flagExpiryRange(today)).toEqual({ min: '2026-12-01', max: '2028-11-30', initial: '2027-02-28' });
  });

  it('ends at the close of the chosen local day', () => {
    expect(flagExpiresAt('2027-02-28', today)).toBe(new Date(2027, 1, 28, 23, 59).toISOString());
  });

  it('refuses today, the past, more than two years, and text that is not a day', () => {
    expect(flagExpiresAt('2026-11-30', today)).toBeNull();
    expect(flagExpiresAt('2025-01-01', today)).toBeNull();
    expect(flagExpiresAt('2028-12-01', today)).toBeNull();
    expect(flagExpiresAt('', today)).toBeNull();
    expect(flagExpiresAt('2027-02-31', today)).toBeNull();
    expect(flagExpiresAt('2028-11-30', today)).not.toBeNull();
  });

  it('stays within the server’s two years from a leap day', () => {
    const leap = new Date(2028, 1, 29, 9, 0);
    const { max } = flagExpiryRange(leap);
    const until = Date.parse(flagExpiresAt(max, leap) ?? '');
    expect(until - leap.getTime()).toBeLessThanOrEqual(2 * 366 * 24 * 3600 * 1000);
  });
});

describe('flag lists', () => {
  const flags = [
    { flag: 'abusive', expires_at: '2027-01-01T00:00:00Z' },
    { flag: 'at_risk', expires_at: '2027-02-01T00:00:00Z' },
  ];

  it('replaces the expiry of a flag set again', () => {
    const next = withFlag(flags, { flag: 'abusive', expires_at: '2027-06-01T00:00:00Z' });
    expect(next).toHaveLength(2);
    expect(next.find((f) => f.flag === 'abusive')?.expires_at).toBe('2027-06-01T00:00:00Z');
  });

  it('adds a new flag and removes one', () => {
    expect(withFlag(flags, { flag: 'known_case', expires_at: 'x' }).map((f) => f.flag)).toEqual([
      'abusive',
      'at_risk',
      'known_case',
    ]);
    expect(withoutFlag(flags, 'abusive').map((f) => f.flag)).toEqual(['at_risk']);
  });
});
