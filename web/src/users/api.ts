// The organisation's users as colleagues see them (docs/openapi.yaml, tag "users"): to filter
// the contact list by consultant and to name who logged a contact. No e-mail addresses.
import type { ApiClient } from '../api/client';
import type { OrgUser } from '../api/types';

export function listUsers(api: ApiClient): Promise<OrgUser[]> {
  return api.request<{ items: OrgUser[] }>('GET', '/api/v1/users').then((page) => page.items);
}

/** Names by user id, for tables that show who logged a contact. */
export function namesById(users: readonly OrgUser[]): Map<string, string> {
  return new Map(users.map((u) => [u.id, u.name]));
}

/** Who logged a contact: the user's name, or the start of their id when the name is not known. */
export function authorName(names: ReadonlyMap<string, string>, id: string): string {
  return names.get(id) ?? id.slice(0, 8);
}
