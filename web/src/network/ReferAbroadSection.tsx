// "Refer abroad" on a case: the person referred to another member of the network. The worker
// chooses the member, the services, the urgency and deadline, and field by field what travels;
// the preview shows exactly that before it is sent. The server refuses it (409 consent_required)
// without the person's consent to share with members, and the form then says what to do.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import type { CaseRecord } from '../cases/api';
import { codeLabel } from '../codes/labels';
import { DisclosureButton } from '../components/DisclosureButton';
import { StatusRegion } from '../components/StatusRegion';
import { CodeCheckList, CodeChoice, Section, TextInput } from '../cases/fields';
import { useCaseForm } from '../cases/useCaseForm';
import { useLoaded } from '../cases/useLoaded';
import { useT } from '../i18n';
import type { NetworkReferral } from '../../generated/schema';
import { blankDraft, defaultAnswerBy, draftProblem, previewPacket, referralBody, referralFields, type ReferralDraft, type ReferralField, type Urgency } from './referrals';

interface Receiver {
  code: string;
  name: string;
  country: string;
}

interface Props {
  api: ApiClient;
  codes: CodeLists;
  record: CaseRecord;
  onChanged: () => void;
}

const urgencies: Urgency[] = ['routine', 'urgent', 'emergency'];

/** The form's name of a field the server names. */
const formFields: Record<string, string> = {
  answer_by: 'answerBy',
  needs_summary: 'needsSummary',
  'partner.name': 'partnerName',
  'partner.country': 'partnerCountry',
};
const formFieldOf = (field: string) => formFields[field] ?? field;

/** A value of the preview: a code by its label, text as it is. */
function shown(codes: CodeLists, field: ReferralField, value: string): string {
  if (field === 'gender' || field === 'age_band') return codeLabel(codes, field, value);
  return value;
}

export function ReferAbroadSection({ api, codes, record, onChanged }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const receivers = useLoaded(() => api.request<{ items: Receiver[] }>('GET', '/api/v1/referrals/receivers'), []);
  const form = useCaseForm<ReferralDraft>('network-referral', blankDraft, formFieldOf);
  const draft = form.values;
  const preview = previewPacket(record, draft);
  const members = receivers.value?.items ?? [];

  async function send() {
    const problem = draftProblem(draft);
    if (problem !== null) return form.invalid(formFieldOf(problem[0]), t(problem[1]));
    let refused = false;
    const sent = await form.send(
      async () => {
        try {
          await api.request<NetworkReferral>('POST', '/api/v1/referrals', { body: referralBody(record.id, draft) });
        } catch (err) {
          refused = err instanceof ApiError && err.code === 'consent_required';
          throw err;
        }
      },
      { done: t('referrals.form.sent', { member: draft.receiver }) },
    );
    if (sent) {
      form.setValues(blankDraft());
      onChanged();
    } else if (refused) {
      form.setNotice({ kind: 'error', text: t('referrals.form.consentRequired') });
    }
  }

  const toggleField = (field: ReferralField, on: boolean) =>
    form.set('fields')(on ? [...draft.fields, field] : draft.fields.filter((f) => f !== field));

  return (
    <Section id="case-network-referral" title={t('referrals.form.title')}>
      <p class="muted">{t('referrals.form.intro')}</p>
      <DisclosureButton class="secondary" controls="network-referral-form" open={open} setOpen={setOpen}>
        {t('referrals.form.open')}
      </DisclosureButton>
      <StatusRegion notice={receivers.notice ?? form.notice} />
      {open && (
        <form id="network-referral-form" onSubmit={form.onSubmit(() => void send())} noValidate aria-label={t('referrals.form.title')}>
          {receivers.value !== null && members.length === 0 && <p>{t('referrals.form.noMembers')}</p>}
          <div class="field">
            <label for="network-referral-receiver">{t('referrals.form.receiver')}</label>
            <select
              id="network-referral-receiver"
              value={draft.receiver}
              aria-invalid={form.error?.field === 'receiver' ? true : undefined}
              onChange={(e) => form.set('receiver')(e.currentTarget.value)}
            >
              <option value="">{t('log.choose')}</option>
              {members.map((m) => (
                <option key={m.code} value={m.code}>
                  {t('referrals.form.member', { name: m.name, code: m.code, country: m.country })}
                </option>
              ))}
            </select>
            {form.error?.field === 'receiver' && <p class="field-error">{form.error.text}</p>}
          </div>
          <CodeCheckList {...form.bind('services', t('referrals.form.services'))} codes={codes} list="referral_service" />
          <div class="field">
            <label for="network-referral-urgency">{t('referrals.form.urgency')}</label>
            <select
              id="network-referral-urgency"
              value={draft.urgency}
              onChange={(e) => {
                form.set('urgency')(e.currentTarget.value as Urgency);
                form.set('answerBy')('');
              }}
            >
              {urgencies.map((u) => (
                <option key={u} value={u}>
                  {codeLabel(codes, 'referral_urgency', u)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="network-referral-answerBy">{t('referrals.form.answerBy')}</label>
            <input
              id="network-referral-answerBy"
              type="datetime-local"
              value={draft.answerBy === '' ? defaultAnswerBy(draft.urgency, Date.now()) : draft.answerBy}
              aria-describedby="network-referral-answerBy-hint"
              aria-invalid={form.error?.field === 'answerBy' ? true : undefined}
              onInput={(e) => form.set('answerBy')(e.currentTarget.value)}
            />
            <p id="network-referral-answerBy-hint" class="hint">
              {t('referrals.form.answerByHint')}
            </p>
            {form.error?.field === 'answerBy' && <p class="field-error">{form.error.text}</p>}
          </div>
          <fieldset class="checks" id="network-referral-fields">
            <legend>{t('referrals.form.fields')}</legend>
            <div class="checks-grid">
              {referralFields.map((f) => (
                <label key={f} class="check">
                  <input type="checkbox" checked={draft.fields.includes(f)} onChange={(e) => toggleField(f, e.currentTarget.checked)} />
                  {t(`referrals.fields.${f}`)}
                </label>
              ))}
            </div>
            {form.error?.field === 'fields' && <p class="field-error">{form.error.text}</p>}
          </fieldset>
          {draft.fields.includes('location') && (
            <TextInput {...form.bind('location', t('referrals.fields.location'))} max={500} />
          )}
          {draft.fields.includes('needs_summary') && (
            <TextInput {...form.bind('needsSummary', t('referrals.fields.needs_summary'))} kind="textarea" max={2000} />
          )}
          <TextInput {...form.bind('note', t('referrals.form.note'))} kind="textarea" max={2000} />
          <fieldset class="field-group">
            <legend>{t('referrals.form.partner')}</legend>
            <p class="hint">{t('referrals.form.partnerHint')}</p>
            <TextInput {...form.bind('partnerName', t('referrals.form.partnerName'))} max={200} />
            <CodeChoice {...form.bind('partnerCountry', t('referrals.form.partnerCountry'))} codes={codes} list="country" />
          </fieldset>
          <h3 id="network-referral-preview">{t('referrals.form.preview')}</h3>
          {preview.length === 0 ? (
            <p class="muted">{t('referrals.form.previewNone')}</p>
          ) : (
            <dl aria-labelledby="network-referral-preview" class="referral-preview">
              {preview.map((row) => (
                <div key={row.field}>
                  <dt>{t(`referrals.fields.${row.field}`)}</dt>
                  <dd>{row.value === '' ? <span class="muted">{t('referrals.form.empty')}</span> : shown(codes, row.field, row.value)}</dd>
                </div>
              ))}
            </dl>
          )}
          <p class="muted">{t('referrals.form.previewNote')}</p>
          <button type="submit" aria-disabled={form.busy}>
            {t('referrals.form.send')}
          </button>
        </form>
      )}
    </Section>
  );
}
