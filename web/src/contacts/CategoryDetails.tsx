// What the chosen category asks about (danger, destination, forms of exploitation, assistance,
// referrals, follow-up); sectors and indicators wait behind a disclosure, as few calls need them.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { CheckField, FormField } from '../components/FormField';
import { useT } from '../i18n';
import { AgencyPicker } from './AgencyPicker';
import { CodeChecks } from './CodeToggles';
import { describeField, inputIds } from './fieldIds';
import { CodeCheckGroup, CodeChoice, FieldErrorText, type FormBinding } from './formBinding';
import { sectionsFor, toggled } from './hotline';

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
      <CodeChecks
        id={inputIds[field] ?? field}
        legend={t(`hotline.${field}`)}
        list={list}
        codes={form.codes}
        value={chosen}
        onToggle={(code) => form.set(field, toggled(chosen, code))}
      />
      <FieldErrorText field={field} error={form.fieldError} />
    </details>
  );
}

function FollowUp({ form }: { form: FormBinding }) {
  const t = useT();
  const { values, set, fieldError } = form;
  return (
    <div class="grid">
      <CheckField
        label={t('hotline.followUp')}
        checked={values.followUpNeeded}
        onChange={(on) => set('followUpNeeded', on)}
        {...describeField('follow_up_needed', fieldError)}
      />
      {values.followUpNeeded && (
        <FormField
          inputId={inputIds.follow_up_due}
          label={t('hotline.followUpDue')}
          error={<FieldErrorText field="follow_up_due" error={fieldError} />}
        >
          <input
            type="date"
            value={values.followUpDue}
            onInput={(e) => set('followUpDue', e.currentTarget.value)}
            {...describeField('follow_up_due', fieldError)}
          />
        </FormField>
      )}
    </div>
  );
}

export function CategoryDetails({ form, api, agencyNames, onAgencies }: Props) {
  const t = useT();
  const { values, set, fieldError } = form;
  const shown = sectionsFor(values.category);
  if (shown.size === 0) return null;
  return (
    <div class="category-details">
      {shown.has('imminent_danger') && (
        <CheckField
          label={t('hotline.imminentDanger')}
          tone="danger"
          checked={values.imminentDanger}
          onChange={(on) => set('imminentDanger', on)}
          {...describeField('imminent_danger', fieldError)}
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
  const { values, set, fieldError } = form;
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
      <FormField
        inputId={inputIds.summary}
        label={t('log.summary')}
        hint={{ id: 'contact-summary-hint', text: t('log.summaryHint') }}
        error={<FieldErrorText field="summary" error={fieldError} />}
      >
        <textarea
          rows={5}
          value={values.summary}
          onInput={(e) => set('summary', e.currentTarget.value)}
          {...describeField('summary', fieldError, 'contact-summary-hint')}
        />
      </FormField>
    </>
  );
}
