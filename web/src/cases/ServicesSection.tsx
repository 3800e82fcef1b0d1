// Services delivered: type, provider (the organisation itself or a directory agency), dates,
// duration or amount, outcome. These are the figures behind "services delivered".
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { getAgencyName, type AgencyHit } from '../contacts/api';
import { useT } from '../i18n';
import { addEntry, listEntries, type CaseService } from './api';
import { badField, failureText } from './errors';
import { CodeChoice, Section, TextInput, type FieldError } from './fields';
import { lists } from './lists';
import { AgencyChoice, today } from './OpenCase';
import { useLoaded } from './useLoaded';

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

export function ServicesSection({ api, codes, caseId, mayWrite, onChanged }: { api: ApiClient; codes: CodeLists; caseId: string; mayWrite: boolean; onChanged: () => void }) {
  const t = useT();
  const loaded = useLoaded(() => listEntries<Service>(api, caseId, 'services'), [caseId]);
  const [form, setForm] = useState<ServiceForm>(blank);
  const [agency, setAgency] = useState<AgencyHit | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  // The providing agencies by name, once the directory answers.
  const [agencyNames, setAgencyNames] = useState<Record<string, string>>({});
  useEffect(() => {
    for (const sv of loaded.value?.items ?? []) {
      const id = sv.provider.agency_id;
      if (id === null || id in agencyNames) continue;
      getAgencyName(api, id).then((name) => setAgencyNames((n) => ({ ...n, [id]: name })), () => undefined);
    }
  }, [loaded.value]);
  const set = (key: keyof ServiceForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function add(e: Event) {
    e.preventDefault();
    if (busy) return;
    const checked = serviceBody(form, agency);
    if (!checked.ok) {
      setError({ field: checked.field, text: t(checked.key) });
      setNotice({ kind: 'error', text: t(checked.key) });
      document.getElementById(`service-${checked.field}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addEntry(api, caseId, 'services', checked.body);
      setForm(blank());
      setAgency(null);
      setNotice({ kind: 'success', text: t('cases.services.added') });
      loaded.reload();
      onChanged();
    } catch (err) {
      const text = failureText(t, err);
      const field = badField(err);
      if (field !== '') setError({ field, text: text ?? '' });
      if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const items = loaded.value?.items ?? [];
  return (
    <Section id="case-services" title={t('cases.services.title')}>
      <StatusRegion notice={loaded.notice ?? notice} />
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
        <form onSubmit={(e) => void add(e)} noValidate aria-label={t('cases.services.add')}>
          <div class="grid">
            <CodeChoice id="service-type" name="type" label={t('cases.services.type')} codes={codes} list={lists.serviceType} value={form.type} error={error} onValue={set('type')} />
            <TextInput id="service-started_on" name="started_on" kind="date" label={t('cases.services.startedOn')} value={form.started_on} error={error} onValue={set('started_on')} />
            <TextInput id="service-ended_on" name="ended_on" kind="date" label={t('cases.services.endedOn')} value={form.ended_on} error={error} onValue={set('ended_on')} />
            <TextInput id="service-duration_minutes" name="duration_minutes" kind="number" label={t('cases.services.minutes')} value={form.duration_minutes} error={error} onValue={set('duration_minutes')} />
            <TextInput id="service-amount" name="amount" kind="number" label={t('cases.services.amount')} value={form.amount} error={error} onValue={set('amount')} />
            <CodeChoice id="service-outcome" name="outcome" label={t('cases.services.outcome')} codes={codes} list={lists.serviceOutcome} value={form.outcome} error={error} onValue={set('outcome')} />
          </div>
          <AgencyChoice api={api} id="service-agency" label={t('cases.services.provider')} value={agency} onValue={setAgency} />
          <button type="submit" class="secondary" aria-disabled={busy}>
            {t('cases.services.add')}
          </button>
        </form>
      )}
    </Section>
  );
}
