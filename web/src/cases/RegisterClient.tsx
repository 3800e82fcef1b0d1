// Registering a person: who they are (sealed under their own key on the server) and the coded,
// reportable fields (HTCDS codes from GET /api/v1/codes). The server answers with the new
// client, its pseudonymous code and any possible duplicates for a supervisor to review.
import type { TFunction } from 'i18next';
import { useState } from 'preact/hooks';
import type { CodeLists } from '../api/types';
import type { Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import type { Client, ClientInput, IdDocument } from './api';
import { toClientInput, type ClientFormValues } from './clientForm';
import { badField, failureText, isConflict } from './errors';
import { CodeCheckList, CodeChips, CodeChoice, SectionNotice, TextInput, type FieldError } from './fields';
import { lists } from './lists';

interface Props {
  codes: CodeLists;
  initial: ClientFormValues;
  /** Stores the client (POST a new one, or PUT a change). */
  submit: (input: ClientInput) => Promise<Client>;
  submitLabel: string;
  onSaved: (client: Client) => void;
  /** Offered after a stale change (409): load the client as stored now. */
  onReload?: () => void;
}

/** The server names nested fields ("person.full_name", "coded.gender"): the form's own name. */
const formField = (serverField: string) => serverField.replace(/^(person|coded)\./, '').replace(/\[\d+\].*$/, '');

export function RegisterClient({ codes, initial, submit, submitLabel, onSaved, onReload }: Props) {
  const t = useT();
  const [v, setV] = useState<ClientFormValues>(initial);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const set = <K extends keyof ClientFormValues>(key: K) => (value: ClientFormValues[K]) =>
    setV((f) => ({ ...f, [key]: value }));

  function showError(field: string, text: string) {
    setError({ field, text });
    setNotice({ kind: 'error', text: t('cases.client.notSaved') });
    document.getElementById(`client-${field}`)?.focus();
  }

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    const checked = toClientInput(v);
    if (!checked.ok) {
      showError(checked.field, t(checked.messageKey));
      return;
    }
    setBusy(true);
    setError(null);
    setConflict(false);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      onSaved(await submit(checked.input));
    } catch (err) {
      const text = failureText(t, err);
      setConflict(isConflict(err));
      const field = formField(badField(err));
      if (text !== null && field !== '') showError(field, text);
      else if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  const { text, choice, checks, countries } = fieldMakers({ v, set, error, codes, t });

  return (
    <form class="client-form" onSubmit={(e) => void save(e)} noValidate aria-label={t('cases.client.title')}>
      <fieldset>
        <legend>{t('cases.client.person')}</legend>
        <p class="hint">{t('cases.client.personHint')}</p>
        <div class="grid">
          {text('full_name')}
          {text('other_names', 'text', t('cases.client.listHint'))}
          {text('birth_date', 'date')}
          {text('phones', 'tel', t('cases.client.listHint'))}
          {text('email', 'email')}
        </div>
        {text('address', 'textarea')}
        <IdDocuments codes={codes} value={v.id_documents} onValue={set('id_documents')} />
      </fieldset>
      <fieldset>
        <legend>{t('cases.client.coded')}</legend>
        <p class="hint">{t('cases.client.codedHint')}</p>
        <div class="grid">
          {choice('gender', lists.gender)}
          {text('birth_year', 'number')}
          {choice('age_band', lists.ageBand)}
          {choice('primary_language', lists.language)}
          {choice('education', lists.education)}
          {choice('trafficking_status', lists.traffickingStatus)}
          {choice('status_decided_by', lists.decidedBy)}
          {choice('relationship_to_trafficker', lists.relationship)}
          {text('age_when_trafficked', 'number')}
        </div>
        {countries('citizenships')}
        {checks('exploitation_types', lists.exploitation)}
        {checks('industries', lists.industry)}
        {checks('recruitment_methods', lists.recruitment)}
        {checks('control_methods', lists.control)}
        {countries('countries_origin')}
        {countries('countries_transit')}
        {countries('countries_exploitation')}
      </fieldset>
      <SectionNotice notice={notice} conflict={conflict && onReload !== undefined} onReload={() => onReload?.()} />
      <button type="submit" class="primary" aria-disabled={busy}>
        {busy ? t('log.saving') : submitLabel}
      </button>
    </form>
  );
}

type Single = 'gender' | 'age_band' | 'primary_language' | 'education' | 'trafficking_status' | 'status_decided_by' | 'relationship_to_trafficker';
type Multi = 'recruitment_methods' | 'control_methods' | 'exploitation_types' | 'industries';
type Countries = 'citizenships' | 'countries_origin' | 'countries_transit' | 'countries_exploitation';

interface FieldContext {
  v: ClientFormValues;
  set: <K extends keyof ClientFormValues>(key: K) => (value: ClientFormValues[K]) => void;
  error: FieldError | null;
  codes: CodeLists;
  t: TFunction;
}

/** The form's fields, each bound to its value, its label and the form's error. */
function fieldMakers({ v, set, error, codes, t }: FieldContext) {
  const text = (name: keyof ClientFormValues, kind?: 'text' | 'date' | 'tel' | 'email' | 'number' | 'textarea', hint?: string) => (
    <TextInput
      id={`client-${name}`}
      name={name}
      label={t(`cases.client.${name}`)}
      kind={kind}
      hint={hint}
      value={v[name] as string}
      error={error}
      onValue={set(name)}
    />
  );
  const choice = (name: Single, list: string) => (
    <CodeChoice
      id={`client-${name}`}
      name={name}
      label={t(`cases.client.${name}`)}
      codes={codes}
      list={list}
      value={v[name]}
      error={error}
      onValue={set(name)}
    />
  );
  const checks = (name: Multi, list: string) => (
    <CodeCheckList
      id={`client-${name}`}
      name={name}
      label={t(`cases.client.${name}`)}
      codes={codes}
      list={list}
      value={v[name]}
      error={error}
      onValue={set(name)}
    />
  );
  const countries = (name: Countries) => (
    <CodeChips
      id={`client-${name}`}
      name={name}
      label={t(`cases.client.${name}`)}
      codes={codes}
      list={lists.country}
      value={v[name]}
      error={error}
      onValue={set(name)}
    />
  );
  return { text, choice, checks, countries };
}

/** Identity documents: kind, number and issuing country, one row each. */
function IdDocuments({ codes, value, onValue }: { codes: CodeLists; value: IdDocument[]; onValue: (v: IdDocument[]) => void }) {
  const t = useT();
  const change = (i: number, part: Partial<IdDocument>) =>
    onValue(value.map((d, at) => (at === i ? { ...d, ...part } : d)));
  return (
    <fieldset class="id-documents">
      <legend>{t('cases.client.id_documents')}</legend>
      {value.map((d, i) => (
        <div class="grid" key={i}>
          <CodeChoice
            id={`client-doc-${i}-kind`}
            name={`doc-${i}-kind`}
            label={t('cases.client.docKind')}
            codes={codes}
            list={lists.idDocumentKind}
            value={d.kind}
            error={null}
            onValue={(kind) => change(i, { kind })}
          />
          <TextInput
            id={`client-doc-${i}-number`}
            name={`doc-${i}-number`}
            label={t('cases.client.docNumber')}
            max={100}
            value={d.number}
            error={null}
            onValue={(number) => change(i, { number })}
          />
          <CodeChoice
            id={`client-doc-${i}-country`}
            name={`doc-${i}-country`}
            label={t('cases.client.docCountry')}
            codes={codes}
            list={lists.country}
            value={d.country ?? ''}
            error={null}
            onValue={(country) => change(i, { country })}
          />
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => onValue([...value, { kind: '', number: '', country: '' }])}>
        {t('cases.client.addDocument')}
      </button>
    </fieldset>
  );
}
