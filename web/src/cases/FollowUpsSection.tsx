// Social-inclusion outcomes: where the person stands in each domain (housing, social protection,
// health care, education, employment), recorded with the closure request and at follow-ups after
// it. The outcomes are codes the network reports; a follow-up's note is sealed.
import type { CodeLists } from '../api/types';
import { codeLabel, codesInOrder } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { today } from './OpenCase';
import type { CaseFollowUp, InclusionOutcome } from './api';
import { CodeChoice, Section, TextInput, type FieldError } from './fields';
import { lists } from './lists';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';
import type { CaseSectionProps } from './useSectionDoc';

/** The outcome chosen per domain code ('' for none). */
export type OutcomeChoice = Record<string, string>;

/** The outcomes chosen, in the order of the domains' list. */
export function chosenOutcomes(codes: CodeLists, chosen: OutcomeChoice): InclusionOutcome[] {
  return codesInOrder(codes, lists.inclusionDomain)
    .filter((domain) => (chosen[domain] ?? '') !== '')
    .map((domain) => ({ domain, status: chosen[domain] ?? '' }));
}

/** `outcomes` in the order of the domains' list, as the forms show them. */
export function inListOrder(codes: CodeLists, outcomes: InclusionOutcome[]): InclusionOutcome[] {
  const order = codesInOrder(codes, lists.inclusionDomain);
  return [...outcomes].sort((a, b) => order.indexOf(a.domain) - order.indexOf(b.domain));
}

interface ChoicesProps {
  codes: CodeLists;
  idPrefix: string;
  legend: string;
  hint?: string;
  value: OutcomeChoice;
  error: FieldError | null;
  onValue: (v: OutcomeChoice) => void;
}

/** One outcome per domain, each a choice from the inclusion_status list. */
export function OutcomeChoices({ codes, idPrefix, legend, hint, value, error, onValue }: ChoicesProps) {
  return (
    <fieldset class="outcomes" id={`${idPrefix}-outcomes`} aria-describedby={hint ? `${idPrefix}-outcomes-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${idPrefix}-outcomes-hint`} class="hint">
          {hint}
        </p>
      )}
      <div class="grid">
        {codesInOrder(codes, lists.inclusionDomain).map((domain) => (
          <CodeChoice
            key={domain}
            id={`${idPrefix}-outcome-${domain}`}
            name={`outcome-${domain}`}
            label={codeLabel(codes, lists.inclusionDomain, domain)}
            codes={codes}
            list={lists.inclusionStatus}
            value={value[domain] ?? ''}
            error={error}
            onValue={(status) => onValue({ ...value, [domain]: status })}
          />
        ))}
      </div>
    </fieldset>
  );
}

/** The outcomes recorded, the latest first; the closure's among them. */
function FollowUpItems({ codes, items }: { codes: CodeLists; items: CaseFollowUp[] }) {
  const t = useT();
  if (items.length === 0) return <p class="muted">{t('cases.followUps.none')}</p>;
  const outcomeText = (o: InclusionOutcome) =>
    `${codeLabel(codes, lists.inclusionDomain, o.domain)}: ${codeLabel(codes, lists.inclusionStatus, o.status)}`;
  return (
    <ul class="case-entries">
      {items.map((f) => (
        <li key={f.id}>
          <strong>{t(f.kind === 'closure' ? 'cases.followUps.closure' : 'cases.followUps.followUp')}</strong> · {f.date}:{' '}
          {inListOrder(codes, f.outcomes).map(outcomeText).join('; ')}
          {f.note && <p class="entry-note">{f.note}</p>}
        </li>
      ))}
    </ul>
  );
}

interface FollowUpForm {
  date: string;
  outcomes: OutcomeChoice;
  note: string;
}

const blank = (): FollowUpForm => ({ date: today(), outcomes: {}, note: '' });

export function FollowUpsSection({ api, codes, caseId, mayWrite, onChanged, closureRequested }: CaseSectionProps & { closureRequested: boolean }) {
  const t = useT();
  const loaded = useEntries<CaseFollowUp>(api, caseId, 'follow-ups', onChanged);
  const form = useCaseForm<FollowUpForm>('follow-up', blank, (field) => (field.startsWith('outcomes') ? 'outcomes' : field));

  function add() {
    const outcomes = chosenOutcomes(codes, form.values.outcomes);
    if (form.values.date === '') {
      form.invalid('date', t('cases.followUps.needDate'));
      return;
    }
    if (outcomes.length === 0) {
      form.invalid('outcomes', t('cases.followUps.needOutcome'));
      return;
    }
    const note = form.values.note.trim();
    void form.send(async () => {
      await loaded.add({ date: form.values.date, outcomes, ...(note === '' ? {} : { note }) });
      form.setValues(blank());
    }, { done: t('cases.followUps.added') });
  }

  return (
    <Section id="case-follow-ups" title={t('cases.followUps.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
      {loaded.value !== null && <FollowUpItems codes={codes} items={loaded.items} />}
      {mayWrite && !closureRequested && <p class="muted">{t('cases.followUps.notYet')}</p>}
      {mayWrite && closureRequested && loaded.failedWith !== 404 && (
        <form onSubmit={form.onSubmit(add)} noValidate aria-label={t('cases.followUps.add')}>
          <TextInput {...form.bind('date', t('cases.followUps.date'))} kind="date" />
          <OutcomeChoices
            codes={codes}
            idPrefix="follow-up"
            legend={t('cases.followUps.outcomes')}
            value={form.values.outcomes}
            error={form.error}
            onValue={form.set('outcomes')}
          />
          {form.error?.field === 'outcomes' && (
            <p id="follow-up-outcomes-error" class="field-error">
              {form.error.text}
            </p>
          )}
          <TextInput {...form.bind('note', t('cases.followUps.note'))} kind="textarea" max={5000} />
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {t('cases.followUps.add')}
          </button>
        </form>
      )}
    </Section>
  );
}
