// What the chosen category asks about (danger, destination, forms of exploitation, assistance,
// referrals, follow-up); sectors and indicators wait behind a disclosure, as few calls need them.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { useT } from '../i18n';
import { AgencyPicker } from './AgencyPicker';
import { BoundCheck, BoundInput, CodeCheckGroup, CodeChoice, FieldErrorText, type FormBinding } from './formBinding';
import { sectionsFor } from './hotline';

interface Props {
  form: FormBinding;
  api: ApiClient;
  agencyNames: Record<string, string>;
  onAgencies: (ids: string[], names: Record<string, string>) => void;
}

/** Codes of a multi-valued list few calls need, behind a disclosure that says how many are chosen. */
function CodeDisclosure({ form, field, list }: { form: FormBinding; field: 'industry' | 'indicators'; list: string }) {
  const t = useT();
  const chosen = form.values[field];
  const [open, setOpen] = useState(chosen.length > 0);
  return (
    <details class="more-codes" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {t(`hotline.${field}More`)}
        {chosen.length > 0 && ` – ${t('hotline.chosenCount', { count: chosen.length })}`}
      </summary>
      <CodeCheckGroup form={form} field={field} list={list} />
    </details>
  );
}

function FollowUp({ form }: { form: FormBinding }) {
  const t = useT();
  return (
    <div class="grid">
      <BoundCheck form={form} field="followUpNeeded" name="follow_up_needed" label={t('hotline.followUp')} />
      {form.values.followUpNeeded && (
        <BoundInput form={form} field="followUpDue" name="follow_up_due" label={t('hotline.followUpDue')}>
          {(bound) => <input type="date" {...bound} />}
        </BoundInput>
      )}
    </div>
  );
}

export function CategoryDetails({ form, api, agencyNames, onAgencies }: Props) {
  const t = useT();
  const { values, fieldError } = form;
  const shown = sectionsFor(values.category);
  if (shown.size === 0) return null;
  return (
    <div class="category-details">
      {shown.has('imminent_danger') && (
        <BoundCheck
          form={form}
          field="imminentDanger"
          name="imminent_danger"
          label={t('hotline.imminentDanger')}
          tone="danger"
        />
      )}
      {shown.has('safety_plan') && <p class="safety-plan-note">{t('safetyPlan.afterFinish')}</p>}
      {shown.has('destination') && (
        <div class="grid">
          <CodeChoice
            form={form}
            field="destinationCountry"
            list="country"
            name="destination_country"
            label={t('hotline.destinationCountry')}
          />
        </div>
      )}
      {shown.has('exploitation') && <CodeCheckGroup form={form} field="exploitation" list="exploitation" />}
      {shown.has('industry') && <CodeDisclosure form={form} field="industry" list="industry" />}
      {shown.has('indicators') && <CodeDisclosure form={form} field="indicators" list="indicator" />}
      {shown.has('assistance') && <CodeCheckGroup form={form} field="assistance" list="assistance" />}
      {shown.has('referrals') && (
        <>
          <AgencyPicker api={api} value={values.referralAgencyIds} names={agencyNames} onChange={onAgencies} />
          <FieldErrorText field="referral_agency_ids" error={fieldError} />
        </>
      )}
      {shown.has('follow_up') && <FollowUp form={form} />}
    </div>
  );
}

/** The data contact's last part: its outcome, more about the caller, and the summary. */
export function ClosingFields({ form }: { form: FormBinding }) {
  const t = useT();
  return (
    <>
      <div class="grid">
        <CodeChoice form={form} field="outcome" list="outcome" name="outcome" label={t('hotline.outcome')} />
      </div>
      <details class="more-caller">
        <summary>{t('hotline.moreAboutCaller')}</summary>
        <div class="grid">
          <CodeChoice form={form} field="callerGender" list="gender" name="caller_gender" label={t('hotline.callerGender')} />
          <CodeChoice form={form} field="callerAgeBand" list="age_band" name="caller_age_band" label={t('hotline.callerAgeBand')} />
          <CodeChoice form={form} field="callerCountry" list="country" name="caller_country" label={t('hotline.callerCountry')} />
        </div>
      </details>
      <BoundInput form={form} field="summary" name="summary" label={t('log.summary')} hint={t('log.summaryHint')}>
        {(bound) => <textarea rows={5} {...bound} />}
      </BoundInput>
    </>
  );
}
