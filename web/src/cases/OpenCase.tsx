// Opening the case of a registered client: how they came (the referral source's type, the
// agency from the directory when there is one, and the date). One case per client: when one
// exists already, the server says so and the screen links to it.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { StatusRegion } from '../components/StatusRegion';
import { AgencyResults, useAgencySearch } from '../contacts/AgencyPicker';
import type { AgencyHit } from '../contacts/api';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import { openCase, type CaseRecord } from './api';
import { CodeChoice, TextInput } from './fields';
import { lists } from './lists';
import { useCaseForm } from './useCaseForm';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  clientId: string;
  onOpened: (c: CaseRecord) => void;
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function OpenCase({ api, codes, clientId, onOpened }: Props) {
  const t = useT();
  const form = useCaseForm('case', () => ({ source_type: '', referred_on: today() }), (field) => field.replace(/^referral\./, ''));
  const [agency, setAgency] = useState<AgencyHit | null>(null);
  const [existing, setExisting] = useState<string | null>(null);

  function open() {
    if (form.values.source_type === '') {
      form.invalid('source_type', t('cases.open.needSource'), t('cases.open.notOpened'));
      return;
    }
    const referral = { ...form.values, agency_id: agency?.id ?? null };
    void form.send(async () => {
      try {
        onOpened(await openCase(api, { client_id: clientId, referral }));
      } catch (err) {
        // One case per client: the server names the one there is.
        const caseId = err instanceof ApiError && err.status === 409 ? err.body.existing_case_id : undefined;
        if (typeof caseId === 'string') setExisting(caseId);
        throw err;
      }
    }, { saving: t('log.saving') });
  }

  return (
    <form class="open-case" onSubmit={form.onSubmit(open)} noValidate aria-label={t('cases.open.title')}>
      <div class="grid">
        <CodeChoice {...form.bind('source_type', t('cases.open.source'))} codes={codes} list={lists.referralSource} />
        <TextInput {...form.bind('referred_on', t('cases.open.referredOn'))} kind="date" />
      </div>
      <AgencyChoice api={api} id="case-agency" label={t('cases.open.agency')} value={agency} onValue={setAgency} />
      <StatusRegion notice={form.notice}>
        {existing !== null && (
          <>
            {' '}
            <a href={hrefFor({ name: 'case', id: existing })}>{t('cases.open.openExisting')}</a>
          </>
        )}
      </StatusRegion>
      <button type="submit" class="primary" aria-disabled={form.busy}>
        {form.busy ? t('log.saving') : t('cases.open.submit')}
      </button>
    </form>
  );
}

interface AgencyChoiceProps {
  api: ApiClient;
  /** The search field's id. */
  id: string;
  label: string;
  value: AgencyHit | null;
  onValue: (a: AgencyHit | null) => void;
}

/** An agency picked from the directory by name (optional). */
export function AgencyChoice({ api, id, label, value, onValue }: AgencyChoiceProps) {
  const t = useT();
  const [text, setText] = useState('');
  const { hits } = useAgencySearch(api, text, []);

  if (value !== null) {
    return (
      <p class="field">
        <span>
          {label}: <strong>{value.name}</strong>
        </span>{' '}
        <button type="button" class="link-button" onClick={() => onValue(null)}>
          {t('cases.open.changeAgency')}
        </button>
      </p>
    );
  }
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        autocomplete="off"
        value={text}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p id={`${id}-hint`} class="hint">
        {t('cases.open.agencyHint')}
      </p>
      <AgencyResults
        hits={hits}
        onPick={(hit) => {
          onValue(hit);
          setText('');
        }}
      />
    </div>
  );
}
