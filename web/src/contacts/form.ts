// Conversion between the "Log a contact" form and the API payload. Pure functions, unit-tested.
import type { ContactInput } from '../api/types';

/** What the form holds: the raw strings of its inputs. */
export interface ContactFormValues {
  channel: string;
  startedAt: string; // <input type="datetime-local"> value, local time: "2026-11-30T14:05"
  durationMinutes: string;
  callerType: string;
  anonymous: boolean;
  language: string;
  summary: string;
}

/** Names of the payload fields; the server's error.field uses the same names. */
export type ContactField = keyof ContactInput;

export type PayloadResult =
  | { ok: true; payload: ContactInput }
  | { ok: false; field: ContactField; messageKey: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Date as a datetime-local value in the browser's time zone, to the minute. */
export function toDateTimeLocal(date: Date): string {
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** A datetime-local value (local wall time) as an RFC 3339 UTC instant, or null if invalid. */
export function dateTimeLocalToRfc3339(value: string): string | null {
  const m = localDateTime.exec(value.trim());
  if (!m) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((part: string | undefined) => Number(part ?? 0));
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  // Reject impossible dates (2026-02-31) that Date would silently roll over.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.toISOString();
}

/** A date input value ("2026-11-30") as the RFC 3339 instant of local midnight at its start. */
export function dayStartRfc3339(value: string): string | null {
  return value === '' ? null : dateTimeLocalToRfc3339(`${value}T00:00`);
}

/** A date input value as the RFC 3339 instant of the last millisecond of that local day. */
export function dayEndRfc3339(value: string): string | null {
  return value === '' ? null : dateTimeLocalToRfc3339(`${value}T23:59:59.999`);
}

/** Minutes typed by a person ("12", "1.5", "1,5") as whole seconds, or null if not a duration. */
export function minutesToSeconds(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const seconds = Math.round(Number(trimmed) * 60);
  return Number.isSafeInteger(seconds) ? seconds : null;
}

/**
 * Checks what only the browser can check (empty or unreadable inputs) and builds the payload.
 * Limits such as the maximum duration are the server's to enforce; its 400 names the field.
 */
export function toPayload(values: ContactFormValues): PayloadResult {
  if (values.channel === '') return { ok: false, field: 'channel', messageKey: 'log.chooseChannel' };
  const startedAt = dateTimeLocalToRfc3339(values.startedAt);
  if (startedAt === null) {
    return { ok: false, field: 'started_at', messageKey: 'log.startedInvalid' };
  }
  const duration = minutesToSeconds(values.durationMinutes);
  if (duration === null) {
    return { ok: false, field: 'duration_s', messageKey: 'log.durationInvalid' };
  }
  if (values.callerType === '') {
    return { ok: false, field: 'caller_type', messageKey: 'log.chooseCallerType' };
  }
  if (values.language === '') {
    return { ok: false, field: 'language', messageKey: 'log.chooseLanguage' };
  }
  const payload: ContactInput = callFields(values, startedAt, duration);
  if (values.summary.trim() !== '') payload.summary = values.summary;
  return { ok: true, payload };
}

/** The fields of a data contact that say how the call came and who called, once checked. */
export function callFields(values: ContactFormValues, startedAt: string, duration: number) {
  return {
    channel: values.channel,
    started_at: startedAt,
    duration_s: duration,
    caller_type: values.callerType,
    anonymous: values.anonymous,
    language: values.language,
  };
}
