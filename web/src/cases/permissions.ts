// What the case screens offer, from the permissions the server lists in GET /api/v1/me (never
// from roles): one place that names the server's case permissions.
import type { User } from '../api/types';
import { can } from '../permissions';

export const mayListCases = (u: User) => can(u, 'case.list');
export const mayOpenCases = (u: User) => can(u, 'client.create') && can(u, 'case.create');
export const mayApprove = (u: User) => can(u, 'case.approve');
export const mayLinkContacts = (u: User) => can(u, 'client.search') && can(u, 'case.contact_link');
export const mayWorkCases = (u: User) => can(u, 'case.update');
export const mayBreakGlass = (u: User) => can(u, 'case.break_glass');
export const mayMergeClients = (u: User) => can(u, 'client.merge');
export const mayFlagDuplicates = (u: User) => can(u, 'client.create') && can(u, 'client.search');
export const mayErase = (u: User) => can(u, 'client.erase');
export const mayExportClient = (u: User) => can(u, 'client.export');
export const mayListMyTasks = (u: User) => can(u, 'task.list_mine');
export const maySeeAccessHistory = (u: User) => can(u, 'client.access_history');
export const mayWithdrawDocuments = (u: User) => can(u, 'case.document_withdraw');
export const mayOverrideConsent = (u: User) => can(u, 'consent.override');
/** The case list starts on "my cases" for those who work cases but do not oversee them all. */
export const mineByDefault = (u: User) => mayOpenCases(u) && !mayApprove(u);
