// The supervisor's list of referrals made without the person's consent, newest first: who
// overrode, when, for which case and to whom. The reasons stay on each case (sealed there).
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import type { CaseReferral, CaseReferralList } from './api';
import { Section } from './fields';
import { ReferralEntries, referralTarget } from './ReferralsSection';
import { useLoaded } from './useLoaded';

export function ConsentOverrides({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const loaded = useLoaded(() => api.request<CaseReferralList>('GET', '/api/v1/consent-overrides'), []);
  const items = loaded.value?.items ?? [];
  return (
    <Section id="consent-overrides" title={t('cases.overrides.title')}>
      <StatusRegion notice={loaded.notice} />
      <ReferralEntries items={items} loaded={loaded.value !== null} none={t('cases.overrides.none')} render={(o) => <OverrideItem key={o.id} codes={codes} referral={o} />} />
    </Section>
  );
}

/** One override: the case (a link), to whom, who overrode and when, and the kind of share. */
function OverrideItem({ codes, referral: o }: { codes: CodeLists; referral: CaseReferral }) {
  const t = useT();
  const at = o.override ? formatDateTime(o.override.at) : '';
  return (
    <li>
      <a href={hrefFor({ name: 'case', id: o.case_id })} class="mono">
        {o.case_code}
      </a>{' '}
      · {t('cases.overrides.entry', { target: referralTarget(o), name: o.override?.by.name ?? '', at })}
      {o.share_kind && ` · ${codeLabel(codes, 'share_with_kind', o.share_kind)}`}
    </li>
  );
}
