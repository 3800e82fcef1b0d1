// Registering a person: who they are (sealed under their own key on the server) and the coded,
// reportable fields (HTCDS codes from GET /api/v1/codes). The server answers with the new
// client, its pseudonymous code and any possible duplicates for a supervisor to review.
import type { CodeLists } from '../api/types';
import { useT } from '../i18n';
import type { Client, ClientInput, IdDocument } from './api';
import { codedFields, toClientInput, type ClientFormValues, type CodedField } from './clientForm';
import { CodeCheckList, CodeChips, CodeChoice, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { useCaseForm } from './useCaseForm';

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
  const form = useCaseForm('client', initial, formField);

  function save() {
    const checked = toClientInput(form.values);
    if (!checked.ok) {
      form.invalid(checked.field, t(checked.messageKey), t('cases.client.notSaved'));
      return;
    }
    void form.send(async () => onSaved(await submit(checked.input)), { saving: t('log.saving') });
  }

  const label = (name: keyof ClientFormValues) => t(`cases.client.${name}`);
  const text = (name: PersonText, kind?: 'date' | 'tel' | 'email' | 'textarea', hint?: string) => (
    <TextInput {...form.bind(name, label(name))} kind={kind} hint={hint} />
  );
  const coded = (field: CodedField) => {
    if (field.kind === 'number') return <TextInput key={field.name} {...form.bind(field.name, label(field.name))} kind="number" />;
    if (field.kind === 'one') return <CodeChoice key={field.name} {...form.bind(field.name, label(field.name))} codes={codes} list={field.list} />;
    const Many = field.list === lists.country ? CodeChips : CodeCheckList;
    return <Many key={field.name} {...form.bind(field.name, label(field.name))} codes={codes} list={field.list} />;
  };

  return (
    <form class="client-form" onSubmit={form.onSubmit(save)} noValidate aria-label={t('cases.client.title')}>
      <fieldset>
        <legend>{t('cases.client.person')}</legend>
        <p class="hint">{t('cases.client.personHint')}</p>
        <div class="grid">
          {text('full_name')}
          {text('other_names', undefined, t('cases.client.listHint'))}
          {text('birth_date', 'date')}
          {text('phones', 'tel', t('cases.client.listHint'))}
          {text('email', 'email')}
        </div>
        {text('address', 'textarea')}
        <IdDocuments codes={codes} value={form.values.id_documents} onValue={form.set('id_documents')} />
      </fieldset>
      <fieldset>
        <legend>{t('cases.client.coded')}</legend>
        <p class="hint">{t('cases.client.codedHint')}</p>
        <div class="grid">{codedFields.filter((f) => f.kind !== 'many').map(coded)}</div>
        {codedFields.filter((f) => f.kind === 'many').map(coded)}
      </fieldset>
      <SectionNotice notice={form.notice} conflict={form.conflict && onReload !== undefined} onReload={() => onReload?.()} />
      <button type="submit" class="primary" aria-disabled={form.busy}>
        {form.busy ? t('log.saving') : submitLabel}
      </button>
    </form>
  );
}

type PersonText = 'full_name' | 'other_names' | 'birth_date' | 'phones' | 'email' | 'address';

/** Identity documents: kind, number and issuing country, one row each. */
function IdDocuments({ codes, value, onValue }: { codes: CodeLists; value: IdDocument[]; onValue: (v: IdDocument[]) => void }) {
  const t = useT();
  /** The props of one part of document `i`: ids client-doc-0-kind, client-doc-0-number... */
  const part = (i: number, name: 'kind' | 'number' | 'country', label: string) => ({
    id: `client-doc-${i}-${name}`,
    name: `doc-${i}-${name}`,
    label: t(label),
    value: value[i]?.[name] ?? '',
    error: null,
    onValue: (v: string) => onValue(value.map((d, at) => (at === i ? { ...d, [name]: v } : d))),
  });
  return (
    <fieldset class="id-documents">
      <legend>{t('cases.client.id_documents')}</legend>
      {value.map((_, i) => (
        <div class="grid" key={i}>
          <CodeChoice {...part(i, 'kind', 'cases.client.docKind')} codes={codes} list={lists.idDocumentKind} />
          <TextInput {...part(i, 'number', 'cases.client.docNumber')} max={100} />
          <CodeChoice {...part(i, 'country', 'cases.client.docCountry')} codes={codes} list={lists.country} />
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => onValue([...value, { kind: '', number: '', country: '' }])}>
        {t('cases.client.addDocument')}
      </button>
    </fieldset>
  );
}
