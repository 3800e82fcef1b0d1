// Caller flags as data: the last day a supervisor may choose, its instant, and the caller's
// active flags after a change. Pure functions, unit-tested.
import type { CallerFlag } from '../api/types';
import { dateTimeLocalToRfc3339 } from './form';

/** A new flag lasts this many days unless the supervisor chooses otherwise. */
const defaultFlagDays = 90;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * The last days a flag may have (local calendar, for <input type="date">): from tomorrow to two
 * years from today (the server allows a little more than two years), and the default.
 */
export function flagExpiryRange(today = new Date()) {
  const y = today.getFullYear();
  const m = today.getMonth();
  const d = today.getDate();
  return {
    min: isoDay(new Date(y, m, d + 1)),
    max: isoDay(new Date(y + 2, m, d)),
    initial: isoDay(new Date(y, m, d + defaultFlagDays)),
  };
}

/** The end of the chosen last day as an RFC 3339 instant, or null when the day is not allowed. */
export function flagExpiresAt(day: string, today = new Date()): string | null {
  const { min, max } = flagExpiryRange(today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day < min || day > max) return null;
  return dateTimeLocalToRfc3339(`${day}T23:59`);
}

/** The flags with `flag` set (a flag set again replaces its expiry). */
export function withFlag(flags: CallerFlag[], flag: CallerFlag): CallerFlag[] {
  return [...flags.filter((f) => f.flag !== flag.flag), flag];
}

export function withoutFlag(flags: CallerFlag[], flag: string): CallerFlag[] {
  return flags.filter((f) => f.flag !== flag);
}
