// Court proceedings of the case (criminal, civil, labour, administrative): the person's role, the
// court, the case reference, the status and outcome, the hearings with the support given, and the
// compensation claimed and awarded. Each is recorded, then changed with the version it was read
// at: a stale change says so and offers to reload. The court's name, the reference and the
// hearings' notes are sealed; a role that may not read them sees the codes alone.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { getAgencyName, type AgencyHit } from '../contacts/api';
import { useT } from '../i18n';
import { putSection, type CaseProceeding } from './api';
import { CodeCheckList, CodeChoice, Section, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { AgencyChoice } from './OpenCase';
import { blankHearing, blankProceeding, proceedingBody, proceedingForm, type HearingForm, type ProceedingForm } from './proceedingForm';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';
import { useLoaded } from './useLoaded';
import type { CaseSectionProps } from './useSectionDoc';

// The server's names of the fields this form shows under another name.
const formNames: Record<string, string> = {
  'court.name': 'court_name',
  'court.agency_id': 'court_name',
  'compensation_claimed.amount': 'claimed_amount',
  'compensation_claimed.currency': 'claimed_currency',
  'compensation_awarded.amount': 'awarded_amount',
  'compensation_awarded.currency': 'awarded_currency',
};
const formField = (serverField: string) => formNames[serverField] ?? serverField;

export function ProceedingsSection({ api, codes, caseId, mayWrite, onChanged }: CaseSectionProps) {
  const t = useT();
  const loaded = useEntries<CaseProceeding>(api, caseId, 'proceedings', onChanged);
  // The proceeding being changed, 'new' while one is recorded, else null.
  const [editing, setEditing] = useState<CaseProceeding | 'new' | null>(null);
  const items = loaded.items;
  const [said, setSaid] = useState<string | null>(null);
  const done = (text: string) => {
    setEditing(null);
    setSaid(text);
    loaded.changed();
  };
  return (
    <Section id="case-proceedings" title={t('cases.proceedings.title')}>
      <StatusRegion notice={loaded.notice ?? (said === null ? null : { kind: 'success', text: said })} />
      {loaded.value !== null && items.length === 0 && <p class="muted">{t('cases.proceedings.none')}</p>}
      {items.some((p) => !p.text_visible) && <p class="muted">{t('cases.proceedings.sealedHidden')}</p>}
      <ul class="case-entries">
        {items.map((p) => (
          <li key={p.id}>
            <ProceedingSummary api={api} codes={codes} proceeding={p} />
            {mayWrite && p.text_visible && editing === null && (
              <button type="button" class="link-button" onClick={() => { setSaid(null); setEditing(p); }}>
                {t('cases.proceedings.edit')}
                <span class="visually-hidden"> {codeLabel(codes, lists.proceedingKind, p.kind)}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayWrite && loaded.failedWith !== 404 && editing === null && (
        <button type="button" class="secondary" onClick={() => { setSaid(null); setEditing('new'); }}>
          {t('cases.proceedings.newTitle')}
        </button>
      )}
      {mayWrite && editing !== null && (
        <ProceedingEditor
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          codes={codes}
          caseId={caseId}
          stored={editing === 'new' ? null : editing}
          onSaved={done}
          onClose={(reload) => {
            setEditing(null);
            if (reload) loaded.reload();
          }}
        />
      )}
    </Section>
  );
}

/** A directory agency by its name, once the directory answers. */
function AgencyName({ api, id }: { api: ApiClient; id: string }) {
  const name = useLoaded(() => getAgencyName(api, id), [id]);
  return <>{name.value ?? ''}</>;
}

function ProceedingSummary({ api, codes, proceeding: p }: { api: ApiClient; codes: CodeLists; proceeding: CaseProceeding }) {
  const t = useT();
  const label = (list: string, code: string) => codeLabel(codes, list, code);
  return (
    <>
      <strong>{label(lists.proceedingKind, p.kind)}</strong> · {t('cases.proceedings.asRole', { role: label(lists.proceedingRole, p.role) })} ·{' '}
      {label(lists.proceedingStatus, p.status)}
      {p.outcome && ` · ${label(lists.proceedingOutcome, p.outcome)}`}
      {(p.court.agency_id !== null || p.court.name !== null) && (
        <> · {p.court.agency_id !== null ? <AgencyName api={api} id={p.court.agency_id} /> : p.court.name}</>
      )}
      {p.reference && <span class="mono"> · {p.reference}</span>}
      {p.compensation_claimed && <> · {t('cases.proceedings.claimedAmount', p.compensation_claimed)}</>}
      {p.compensation_awarded && <> · {t('cases.proceedings.awardedAmount', p.compensation_awarded)}</>}
      {p.hearings.length > 0 && (
        <ul class="hearings" aria-label={t('cases.proceedings.hearings')}>
          {p.hearings.map((h, i) => (
            <li key={i}>
              {h.date} · {label(lists.hearingKind, h.kind)}
              {h.support.length > 0 && ` · ${h.support.map((s) => label(lists.hearingSupport, s)).join(', ')}`}
              {h.note && ` · ${h.note}`}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface EditorProps extends Pick<CaseSectionProps, 'api' | 'codes' | 'caseId'> {
  stored: CaseProceeding | null; // null for a new proceeding
  onSaved: (said: string) => void;
  /** Closes the form; `reload` after a stale change, to read the proceedings as they are now. */
  onClose: (reload: boolean) => void;
}

function ProceedingEditor({ api, codes, caseId, stored, onSaved, onClose }: EditorProps) {
  const t = useT();
  const form = useCaseForm<ProceedingForm>('proceeding', () => (stored ? proceedingForm(stored) : blankProceeding()), formField);
  const storedAgency = stored?.court.agency_id ?? null;
  // The stored court agency, named once the directory answers.
  const [agency, setAgency] = useState<AgencyHit | null>(storedAgency === null ? null : ({ id: storedAgency, name: '' } as AgencyHit));
  useEffect(() => {
    if (storedAgency === null) return;
    getAgencyName(api, storedAgency).then(
      (name) => setAgency((a) => (a?.id === storedAgency ? { ...a, name } : a)),
      () => undefined,
    );
  }, [storedAgency]);
  const setHearings = (change: (all: HearingForm[]) => HearingForm[]) => form.setValues((v) => ({ ...v, hearings: change(v.hearings) }));

  function save() {
    const checked = proceedingBody({ ...form.values, court_agency_id: agency?.id ?? '' });
    if (!checked.ok) {
      form.invalid(formField(checked.field), t(checked.key));
      return;
    }
    const body = checked.body;
    void form.send(async () => {
      if (stored === null) await api.request('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/proceedings`, { body });
      else await putSection(api, caseId, `proceedings/${encodeURIComponent(stored.id)}`, { ...body, version: stored.version });
      onSaved(t(stored === null ? 'cases.proceedings.added' : 'cases.proceedings.saved'));
    });
  }

  const title = t(stored === null ? 'cases.proceedings.newTitle' : 'cases.proceedings.editTitle');
  return (
    <form onSubmit={form.onSubmit(save)} noValidate aria-label={title} class="proceeding-form">
      <h3>{title}</h3>
      <div class="grid">
        <CodeChoice {...form.bind('kind', t('cases.proceedings.kind'))} codes={codes} list={lists.proceedingKind} />
        <CodeChoice {...form.bind('role', t('cases.proceedings.role'))} codes={codes} list={lists.proceedingRole} />
        <CodeChoice {...form.bind('status', t('cases.proceedings.status'))} codes={codes} list={lists.proceedingStatus} />
        <CodeChoice {...form.bind('outcome', t('cases.proceedings.outcome'))} codes={codes} list={lists.proceedingOutcome} />
      </div>
      <AgencyChoice api={api} id="proceeding-agency" label={t('cases.proceedings.courtAgency')} value={agency} onValue={setAgency} />
      <div class="grid">
        <TextInput {...form.bind('court_name', t('cases.proceedings.courtName'))} max={300} />
        <TextInput {...form.bind('reference', t('cases.proceedings.reference'))} max={100} />
      </div>
      {(
        [
          ['claimed', t('cases.proceedings.claimed')],
          ['awarded', t('cases.proceedings.awarded')],
        ] as const
      ).map(([which, legend]) => (
        <fieldset class="money" key={which}>
          <legend>{legend}</legend>
          <div class="grid">
            <TextInput {...form.bind(`${which}_amount`, t('cases.proceedings.amount'))} kind="number" />
            <TextInput {...form.bind(`${which}_currency`, t('cases.proceedings.currency'))} max={3} />
          </div>
        </fieldset>
      ))}
      <HearingFields codes={codes} hearings={form.values.hearings} error={form.error} onHearings={setHearings} />
      <SectionNotice notice={form.notice} conflict={form.conflict} onReload={() => onClose(true)} />
      <p class="actions">
        <button type="submit" class="primary" aria-disabled={form.busy}>
          {t(stored === null ? 'cases.proceedings.add' : 'cases.proceedings.save')}
        </button>
        <button type="button" class="secondary" onClick={() => onClose(false)}>
          {t('cases.proceedings.cancel')}
        </button>
      </p>
    </form>
  );
}

interface HearingProps {
  codes: CodeLists;
  hearings: HearingForm[];
  error: ReturnType<typeof useCaseForm>['error'];
  onHearings: (change: (all: HearingForm[]) => HearingForm[]) => void;
}

function HearingFields({ codes, hearings, error, onHearings }: HearingProps) {
  const t = useT();
  const change = (i: number, part: Partial<HearingForm>) => onHearings((all) => all.map((h, at) => (at === i ? { ...h, ...part } : h)));
  const field = (i: number, name: keyof HearingForm) => {
    const key = `hearings[${i}].${name}`;
    return { id: `proceeding-${key}`, name: key, error };
  };
  return (
    <fieldset class="hearings">
      <legend>{t('cases.proceedings.hearings')}</legend>
      {hearings.length === 0 && <p class="muted">{t('cases.proceedings.noHearings')}</p>}
      {hearings.map((h, i) => (
        <fieldset key={i} class="hearing">
          <legend>{t('cases.proceedings.hearingN', { n: i + 1 })}</legend>
          <div class="grid">
            <TextInput {...field(i, 'date')} kind="date" label={t('cases.proceedings.hearingDate')} value={h.date} onValue={(date) => change(i, { date })} />
            <CodeChoice {...field(i, 'kind')} label={t('cases.proceedings.hearingKind')} codes={codes} list={lists.hearingKind} value={h.kind} onValue={(kind) => change(i, { kind })} />
          </div>
          <CodeCheckList {...field(i, 'support')} label={t('cases.proceedings.support')} codes={codes} list={lists.hearingSupport} value={h.support} onValue={(support) => change(i, { support })} />
          <TextInput {...field(i, 'note')} kind="textarea" max={2000} label={t('cases.proceedings.note')} value={h.note} onValue={(note) => change(i, { note })} />
          <button type="button" class="link-button" onClick={() => onHearings((all) => all.filter((_, at) => at !== i))}>
            {t('cases.proceedings.removeHearing', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" class="secondary" onClick={() => onHearings((all) => [...all, blankHearing()])}>
        {t('cases.proceedings.addHearing')}
      </button>
    </fieldset>
  );
}
