import { currentUiLanguage } from './i18n';

// Hotlines are European: English dates read day-month-year, 24-hour clock.
const formatLocales = { en: 'en-GB', nl: 'nl-NL', ro: 'ro-RO' } as const;

export function formatDateTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(formatLocales[currentUiLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Seconds as whole minutes, rounded up so a 20-second call does not show as 0. */
export function durationMinutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}
