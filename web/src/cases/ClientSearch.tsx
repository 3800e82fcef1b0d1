// Search before create: a client code, or an exact name, birth date or phone (matched on the
// server through blind indexes). The terms go in a POST body, never in the address. A match
// shows only its client code, what matched and whether a case exists, so consultants use the
// same search to link a contact.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { searchClients, type SearchMatch, type SearchQuery } from './api';
import { searchBody } from './clientForm';
import { TextInput } from './fields';
import { lists } from './lists';
import { useCaseForm } from './useCaseForm';

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
  const form = useCaseForm('search', emptySearch);
  const [done, setDone] = useState<{ query: SearchQuery; matches: SearchMatch[] } | null>(null);

  function search() {
    const body = searchBody(form.values);
    if (body === null) {
      form.invalid('full_name', t('cases.search.needOne'));
      return;
    }
    void form.send(async () => {
      const { matches } = await searchClients(api, body);
      setDone({ query: body, matches });
      form.setNotice({
        kind: 'info',
        text: matches.length === 0 ? t('cases.search.noMatch') : t('cases.search.found', { count: matches.length }),
      });
    }, { saving: t('cases.search.searching') });
  }

  const field = (name: keyof SearchQuery, kind: 'text' | 'date' | 'tel' = 'text') => (
    <TextInput {...form.bind(name, t(`cases.search.${name}`))} kind={kind} max={200} />
  );

  return (
    <div class="client-search">
      <form onSubmit={form.onSubmit(search)} noValidate aria-label={t('cases.search.title')}>
        <p class="hint">{t('cases.search.intro')}</p>
        <div class="grid">
          {field('client_code')}
          {field('full_name')}
          {field('birth_date', 'date')}
          {field('phone', 'tel')}
        </div>
        <button type="submit" class="primary" aria-disabled={form.busy}>
          {form.busy ? t('cases.search.searching') : t('cases.search.submit')}
        </button>
      </form>
      <StatusRegion notice={form.notice} />
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
