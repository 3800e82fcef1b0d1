// Dates, numbers and periods follow the UI language, whatever the browser's own locale is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime, formatNumber, formatPeriod, uiLocale } from '../src/format';
import { initI18n, setUiLanguage } from '../src/i18n';

describe('format', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterAll(async () => {
    await setUiLanguage('en');
  });

  it('uses the locale of the UI language', async () => {
    expect(uiLocale()).toBe('en-GB');
    expect(formatPeriod('2026-11')).toBe('Nov 2026');
    expect(formatPeriod('2026-11-30')).toBe('30 Nov 2026');
    expect(formatNumber(12345)).toBe('12,345');
    await setUiLanguage('nl');
    expect(formatPeriod('2026-11')).toBe('nov 2026');
    expect(formatNumber(12345)).toBe('12.345');
    await setUiLanguage('ro');
    expect(formatPeriod('2026-11')).toMatch(/^nov\.? 2026$/);
    await setUiLanguage('en');
  });

  it('leaves what it cannot read as it came', () => {
    expect(formatPeriod('2026-W48')).toBe('2026-W48');
    expect(formatPeriod('2026')).toBe('2026');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
