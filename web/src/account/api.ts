// The calls of one's own sign-in security and of the users' administration (docs/openapi.yaml,
// tags session and users; docs/security.md).
import type { components } from '../../generated/schema';
import type { ApiClient } from '../api/client';
import type { Session } from '../api/types';

export type SecondFactorStatus = components['schemas']['SecondFactorStatus'];
export type SecondFactorEnrolment = components['schemas']['SecondFactorEnrolment'];
export type MySession = components['schemas']['MySession'];
export type ManagedUser = components['schemas']['ManagedUser'];
export type ManagedUserList = components['schemas']['ManagedUserList'];

export const accountApi = {
  /** The code of a session at stage "code". A 401 is a wrong code, not an ended session. */
  enterCode: (api: ApiClient, code: string) =>
    api.request<Session>('POST', '/api/v1/session/second-factor', { body: { code }, needsSession: false }),
  status: (api: ApiClient) => api.request<SecondFactorStatus>('GET', '/api/v1/me/second-factor'),
  startEnrolment: (api: ApiClient) =>
    api.request<SecondFactorEnrolment>('POST', '/api/v1/me/second-factor/enrolment', { body: {} }),
  confirm: (api: ApiClient, code: string) =>
    api.request<Session>('POST', '/api/v1/me/second-factor', { body: { code } }),
  renewRecoveryCodes: (api: ApiClient, code: string) =>
    api.request<{ recovery_codes: string[] }>('POST', '/api/v1/me/second-factor/recovery-codes', { body: { code } }),
  changePassword: (api: ApiClient, current_password: string, new_password: string) =>
    api.request<Session>('POST', '/api/v1/me/password', { body: { current_password, new_password } }),
  sessions: (api: ApiClient) => api.request<{ items: MySession[] }>('GET', '/api/v1/me/sessions'),
  endSession: (api: ApiClient, id: string) =>
    api.request<void>('DELETE', `/api/v1/me/sessions/${encodeURIComponent(id)}`),
  users: (api: ApiClient) => api.request<ManagedUserList>('GET', '/api/v1/admin/users'),
  resetPassword: (api: ApiClient, id: string) =>
    api.request<{ temporary_password: string; sessions_ended: number }>(
      'POST',
      `/api/v1/admin/users/${encodeURIComponent(id)}/password-reset`,
      { body: {} },
    ),
  resetSecondFactor: (api: ApiClient, id: string) =>
    api.request<{ sessions_ended: number }>('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/second-factor-reset`, {
      body: {},
    }),
  setRule: (api: ApiClient, all: boolean) =>
    api.request<{ second_factor_all: boolean }>('PUT', '/api/v1/admin/second-factor-rule', { body: { all } }),
};

export type RetentionKind = components['schemas']['RetentionKind'];
export type RetentionAction = components['schemas']['RetentionAction'];
export type RetentionRuleInput = components['schemas']['RetentionRuleInput'];
export type RetentionRules = components['schemas']['RetentionRules'];
export type RetentionPreview = components['schemas']['RetentionPreview'];

/** The organisation's retention rules (docs/security.md, Retention). */
export const retentionApi = {
  rules: (api: ApiClient) => api.request<RetentionRules>('GET', '/api/v1/admin/retention'),
  save: (api: ApiClient, rules: RetentionRuleInput[]) =>
    api.request<RetentionRules>('PUT', '/api/v1/admin/retention', { body: { rules } }),
  preview: (api: ApiClient) => api.request<RetentionPreview>('GET', '/api/v1/admin/retention/preview'),
};

/** The actions a rule of `kind` may take, the first the default. */
export function retentionActions(kind: RetentionKind): RetentionAction[] {
  if (kind === 'contacts') return ['delete', 'deidentify'];
  if (kind === 'closed_cases') return ['deidentify'];
  return ['delete'];
}
