// A partner agency's home screen (issue 8, section 2): the intake form to refer a person, and the
// agency's own referrals by case code and stage. Made for a phone: one column, large controls,
// every field labelled and tied to its error. Nothing typed comes back from the server.
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { DataTable } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import '../cases/cases.css';
import { CodeChoice, SectionNotice, TextInput } from '../cases/fields';
import { lists } from '../cases/lists';
import { today } from '../cases/OpenCase';
import { useCaseForm } from '../cases/useCaseForm';
import { useLoaded } from '../cases/useLoaded';
import { listReferrals, submitReferral, type PartnerReferral, type PartnerReferralInput } from './api';

interface Values {
  full_name: string;
  other_names: string;
  birth_date: string;
  phone: string;
  primary_language: string;
  gender: string;
  reason: string;
  person_agreed: boolean;
  referred_on: string;
}

const empty = (): Values => ({
  full_name: '',
  other_names: '',
  birth_date: '',
  phone: '',
  primary_language: '',
  gender: '',
  reason: '',
  person_agreed: false,
  referred_on: today(),
});

/** The server names nested fields ("person.full_name", "person.phones[0]"): the form's own name. */
const formField = (serverField: string) =>
  serverField.startsWith('person.phones') ? 'phone' : serverField.replace(/^(person|coded)\./, '').replace(/\[\d+\].*$/, '');

function toInput(v: Values): PartnerReferralInput {
  return {
    person: {
      full_name: v.full_name.trim(),
      other_names: v.other_names.split(',').map((s) => s.trim()).filter((s) => s !== ''),
      birth_date: v.birth_date,
      phones: v.phone.trim() === '' ? [] : [v.phone.trim()],
    },
    coded: { gender: v.gender, primary_language: v.primary_language },
    reason: v.reason,
    person_agreed: v.person_agreed,
    referred_on: v.referred_on,
  };
}

export function PartnerIntakePage({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const form = useCaseForm<Values>('referral', empty, formField);
  const referrals = useLoaded(() => listReferrals(api), []);

  function save() {
    if (form.values.full_name.trim() === '') return form.invalid('full_name', t('partner.form.needName'));
    if (form.values.reason.trim() === '') return form.invalid('reason', t('partner.form.needReason'));
    if (!form.values.person_agreed) return form.invalid('person_agreed', t('partner.form.needAgreement'));
    void form.send(
      async () => {
        const made = await submitReferral(api, toInput(form.values));
        form.setValues(empty());
        referrals.setValue([made, ...(referrals.value ?? [])]);
      },
      { saving: t('log.saving'), done: t('partner.form.sent') },
    );
  }

  const agreedWrong = form.error?.field === 'person_agreed';
  return (
    <section class="page partner-page">
      <PageHeading title={t('partner.title')} />
      <p class="hint">{t('partner.intro')}</p>
      <form class="client-form partner-form" onSubmit={form.onSubmit(save)} noValidate aria-label={t('partner.form.title')}>
        <fieldset>
          <legend>{t('partner.form.person')}</legend>
          <TextInput {...form.bind('full_name', t('partner.form.full_name'))} max={200} />
          <TextInput {...form.bind('other_names', t('partner.form.other_names'))} hint={t('partner.form.otherNamesHint')} />
          <TextInput {...form.bind('birth_date', t('partner.form.birth_date'))} kind="date" />
          <TextInput {...form.bind('phone', t('partner.form.phone'))} kind="tel" />
          <CodeChoice {...form.bind('primary_language', t('partner.form.primary_language'))} codes={codes} list={lists.language} />
          <CodeChoice {...form.bind('gender', t('partner.form.gender'))} codes={codes} list={lists.gender} />
        </fieldset>
        <fieldset>
          <legend>{t('partner.form.referral')}</legend>
          <TextInput {...form.bind('reason', t('partner.form.reason'))} kind="textarea" max={2000} hint={t('partner.form.reasonHint')} />
          <TextInput {...form.bind('referred_on', t('partner.form.referred_on'))} kind="date" />
          <div class="field">
            <label class="check">
              <input
                id="referral-person_agreed"
                type="checkbox"
                checked={form.values.person_agreed}
                aria-invalid={agreedWrong ? true : undefined}
                aria-describedby={agreedWrong ? 'referral-person_agreed-hint referral-person_agreed-error' : 'referral-person_agreed-hint'}
                onChange={(e) => form.set('person_agreed')(e.currentTarget.checked)}
              />
              {t('partner.form.person_agreed')}
            </label>
            <p id="referral-person_agreed-hint" class="hint">
              {t('partner.form.agreementHint')}
            </p>
            {agreedWrong && (
              <p id="referral-person_agreed-error" class="field-error">
                {form.error?.text}
              </p>
            )}
          </div>
        </fieldset>
        <SectionNotice notice={form.notice} conflict={false} onReload={() => undefined} />
        <button type="submit" class="primary" aria-disabled={form.busy}>
          {form.busy ? t('log.saving') : t('partner.form.submit')}
        </button>
      </form>
      <h2 id="partner-referrals">{t('partner.list.title')}</h2>
      <StatusRegion notice={referrals.notice} />
      {referrals.value !== null && referrals.value.length === 0 && <p>{t('partner.list.none')}</p>}
      {referrals.value !== null && referrals.value.length > 0 && (
        <DataTable<PartnerReferral>
          name={t('partner.list.title')}
          labelledBy="partner-referrals"
          rows={referrals.value}
          rowKey={(r) => r.case_code}
          columns={[
            { header: t('partner.list.case'), cell: (r) => <span class="mono">{r.case_code}</span> },
            { header: t('partner.list.client'), cell: (r) => <span class="mono">{r.client_code}</span> },
            { header: t('partner.list.referredOn'), cell: (r) => r.referred_on },
            { header: t('partner.list.status'), cell: (r) => codeLabel(codes, lists.caseStatus, r.status) },
            { header: t('partner.list.accepted'), cell: (r) => (r.accepted ? t('partner.list.yes') : t('partner.list.waiting')) },
          ]}
        />
      )}
    </section>
  );
}
