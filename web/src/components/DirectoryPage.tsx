// The partner-agency directory: search by name, filter by type and country, open an agency.
// A confidential address never appears here: the server leaves it out of every list, and the
// list shows a "Confidential address" badge instead.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import {
  emptyAgencyFilter,
  listAgencies,
  type Agency,
  type AgencyFilter,
} from '../agencies/api';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor } from '../router';
import { AgencyTypeAndCountry } from './AgencyTypeAndCountry';
import { PageHeading } from './PageHeading';
import { StatusRegion } from './StatusRegion';
import { usePages } from './usePages';
import { codeLabel } from '../codes/labels';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
}

export function DirectoryPage({ api, codes, user }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<AgencyFilter>(emptyAgencyFilter);
  const [applied, setApplied] = useState<AgencyFilter>(emptyAgencyFilter);
  const { items, cursor, loading, notice, ...pages } = usePages({
    read: (filter: AgencyFilter, after) => listAgencies(api, filter, after),
    summary: (rows: Agency[]) => (rows.length === 0 ? t('directory.empty') : t('directory.shown', { count: rows.length })),
  });

  async function load(filter: AgencyFilter, after: string | null) {
    if ((await pages.load(filter, after)) !== null) setApplied(filter);
  }

  useEffect(() => {
    void load(emptyAgencyFilter, null);
  }, []);

  const set = (key: keyof AgencyFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((f) => ({ ...f, [key]: value }));
  };

  return (
    <section class="page directory">
      <PageHeading title={t('directory.title')} />
      <p>{t('directory.intro')}</p>
      {can(user, 'agency.edit') && (
        <p>
          <a class="button-link" href={hrefFor({ name: 'agencyNew' })}>
            {t('directory.add')}
          </a>
        </p>
      )}
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void load(draft, null);
        }}
      >
        <div class="field">
          <label for="directory-q">{t('directory.search')}</label>
          <input id="directory-q" type="search" value={draft.q} maxLength={100} onInput={set('q')} />
        </div>
        <AgencyTypeAndCountry
          idPrefix="directory"
          codes={codes}
          type={draft.type}
          country={draft.country}
          placeholder={t('directory.any')}
          onChange={set}
        />
        <button type="submit" aria-disabled={loading}>
          {t('directory.apply')}
        </button>
      </form>
      <StatusRegion notice={notice} />
      {items && items.length > 0 && (
        <ul class="agency-list">
          {items.map((a) => (
            <li key={a.id} class="agency-item">
              <a href={hrefFor({ name: 'agency', id: a.id })}>{a.name}</a>
              <span class="agency-meta">
                {codeLabel(codes, 'agency_type', a.type)}
                {a.city !== '' && ` · ${a.city}`} · {codeLabel(null, 'country', a.country)}
              </span>
              {a.phone !== '' && <span class="agency-phone">{a.phone}</span>}
              {a.address_confidential ? (
                <span class="badge badge-confidential">{t('directory.confidentialBadge')}</span>
              ) : (
                a.address !== undefined &&
                a.address !== '' && <span class="agency-address">{a.address}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="secondary" aria-disabled={loading} onClick={() => void load(applied, cursor)}>
          {t('directory.more')}
        </button>
      )}
    </section>
  );
}
