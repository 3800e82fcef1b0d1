// The organisation's flagged callers, for supervisors: one page at a time, and removing a flag by
// the list's opaque caller reference. The caller's identifier is never sent nor received here.
import type { ApiClient } from '../api/client';
import type { FlaggedCaller, FlaggedCallerPage } from '../api/types';

export type { FlaggedCaller, FlaggedCallerPage } from '../api/types';

const flaggedCallersPageSize = 50;

export function listFlaggedCallers(api: ApiClient, cursor?: string | null): Promise<FlaggedCallerPage> {
  const params = new URLSearchParams({ limit: String(flaggedCallersPageSize) });
  if (cursor) params.set('cursor', cursor);
  return api.request<FlaggedCallerPage>('GET', `/api/v1/callers/flags?${params.toString()}`);
}

/** Removes one flag of the caller a row of the list names. */
export function removeFlagByRef(api: ApiClient, callerRef: string, flag: string): Promise<void> {
  return api.request<void>('POST', '/api/v1/callers/flags/delete', {
    body: { caller_ref: callerRef, flag },
  });
}

/** The rows of `page` after those already shown, without a row shown twice. */
export function appendPage(shown: FlaggedCaller[], page: FlaggedCaller[]): FlaggedCaller[] {
  const key = (f: FlaggedCaller) => `${f.caller_ref}\u0000${f.flag}`;
  const seen = new Set(shown.map(key));
  return [...shown, ...page.filter((f) => !seen.has(key(f)))];
}

/** The rows without the flag just removed. */
export function withoutRow(shown: FlaggedCaller[], removed: FlaggedCaller): FlaggedCaller[] {
  return shown.filter((f) => !(f.caller_ref === removed.caller_ref && f.flag === removed.flag));
}
