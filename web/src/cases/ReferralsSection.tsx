// Outgoing referrals: the person referred to an agency of the directory. A referral shares the
// person's data, so the server refuses it without a consent to share in force (409
// consent_required); the form then says so, and a supervisor may override with a stated reason.
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import type { AgencyHit } from '../contacts/api';
import { useT } from '../i18n';
import type { CaseReferral } from './api';
import { Section, TextInput } from './fields';
import { lists } from './lists';
import { mayOverrideConsent } from './permissions';
import { AgencyChoice } from './OpenCase';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';
import type { CaseSectionProps } from './useSectionDoc';

interface ReferralForm {
  purpose: string;
  override_reason: string;
}

const blank = (): ReferralForm => ({ purpose: '', override_reason: '' });

/** Referrals, each shown by `render`; once loaded and empty, the `none` text. */
export function ReferralEntries(p: { items: CaseReferral[]; loaded: boolean; none: string; render: (r: CaseReferral) => JSX.Element }) {
  if (p.items.length === 0) return p.loaded ? <p class="muted">{p.none}</p> : null;
  return <ul class="case-entries">{p.items.map(p.render)}</ul>;
}

/** Who a referral went to, in words. */
export function referralTarget(r: CaseReferral): string {
  return r.target.kind === 'member' ? `${r.target.member_name ?? ''} (${r.target.member_country ?? ''})` : (r.target.agency_name ?? '');
}

export function ReferralsSection({ api, codes, caseId, mayWrite, user, onChanged }: CaseSectionProps & { user: User }) {
  const t = useT();
  const mayOverride = mayOverrideConsent(user);
  const loaded = useEntries<CaseReferral>(api, caseId, 'referrals', onChanged);
  const form = useCaseForm('referral', blank, (field) => (field === 'agency_id' || field === 'target' ? 'agency' : field));
  const [agency, setAgency] = useState<AgencyHit | null>(null);
  // Set once the server refused the referral for want of the person's consent.
  const [needsConsent, setNeedsConsent] = useState(false);

  async function refer() {
    if (agency === null) return form.invalid('agency', t('cases.referrals.needAgency'));
    if (form.values.purpose.trim() === '') return form.invalid('purpose', t('cases.referrals.needPurpose'));
    const overriding = needsConsent && mayOverride && form.values.override_reason.trim() !== '';
    const body = { agency_id: agency.id, purpose: form.values.purpose.trim(), ...(overriding ? { override_reason: form.values.override_reason.trim() } : {}) };
    let refused = false;
    const sent = await form.send(
      async () => {
        try {
          await loaded.add(body);
        } catch (err) {
          refused = err instanceof ApiError && err.code === 'consent_required';
          throw err;
        }
      },
      { done: overriding ? t('cases.referrals.overridden') : t('cases.referrals.referred') },
    );
    if (sent) {
      form.setValues(blank());
      setAgency(null);
      setNeedsConsent(false);
    } else if (refused) {
      setNeedsConsent(true);
      form.setNotice({ kind: 'error', text: t(mayOverride ? 'cases.referrals.consentRequiredOverride' : 'cases.referrals.consentRequired') });
    }
  }

  const items = loaded.items;
  return (
    <Section id="case-referrals" title={t('cases.referrals.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
      <ReferralEntries items={items} loaded={loaded.value !== null} none={t('cases.referrals.none')} render={(r) => <ReferralItem key={r.id} codes={codes} referral={r} />} />
      {mayWrite && loaded.failedWith !== 404 && (
        <form onSubmit={form.onSubmit(() => void refer())} noValidate aria-label={t('cases.referrals.add')}>
          <AgencyChoice api={api} id="referral-agency" label={t('cases.referrals.agency')} value={agency} onValue={setAgency} />
          <TextInput {...form.bind('purpose', t('cases.referrals.purpose'))} kind="textarea" max={2000} />
          {needsConsent && mayOverride && (
            <TextInput {...form.bind('override_reason', t('cases.referrals.overrideReason'))} kind="textarea" max={1000} />
          )}
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {needsConsent && mayOverride ? t('cases.referrals.override') : t('cases.referrals.add')}
          </button>
        </form>
      )}
    </Section>
  );
}

/** One referral: to whom, when, its status, under consent or overridden (and why), its purpose. */
function ReferralItem({ codes, referral: r }: { codes: CodeLists; referral: CaseReferral }) {
  const t = useT();
  return (
    <li>
      <strong>{referralTarget(r)}</strong>
      {r.target.agency_type && ` (${codeLabel(codes, 'agency_type', r.target.agency_type)})`} · {r.referred_on} ·{' '}
      {codeLabel(codes, lists.referralStatus, r.status)} ·{' '}
      {r.override ? t('cases.referrals.withoutConsent', { name: r.override.by.name }) : t('cases.referrals.underConsent')}
      {r.override?.reason && <span class="muted"> · {t('cases.referrals.reason', { reason: r.override.reason })}</span>}
      {r.purpose !== null && <div>{r.purpose}</div>}
    </li>
  );
}
