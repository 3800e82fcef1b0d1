// The cases API (docs/openapi.yaml, tags "clients" and "cases"): clients with their sealed person
// and coded fields, and the case of each with its sections. A person's details travel only in
// request bodies (POST search, never a query string), so no access log or address holds them.
// Codes travel as strings: the lists come from GET /api/v1/codes at run time.
import type { ApiClient } from '../api/client';
import type {
  Case as CaseRecord,
  CaseInput,
  CasePage,
  CaseStatusChange as StatusMove,
  CaseTimeline,
  CaseAttachment as CaseDocument,
  CaseAttachmentList as CaseDocumentList,
  Client,
  ClientAccessHistory,
  ClientInput,
  ClientSearch as SearchQuery,
  ClientSearchResult,
  Consent,
  DuplicateFlag,
  PendingApprovalList,
  UserRef,
} from '../../generated/schema';

export type {
  ClientPerson as Person, // the sealed part of a client: only roles that may read it get it (else null)
  IdDocument,
  ClientCoded as Coded, // the coded, reportable part of a client (HTCDS 2.0 codes)
  Client,
  ClientInput,
  ClientSearch as SearchQuery,
  UserRef,
  CaseListItem as CaseSummary,
  CasePage,
  Referral,
  CaseInput,
  Case as CaseRecord,
  CaseStatusChange as StatusMove,
  Consent,
  ConsentInput,
  CaseNote,
  CaseService,
  CaseIdentification,
  CaseNeeds,
  CasePlan,
  PlanGoal,
  CaseAttachment as CaseDocument,
  CaseAttachmentList as CaseDocumentList,
  CaseProceeding,
  CaseFollowUp,
  InclusionOutcome,
  DuplicateFlag,
  MergedClient,
  CaseReferral,
  CaseReferralList,
} from '../../generated/schema';
export type SearchMatch = ClientSearchResult['matches'][number];
export type TimelineEntry = CaseTimeline['entries'][number];
export type AccessEntry = ClientAccessHistory['entries'][number];
export type PendingApproval = PendingApprovalList['items'][number];

export interface CaseFilter {
  /** "me", a user id, or "" for every case the user may see. */
  assigned_to: string;
  status: string;
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

/** Erases the person: their key is destroyed; the coded fields stay. */
export function eraseClient(api: ApiClient, id: string, body: { reason: string; confirm_client_code: string }): Promise<Client> {
  return api.request('POST', `/api/v1/clients/${encodeURIComponent(id)}/erasure`, { body });
}

export function updateClient(api: ApiClient, id: string, input: ClientInput & { version: number }): Promise<Client> {
  return api.request('PUT', `/api/v1/clients/${encodeURIComponent(id)}`, { body: input });
}

export function openCase(api: ApiClient, input: CaseInput): Promise<CaseRecord> {
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

export function listCases(api: ApiClient, filter: CaseFilter, cursor: string | null): Promise<CasePage> {
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

/** What waits for a supervisor's approval: plans, closures or both ("any"). */
export function pendingApprovals(api: ApiClient, kind: 'plan' | 'closure' | 'any'): Promise<{ items: PendingApproval[] }> {
  return api.request('GET', `/api/v1/approvals?kind=${kind}`);
}

/** A colleague's name, or "" when there is none. */
export function refName(ref: UserRef | null | undefined): string {
  return ref?.name ?? '';
}

/** Flags `clientId` and `otherId` as possibly the same person, for a supervisor. */
export function flagDuplicate(api: ApiClient, clientId: string, otherId: string): Promise<DuplicateFlag> {
  const body = { other_client_id: otherId, reason: 'flagged_by_worker' };
  return api.request('POST', `/api/v1/clients/${encodeURIComponent(clientId)}/duplicate-flags`, { body });
}

/** The possible duplicate clients a supervisor reviews (open flags, oldest first). */
export function openDuplicateFlags(api: ApiClient): Promise<{ items: DuplicateFlag[] }> {
  return api.request('GET', '/api/v1/duplicate-flags?status=open');
}

/** Merges the other client of the flag into `survivorId`, or dismisses the flag (not the same person). */
export function resolveDuplicateFlag(api: ApiClient, flagId: string, survivorId: string | null): Promise<DuplicateFlag> {
  const path = `/api/v1/duplicate-flags/${encodeURIComponent(flagId)}`;
  if (survivorId === null) return api.request('POST', `${path}/dismiss`, { body: {} });
  return api.request('POST', `${path}/merge`, { body: { survivor_id: survivorId } });
}

export function accessHistory(api: ApiClient, clientId: string): Promise<{ entries: AccessEntry[] }> {
  return api.request('GET', `/api/v1/clients/${encodeURIComponent(clientId)}/access`);
}

export function withdrawConsent(api: ApiClient, caseId: string, consentId: string): Promise<Consent> {
  return api.request('POST', casePath(caseId, `/consents/${encodeURIComponent(consentId)}/withdrawal`), { body: {} });
}

export function listDocuments(api: ApiClient, id: string): Promise<CaseDocumentList> {
  return api.request('GET', casePath(id, '/documents'));
}

/** Uploads `file` as the case's document; the title travels percent-encoded in a header, never in the address. */
export function uploadDocument(
  api: ApiClient,
  id: string,
  file: Blob,
  title: string,
  kind: string,
  onProgress: (fraction: number) => void,
): Promise<CaseDocument> {
  const headers = { 'X-Strada-Document-Title': encodeURIComponent(title), 'X-Strada-Document-Kind': kind };
  return api.upload(casePath(id, '/documents'), file, headers, onProgress);
}

export const documentContentPath = (id: string, documentId: string) =>
  casePath(id, `/documents/${encodeURIComponent(documentId)}/content`);

export function withdrawDocument(api: ApiClient, id: string, documentId: string): Promise<CaseDocument> {
  return api.request('DELETE', casePath(id, `/documents/${encodeURIComponent(documentId)}`));
}
