// The hotline side of contacts: drafts, changes, repeat callers, safety plans, referral agencies.
// A caller identifier only ever travels in a POST body, never in a URL.
import type { ApiClient } from '../api/client';
import type { Agency, CallerFlag, CallerLookup, Contact, SafetyPlan } from '../api/types';
import type { HotlinePayload } from './hotline';

export type { EarlierContact } from '../api/types';

export const safetyPlanFields = [
  'risks',
  'options',
  'safe_contacts',
  'code_word',
  'documents',
  'emergency_numbers',
  'notes',
] as const;
type SafetyPlanField = (typeof safetyPlanFields)[number];
/** The plan as the form holds it: every field, empty when not written. */
export type SafetyPlanInput = Record<SafetyPlanField, string>;

/** What the referral picker shows of an agency. */
export type AgencyHit = Pick<Agency, 'id' | 'name' | 'type' | 'city'>;

const contactPath = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

export function createContact(api: ApiClient, input: HotlinePayload) {
  return api.request<Contact>('POST', '/api/v1/contacts', { body: input });
}

export function updateContact(api: ApiClient, id: string, input: HotlinePayload, version: number) {
  return api.request<Contact>('PUT', contactPath(id), { body: { ...input, version } });
}

/** Deletes the caller's own draft: 204; 404 when it is not their draft; 409 once it is finished. */
export function discardContact(api: ApiClient, id: string) {
  return api.request<void>('DELETE', contactPath(id));
}

export async function listMyDrafts(api: ApiClient): Promise<Contact[]> {
  const page = await api.request<{ items: Contact[] }>('GET', '/api/v1/contacts/drafts');
  return page.items;
}

export function lookupCaller(api: ApiClient, callerIdentifier: string) {
  return api.request<CallerLookup>('POST', '/api/v1/callers/lookup', {
    body: { caller_identifier: callerIdentifier },
  });
}

/** Sets `flag` on the caller until `expiresAt` (RFC 3339); setting it again replaces the expiry. */
export function flagCaller(api: ApiClient, callerIdentifier: string, flag: string, expiresAt: string) {
  return api.request<CallerFlag>('POST', '/api/v1/callers/flags', {
    body: { caller_identifier: callerIdentifier, flag, expires_at: expiresAt },
  });
}

/** Removes `flag` from the caller (a POST, so the identifier stays out of the URL). */
export function unflagCaller(api: ApiClient, callerIdentifier: string, flag: string) {
  return api.request<void>('POST', '/api/v1/callers/flags/delete', {
    body: { caller_identifier: callerIdentifier, flag },
  });
}

export function getSafetyPlan(api: ApiClient, contactId: string) {
  return api.request<SafetyPlan>('GET', `${contactPath(contactId)}/safety-plan`);
}

/** Creates the plan, or changes it when `version` is given. */
export function saveSafetyPlan(api: ApiClient, contactId: string, plan: SafetyPlanInput, version?: number) {
  const path = `${contactPath(contactId)}/safety-plan`;
  return version === undefined
    ? api.request<SafetyPlan>('POST', path, { body: plan })
    : api.request<SafetyPlan>('PUT', path, { body: { ...plan, version } });
}

export async function searchAgencies(api: ApiClient, text: string, limit = 8): Promise<AgencyHit[]> {
  const params = new URLSearchParams({ q: text, limit: String(limit) });
  const page = await api.request<{ items: Agency[] }>('GET', `/api/v1/agencies?${params.toString()}`);
  return page.items;
}

export async function getAgencyName(api: ApiClient, id: string): Promise<string> {
  const agency = await api.request<Agency>('GET', `/api/v1/agencies/${encodeURIComponent(id)}`);
  return agency.name;
}
