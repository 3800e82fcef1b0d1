// Services delivered: type, provider (the organisation itself or a directory agency), dates,
// duration or amount, outcome. These are the figures behind "services delivered".
import { useEffect, useState } from 'preact/hooks';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { getAgencyName, type AgencyHit } from '../contacts/api';
import { useT } from '../i18n';
import type { CaseService } from './api';
import { CodeChoice, Section, TextInput } from './fields';
import { lists } from './lists';
import { AgencyChoice, today } from './OpenCase';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';
import type { CaseSectionProps } from './useSectionDoc';

type Service = CaseService;

interface ServiceForm {
  type: string;
  started_on: string;
  ended_on: string;
  duration_minutes: string;
  amount: string;
  outcome: string;
}

const blank = (): ServiceForm => ({ type: '', started_on: today(), ended_on: '', duration_minutes: '', amount: '', outcome: '' });

/** The body of POST /services, or the field to correct first. */
export function serviceBody(f: ServiceForm, agency: AgencyHit | null): { ok: true; body: object } | { ok: false; field: string; key: string } {
  if (f.type === '') return { ok: false, field: 'type', key: 'cases.services.needType' };
  if (f.ended_on !== '' && f.ended_on < f.started_on) return { ok: false, field: 'ended_on', key: 'cases.services.endBeforeStart' };
  const minutes = f.duration_minutes.trim() === '' ? null : Number(f.duration_minutes);
  if (minutes !== null && !(Number.isInteger(minutes) && minutes > 0)) {
    return { ok: false, field: 'duration_minutes', key: 'cases.services.badMinutes' };
  }
  const amount = f.amount.trim() === '' ? null : Number(f.amount);
  if (amount !== null && !(Number.isInteger(amount) && amount >= 0)) return { ok: false, field: 'amount', key: 'cases.services.badAmount' };
  return {
    ok: true,
    body: {
      type: f.type,
      provider: agency === null ? { own: true } : { agency_id: agency.id },
      started_on: f.started_on,
      ended_on: f.ended_on === '' ? null : f.ended_on,
      duration_minutes: minutes,
      amount,
      outcome: f.outcome === '' ? null : f.outcome,
    },
  };
}

export function ServicesSection({ api, codes, caseId, mayWrite, onChanged }: CaseSectionProps) {
  const t = useT();
  const loaded = useEntries<Service>(api, caseId, 'services', onChanged);
  const form = useCaseForm('service', blank);
  const [agency, setAgency] = useState<AgencyHit | null>(null);
  // The providing agencies by name, once the directory answers.
  const [agencyNames, setAgencyNames] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const sv of loaded.value?.items ?? []) {
      const id = sv.provider.agency_id;
      if (id === null || id in agencyNames) continue;
      getAgencyName(api, id).then((name) => setAgencyNames((n) => ({ ...n, [id]: name })), () => undefined);
    }
  }, [loaded.value]);
  function add() {
    const checked = serviceBody(form.values, agency);
    if (!checked.ok) {
      form.invalid(checked.field, t(checked.key));
      return;
    }
    void form.send(async () => {
      await loaded.add(checked.body);
      form.setValues(blank());
      setAgency(null);
    }, { done: t('cases.services.added') });
  }

  const items = loaded.items;
  return (
    <Section id="case-services" title={t('cases.services.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
      {loaded.value !== null && items.length === 0 && <p class="muted">{t('cases.services.none')}</p>}
      <ul class="case-entries">
        {items.map((sv) => (
          <li key={sv.id}>
            <strong>{codeLabel(codes, lists.serviceType, sv.type)}</strong> · {sv.started_on}
            {sv.ended_on ? ` – ${sv.ended_on}` : ''} ·{' '}
            {sv.provider.own ? t('cases.services.own') : (agencyNames[sv.provider.agency_id ?? ''] ?? t('cases.services.agency'))}
            {sv.duration_minutes !== null && ` · ${t('contacts.minutes', { count: sv.duration_minutes })}`}
            {sv.outcome && ` · ${codeLabel(codes, lists.serviceOutcome, sv.outcome)}`}
          </li>
        ))}
      </ul>
      {mayWrite && loaded.failedWith !== 404 && (
        <form onSubmit={form.onSubmit(add)} noValidate aria-label={t('cases.services.add')}>
          <div class="grid">
            <CodeChoice {...form.bind('type', t('cases.services.type'))} codes={codes} list={lists.serviceType} />
            <TextInput {...form.bind('started_on', t('cases.services.startedOn'))} kind="date" />
            <TextInput {...form.bind('ended_on', t('cases.services.endedOn'))} kind="date" />
            <TextInput {...form.bind('duration_minutes', t('cases.services.minutes'))} kind="number" />
            <TextInput {...form.bind('amount', t('cases.services.amount'))} kind="number" />
            <CodeChoice {...form.bind('outcome', t('cases.services.outcome'))} codes={codes} list={lists.serviceOutcome} />
          </div>
          <AgencyChoice api={api} id="service-agency" label={t('cases.services.provider')} value={agency} onValue={setAgency} />
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {t('cases.services.add')}
          </button>
        </form>
      )}
    </Section>
  );
}
