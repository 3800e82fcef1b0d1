// The case list's filter in the page address ("#/cases?assigned_to=me&status=intake"): a user id
// and a status code only, never personal data.
import type { CaseFilter } from './api';

/** "All cases" chosen on purpose, so the default ("my cases") does not come back. */
const everyone = 'all';

export function caseFilterFromQuery(query: string, mineByDefault: boolean): CaseFilter {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const worker = params.get('assigned_to');
  return {
    assigned_to: worker === null ? (mineByDefault ? 'me' : '') : worker === everyone ? '' : worker,
    status: params.get('status') ?? '',
  };
}

export function caseFilterToQuery(filter: CaseFilter): string {
  const params = new URLSearchParams();
  params.set('assigned_to', filter.assigned_to === '' ? everyone : filter.assigned_to);
  if (filter.status !== '') params.set('status', filter.status);
  return `?${params.toString()}`;
}
