import { currentUiLanguage } from './i18n';

export function formatDateTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(currentUiLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Seconds as whole minutes, rounded up so a 20-second call does not show as 0. */
export function durationMinutes(seconds: number): number {
  return Math.ceil(seconds / 60);
}
