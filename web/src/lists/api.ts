// The read side of contacts: filtered lists, the CSV export, supervision and statistics.
// Only codes, dates and opaque ids travel in these URLs, never personal data.
import type { ApiClient } from '../api/client';
import { downloadFile } from '../api/download';
import type { CaseStats, Contact, ContactPage, ContactStats } from '../api/types';
import { currentUiLanguage } from '../i18n';

/** Filter codes of the contact list; empty strings are "any". */
export interface ContactFilter {
  from: string; // <input type="date"> values (local days)
  to: string;
  channel: string;
  kind: string;
  status: string; // '' (final and one's own drafts), 'final', 'draft', 'any'
  category: string;
  caller_type: string;
  caller_country: string;
  destination_country: string;
  exploitation: string;
  outcome: string;
  follow_up: string; // '', due, overdue, open, none
  imminent_danger: string; // '', 'true', 'false'
  consultant: string; // '' or the id of the user who logged the contact (GET /api/v1/users)
}

export const emptyFilter: ContactFilter = {
  from: '',
  to: '',
  channel: '',
  kind: '',
  status: '',
  category: '',
  caller_type: '',
  caller_country: '',
  destination_country: '',
  exploitation: '',
  outcome: '',
  follow_up: '',
  imminent_danger: '',
  consultant: '',
};

const codeFilterKeys = [
  'channel',
  'kind',
  'status',
  'category',
  'caller_type',
  'caller_country',
  'destination_country',
  'exploitation',
  'outcome',
  'follow_up',
  'imminent_danger',
] as const satisfies readonly (keyof ContactFilter)[];

/** Filters that take an opaque user id (32 hex digits) rather than a code. */
const idFilterKeys = ['consultant'] as const satisfies readonly (keyof ContactFilter)[];

/** The filter's codes (and dates) as query parameters; from/to become RFC 3339 instants. */
export function filterParams(
  filter: ContactFilter,
  toInstant: (day: string, end: boolean) => string | null,
): URLSearchParams {
  const params = new URLSearchParams();
  const from = toInstant(filter.from, false);
  const to = toInstant(filter.to, true);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  for (const key of [...codeFilterKeys, ...idFilterKeys]) {
    if (filter[key] !== '') params.set(key, filter[key]);
  }
  return params;
}

/** The filter as it may appear in the address bar: codes, dates and user ids only. */
export function filterToHash(filter: ContactFilter): string {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', ...codeFilterKeys, ...idFilterKeys] as const) {
    if (filter[key] !== '') params.set(key, filter[key]);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const codeShaped = /^[A-Za-z0-9_-]{1,64}$/;
const dayShaped = /^\d{4}-\d{2}-\d{2}$/;
const idShaped = /^[0-9a-f]{32}$/;

/**
 * Reads a filter back from the address; anything that is not code-, date- or (for a user)
 * id-shaped is dropped.
 */
export function filterFromHash(query: string): ContactFilter {
  const params = new URLSearchParams(query);
  const filter = { ...emptyFilter };
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key) ?? '';
    if (dayShaped.test(v)) filter[key] = v;
  }
  for (const key of codeFilterKeys) {
    const v = params.get(key) ?? '';
    if (codeShaped.test(v)) filter[key] = v;
  }
  for (const key of idFilterKeys) {
    const v = params.get(key) ?? '';
    if (idShaped.test(v)) filter[key] = v;
  }
  return filter;
}

/** A contact in a supervision list; follow-ups carry whether they are due or overdue. */
export type SupervisionItem = Contact & { follow_up_state?: 'due' | 'overdue' };

export interface SupervisionList {
  items: SupervisionItem[];
}

export type { ContactStats } from '../api/types';
export type { CaseStats } from '../api/types';

/**
 * The numbers of a chart (a suppressed count drawn as 0) and, when any count is suppressed, what
 * its table shows instead: "<11" for a suppressed count, the number for the others.
 */
export function chartCounts(counts: (number | null)[], below = 11): { values: number[]; display?: string[] } {
  const values = counts.map((n) => n ?? 0);
  if (counts.every((n) => n !== null)) return { values };
  return { values, display: counts.map((n) => (n === null ? `<${String(below)}` : String(n))) };
}

export function listContactsFiltered(
  api: ApiClient,
  params: URLSearchParams,
  cursor: string | null,
  limit = 50,
): Promise<ContactPage> {
  const p = new URLSearchParams(params);
  p.set('limit', String(limit));
  if (cursor) p.set('cursor', cursor);
  return api.request<ContactPage>('GET', `/api/v1/contacts?${p.toString()}`);
}

export function supervisionToday(api: ApiClient): Promise<SupervisionList> {
  // Minutes east of UTC: getTimezoneOffset() counts the other way.
  const offset = -new Date().getTimezoneOffset();
  return api.request<SupervisionList>('GET', `/api/v1/supervision/today?tz_offset_minutes=${offset}`);
}

export function supervisionFollowUps(api: ApiClient): Promise<SupervisionList> {
  return api.request<SupervisionList>('GET', '/api/v1/supervision/follow-ups');
}

export function supervisionStaleDrafts(api: ApiClient, hours: number): Promise<SupervisionList> {
  return api.request<SupervisionList>(
    'GET',
    `/api/v1/supervision/stale-drafts?older_than_hours=${String(hours)}`,
  );
}

export function markFollowUpDone(api: ApiClient, id: string): Promise<void> {
  return api.request<void>('POST', `/api/v1/contacts/${encodeURIComponent(id)}/follow-up-done`);
}

export function contactStats(
  api: ApiClient,
  from: string,
  to: string,
  granularity: string,
): Promise<ContactStats> {
  const p = new URLSearchParams({ from, to, granularity });
  return api.request<ContactStats>('GET', `/api/v1/stats/contacts?${p.toString()}`);
}

/**
 * The export's query: the list's filters, the labels in the UI's language (`lang`) and the local
 * times in the browser's time zone (`tz`, an IANA name; left out when the browser has none).
 */
export function exportQuery(params: URLSearchParams, lang: string, timeZone: string | undefined): URLSearchParams {
  const query = new URLSearchParams(params);
  query.set('lang', lang);
  if (timeZone && /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(timeZone)) query.set('tz', timeZone);
  return query;
}

/**
 * Downloads the CSV export with the session cookie and hands it to the browser as a file.
 * Resolves with the number of rows.
 */
export async function downloadExport(params: URLSearchParams, baseUrl = ''): Promise<number> {
  const query = exportQuery(params, currentUiLanguage(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const response = await downloadFile(`${baseUrl}/api/v1/contacts/export.csv?${query.toString()}`, 'strada-contacts.csv');
  return Number(response.headers.get('X-Strada-Rows') ?? '0');
}

/** Downloads the case figures (every month since the first case) as CSV or XLSX. */
export async function downloadCaseStats(format: 'csv' | 'xlsx', baseUrl = ''): Promise<void> {
  await downloadFile(`${baseUrl}/api/v1/stats/cases.${format}`, `strada-case-stats.${format}`);
}

export const statsDimensions = [
  'category',
  'caller_type',
  'channel',
  'destination_country',
  'exploitation',
  'non_data_type',
  'outcome',
] as const;

/** The code list each statistics dimension takes its labels from. */
export function listOfDimension(dimension: string): string {
  return dimension === 'destination_country' ? 'country' : dimension;
}

/** The case figures: every case, opened per year, with the coded breakdowns. */
export function caseStats(api: ApiClient): Promise<CaseStats> {
  return api.request<CaseStats>('GET', '/api/v1/stats/cases');
}

export const caseStatsDimensions = [
  'status',
  'referral_source',
  'gender',
  'age_band',
  'citizenship',
  'trafficking_status',
  'exploitation',
  'in_proceedings',
  'inclusion',
  'service_type',
  'closure_outcome',
] as const;
