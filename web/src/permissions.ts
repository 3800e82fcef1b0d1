// What the signed-in user may do, exactly as the server lists it in GET /api/v1/me (the name of
// every permission its policy grants them). The UI offers an action or a screen only when the
// server would allow it, and never works that out from roles itself; the server still decides
// every request (403).
import type { User } from './api/types';

/** The server's permission names (policy::permissionName). */
export type Permission =
  | 'agency.edit'
  | 'agency.read'
  | 'agency.read_confidential_address'
  | 'caller.flag_write'
  | 'caller.lookup'
  | 'case.approve'
  | 'case.break_glass'
  | 'case.create'
  | 'case.contact_link'
  | 'case.document_withdraw'
  | 'case.list'
  | 'case.read'
  | 'case.update'
  | 'case_stats.export'
  | 'client.access_history'
  | 'client.create'
  | 'client.erase'
  | 'client.export'
  | 'client.merge'
  | 'client.search'
  | 'codes.read'
  | 'consent.override'
  | 'contact.create'
  | 'contact.drafts_read'
  | 'contact.export'
  | 'contact.list'
  | 'contact.read'
  | 'contact.read_sealed'
  | 'contact.update'
  | 'exports.standard'
  | 'knowledge.edit'
  | 'knowledge.read'
  | 'network.members_manage'
  | 'network.members_read'
  | 'network.overview_read'
  | 'network.publication_manage'
  | 'network.referrals_overdue'
  | 'network.referrals_work'
  | 'referral.list_own'
  | 'referral.submit'
  | 'reports.manage'
  | 'reports.read'
  | 'reports.settings'
  | 'retention.manage'
  | 'public_profile.manage'
  | 'news.manage'
  | 'site_pages.manage'
  | 'safety_plan.read'
  | 'safety_plan.write'
  | 'self.read'
  | 'self.security'
  | 'self.sessions'
  | 'stats.read'
  | 'supervision.act'
  | 'supervision.read'
  | 'task.list_mine'
  | 'trainings.manage'
  | 'trainings.read'
  | 'users.manage';

/** Whether the server grants `user` the permission `permission`. */
export function can(user: User | undefined, permission: Permission): boolean {
  return user !== undefined && user.permissions.includes(permission);
}
