// The cases API (docs/openapi.yaml, tags "clients" and "cases"): clients with their sealed person
// and coded fields, and the case of each with its sections. A person's details travel only in
// request bodies (POST search, never a query string), so no access log or address holds them.
// Codes travel as strings: the lists come from GET /api/v1/codes at run time.
import type { ApiClient } from '../api/client';

/** The sealed part of a client: only roles that may read it get it (else null). */
export interface Person {
  full_name: string;
  other_names: string[];
  birth_date: string;
  phones: string[];
  email: string;
  address: string;
  id_documents: string;
}

/** The coded, reportable part of a client (HTCDS 2.0 codes). */
export interface Coded {
  gender?: string;
  birth_year?: number | null;
  age_band?: string;
  citizenships?: string[];
  primary_language?: string;
  education?: string;
  trafficking_status?: string;
  status_decided_by?: string;
  relationship_to_trafficker?: string;
  age_when_trafficked?: number | null;
  recruitment_methods?: string[];
  control_methods?: string[];
  exploitation_types?: string[];
  industries?: string[];
  countries_origin?: string[];
  countries_transit?: string[];
  countries_exploitation?: string[];
}

export interface Client {
  id: string;
  client_code: string;
  person: Person | null;
  coded: Coded;
  possible_duplicates?: string[];
  version: number;
  created_at?: string;
}

export interface ClientInput {
  person: Person;
  coded: Coded;
}

export interface SearchQuery {
  client_code?: string;
  full_name?: string;
  birth_date?: string;
  phone?: string;
}

export interface SearchMatch {
  client_id: string;
  client_code: string;
  matched_on: string[];
  case: { id: string; status: string } | null;
}

export interface UserRef {
  id: string;
  name: string;
}

export interface CaseSummary {
  id: string;
  case_code: string;
  client_code: string;
  status: string;
  assigned_to: UserRef | null;
  opened_on: string;
  updated_at: string;
}

export interface Referral {
  source_type: string;
  agency_id?: string | null;
  referred_on: string;
}

export interface StatusChange {
  from?: string | null;
  to: string;
  at: string;
  by?: string | UserRef | null;
  reason?: string | null;
}

export interface PendingApproval {
  kind: string; // "plan" | "closure"
  requested_by: string | UserRef;
  requested_at?: string;
  reason?: string | null;
  outcome?: string | null;
}

export interface CaseRecord {
  id: string;
  case_code: string;
  client: { id: string; client_code: string; person: Person | null; coded: Coded };
  status: string;
  status_history: StatusChange[];
  reflection_period: { start: string; end: string } | null;
  assigned_to: UserRef | null;
  team: UserRef[];
  referral: Referral;
  linked_contacts: unknown[];
  plan_status: string;
  closure: { reason: string; outcome: string; approved_by?: string | UserRef | null } | null;
  pending_approval: PendingApproval | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface CaseFilter {
  /** "me", a user id, or "" for every case the user may see. */
  assigned_to: string;
  status: string;
}

export interface StatusMove {
  to: string;
  version: number;
  reason?: string;
  outcome?: string;
  reflection_start?: string;
  reflection_end?: string;
}

const casePath = (id: string, rest = '') => `/api/v1/cases/${encodeURIComponent(id)}${rest}`;

export function searchClients(api: ApiClient, query: SearchQuery): Promise<{ matches: SearchMatch[] }> {
  return api.request('POST', '/api/v1/clients/search', { body: query });
}

export function createClient(api: ApiClient, input: ClientInput): Promise<Client> {
  return api.request('POST', '/api/v1/clients', { body: input });
}

export function getClient(api: ApiClient, id: string): Promise<Client> {
  return api.request('GET', `/api/v1/clients/${encodeURIComponent(id)}`);
}

export function openCase(
  api: ApiClient,
  input: { client_id: string; referral: Referral; contact_ids?: string[]; assigned_to?: string },
): Promise<CaseRecord> {
  return api.request('POST', '/api/v1/cases', { body: input });
}

/** The query string of a case list: only the filters that narrow it, then paging. */
export function caseListParams(filter: CaseFilter, cursor: string | null, limit = 50): string {
  const params = new URLSearchParams();
  if (filter.assigned_to !== '') params.set('assigned_to', filter.assigned_to);
  if (filter.status !== '') params.set('status', filter.status);
  params.set('limit', String(limit));
  if (cursor !== null) params.set('cursor', cursor);
  return params.toString();
}

export function listCases(api: ApiClient, filter: CaseFilter, cursor: string | null): Promise<Page<CaseSummary>> {
  return api.request('GET', `/api/v1/cases?${caseListParams(filter, cursor)}`);
}

export function getCase(api: ApiClient, id: string): Promise<CaseRecord> {
  return api.request('GET', casePath(id));
}

export function moveCase(api: ApiClient, id: string, move: StatusMove): Promise<CaseRecord> {
  return api.request('POST', casePath(id, '/status'), { body: move });
}

export function approveClosure(api: ApiClient, id: string, version: number): Promise<CaseRecord> {
  return api.request('POST', casePath(id, '/closure/approval'), { body: { version } });
}

export function linkContact(api: ApiClient, caseId: string, contactId: string): Promise<unknown> {
  return api.request('POST', casePath(caseId, '/contacts'), { body: { contact_id: contactId } });
}

/** A section of a case read and written whole (identification, needs, plan). */
export function getSection<T>(api: ApiClient, id: string, section: string): Promise<T> {
  return api.request('GET', casePath(id, `/${section}`));
}

export function putSection<T>(api: ApiClient, id: string, section: string, body: unknown): Promise<T> {
  return api.request('PUT', casePath(id, `/${section}`), { body });
}

/** A section of a case that is a list of entries added one by one (consents, services, notes). */
export function listEntries<T>(api: ApiClient, id: string, section: string): Promise<{ items: T[] }> {
  return api.request('GET', casePath(id, `/${section}`));
}

export function addEntry<T>(api: ApiClient, id: string, section: string, body: unknown): Promise<T> {
  return api.request('POST', casePath(id, `/${section}`), { body });
}

/** POST to an action of a case ("plan/submission", "plan/approval", "break-glass", ...). */
export function caseAction<T>(api: ApiClient, id: string, action: string, body: unknown = {}): Promise<T> {
  return api.request('POST', casePath(id, `/${action}`), { body });
}

/** A user's name from the server's reference (an object, or a bare id). */
export function refName(ref: string | UserRef | null | undefined): string {
  if (ref === null || ref === undefined) return '';
  return typeof ref === 'string' ? ref.slice(0, 8) : ref.name;
}
