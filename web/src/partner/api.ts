// A partner agency's intake form and its own referrals (docs/openapi.yaml, /api/v1/partner-referrals).
// The answers hold case codes and stages only: never the name the partner typed.
import type { PartnerReferral, PartnerReferralInput, PartnerReferralList } from '../../generated/schema';
import type { ApiClient } from '../api/client';

export type { PartnerReferral, PartnerReferralInput };

export function submitReferral(api: ApiClient, input: PartnerReferralInput): Promise<PartnerReferral> {
  return api.request('POST', '/api/v1/partner-referrals', { body: input });
}

export function listReferrals(api: ApiClient): Promise<PartnerReferral[]> {
  return api.request<PartnerReferralList>('GET', '/api/v1/partner-referrals').then((page) => page.items);
}
