// The partner-agency directory API (docs/openapi.yaml, tag "agencies"). Search text travels in
// the query string: it is an agency's name, never a person's details. Agency types and services
// are the code lists agency_type and agency_service of GET /api/v1/codes, with their labels.
import type { ApiClient } from '../api/client';
import type { Agency, AgencyPage } from '../api/types';

export type { Agency } from '../api/types';

/**
 * An agency as the form sends it. Types, services and languages are codes from the run-time
 * lists of GET /api/v1/codes, so they travel as strings rather than the contract's snapshot enums.
 */
export type AgencyInput = Omit<Agency, 'id' | 'type' | 'active' | 'updated_at' | 'updated_by' | 'version'> & {
  type: string;
};

export interface AgencyFilter {
  q: string;
  type: string;
  country: string;
}

export const emptyAgencyFilter: AgencyFilter = { q: '', type: '', country: '' };

const agencyPath = (id: string) => `/api/v1/agencies/${encodeURIComponent(id)}`;

export function listAgencies(api: ApiClient, filter: AgencyFilter, cursor: string | null, limit = 50): Promise<AgencyPage> {
  const params = new URLSearchParams();
  if (filter.q.trim() !== '') params.set('q', filter.q.trim());
  if (filter.type !== '') params.set('type', filter.type);
  if (filter.country !== '') params.set('country', filter.country);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return api.request<AgencyPage>('GET', `/api/v1/agencies?${params.toString()}`);
}

export function getAgency(api: ApiClient, id: string): Promise<Agency> {
  return api.request<Agency>('GET', agencyPath(id));
}

export function createAgency(api: ApiClient, input: AgencyInput): Promise<Agency> {
  return api.request<Agency>('POST', '/api/v1/agencies', { body: input });
}

export function updateAgency(api: ApiClient, id: string, input: AgencyInput & { version: number }): Promise<Agency> {
  return api.request<Agency>('PUT', agencyPath(id), { body: input });
}

export function deactivateAgency(api: ApiClient, id: string): Promise<void> {
  return api.request<void>('DELETE', agencyPath(id));
}

/** "nl, en" -> ["nl", "en"]: trimmed, lower-case, no empties. */
export function splitCodes(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}
