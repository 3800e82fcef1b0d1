// Search before create: a client code, or an exact name, birth date or phone (matched on the
// server through blind indexes). The terms go in a POST body, never in the address. A match
// shows only its client code, what matched and whether a case exists, so consultants use the
// same search to link a contact.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { searchClients, type SearchMatch, type SearchQuery } from './api';
import { searchBody } from './clientForm';
import { badField, failureText } from './errors';
import { TextInput, type FieldError } from './fields';
import { lists } from './lists';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  /** What can be done with a match (open its case, link a contact...). */
  actionFor: (match: SearchMatch) => ComponentChildren;
  /** Shown under the results once a search has run (e.g. "Register a new client"). */
  after?: (query: SearchQuery, found: number) => ComponentChildren;
}

const emptySearch: Required<SearchQuery> = { client_code: '', full_name: '', birth_date: '', phone: '' };

export function ClientSearch({ api, codes, actionFor, after }: Props) {
  const t = useT();
  const [form, setForm] = useState(emptySearch);
  const [done, setDone] = useState<{ query: SearchQuery; matches: SearchMatch[] } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);

  async function search(e: Event) {
    e.preventDefault();
    if (busy) return;
    const body = searchBody(form);
    if (body === null) {
      setError({ field: 'full_name', text: t('cases.search.needOne') });
      setNotice({ kind: 'error', text: t('cases.search.needOne') });
      document.getElementById('search-full_name')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setNotice({ kind: 'info', text: t('cases.search.searching') });
    try {
      const { matches } = await searchClients(api, body);
      setDone({ query: body, matches });
      setNotice({
        kind: 'info',
        text: matches.length === 0 ? t('cases.search.noMatch') : t('cases.search.found', { count: matches.length }),
      });
    } catch (err) {
      const text = failureText(t, err);
      if (text !== null) setNotice({ kind: 'error', text });
      const field = badField(err);
      if (field !== '') setError({ field, text: text ?? '' });
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof SearchQuery, kind: 'text' | 'date' | 'tel' = 'text') => (
    <TextInput
      id={`search-${name}`}
      name={name}
      label={t(`cases.search.${name}`)}
      kind={kind}
      max={200}
      value={form[name]}
      error={error}
      onValue={(v) => setForm((f) => ({ ...f, [name]: v }))}
    />
  );

  return (
    <div class="client-search">
      <form onSubmit={(e) => void search(e)} noValidate aria-label={t('cases.search.title')}>
        <p class="hint">{t('cases.search.intro')}</p>
        <div class="grid">
          {field('client_code')}
          {field('full_name')}
          {field('birth_date', 'date')}
          {field('phone', 'tel')}
        </div>
        <button type="submit" class="primary" aria-disabled={busy}>
          {busy ? t('cases.search.searching') : t('cases.search.submit')}
        </button>
      </form>
      <StatusRegion notice={notice} />
      {done !== null && done.matches.length > 0 && (
        <ul class="search-matches" aria-label={t('cases.search.matches')}>
          {done.matches.map((m) => (
            <li key={m.client_id}>
              <span class="mono">{m.client_code}</span>{' '}
              <span class="muted">
                {t('cases.search.matchedOn', {
                  fields: m.matched_on.map((f) => t(`cases.search.${f}`)).join(', '),
                })}
              </span>{' '}
              <span>
                {m.case === null
                  ? t('cases.search.noCase')
                  : t('cases.search.hasCase', { status: codeLabel(codes, lists.caseStatus, m.case.status) })}
              </span>{' '}
              {actionFor(m)}
            </li>
          ))}
        </ul>
      )}
      {done !== null && after?.(done.query, done.matches.length)}
    </div>
  );
}
