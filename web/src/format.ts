// Dates, numbers and statistics periods as the UI language writes them: one place that decides
// the locale, so no screen follows the browser's own format instead.
import { currentUiLanguage, languageLocale } from './i18n';

/** The BCP 47 locale of the UI language, for Intl formatters and collators (the i18n registry). */
export function uiLocale(): string {
  return languageLocale(currentUiLanguage());
}

function parsed(rfc3339: string): Date | null {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A moment, with its date and time of day (in the browser's time zone). */
export function formatDateTime(rfc3339: string): string {
  const date = parsed(rfc3339);
  if (date === null) return rfc3339;
  return new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The time of day of a moment, hours and minutes. */
export function formatTime(rfc3339: string): string {
  const date = parsed(rfc3339);
  if (date === null) return rfc3339;
  return new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'short' }).format(date);
}

/** A whole number with the UI language's digit grouping. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLocale()).format(n);
}

/**
 * A statistics period as GET /api/v1/stats/contacts names it ("2026-11-30", "2026-W48",
 * "2026-11", "2026"), written in the UI language; anything else as it came.
 */
export function formatPeriod(period: string): string {
  const utc = (y: string, m = '01', d = '01') => new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const format = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(uiLocale(), { ...options, timeZone: 'UTC' }).format(date);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return format(utc(m[1] ?? '', m[2], m[3]), { dateStyle: 'medium' });
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return format(utc(m[1] ?? '', m[2]), { year: 'numeric', month: 'short' });
  return period;
}

/** Seconds as whole minutes, rounded up so a 20-second call does not show as 0. */
export function durationMinutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}
