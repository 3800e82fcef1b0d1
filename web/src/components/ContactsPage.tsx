import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, Contact, OrgUser, User } from '../api/types';
import { dayEndRfc3339, dayStartRfc3339 } from '../contacts/form';
import { durationMinutes, formatDateTime } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import {
  downloadExport,
  emptyFilter,
  filterFromHash,
  filterParams,
  filterToHash,
  listContactsFiltered,
  type ContactFilter,
} from '../lists/api';
import { hrefFor, navigate } from '../router';
import { authorName, listUsers, namesById } from '../users/api';
import { PageHeading } from './PageHeading';
import { DataTable } from './DataTable';
import { DisclosureButton } from './DisclosureButton';
import { FilterBar, LoadMore } from './FilterBar';
import { FormField } from './FormField';
import { Options } from './Options';
import { StatusRegion } from './StatusRegion';
import { usePages } from './usePages';
import { codeLabel, codesInOrder, contactTopicLabel } from '../codes/labels';

const newestFirst = (a: Contact, b: Contact) => b.started_at.localeCompare(a.started_at);

const toInstant = (day: string, end: boolean) => (end ? dayEndRfc3339(day) : dayStartRfc3339(day));

// Filters that pick from a server code list: [filter key, code list].
const codeFilters: [keyof ContactFilter, string][] = [
  ['channel', 'channel'],
  ['category', 'category'],
  ['caller_type', 'caller_type'],
  ['kind', 'contact_kind'],
  ['exploitation', 'exploitation'],
  ['outcome', 'outcome'],
  ['caller_country', 'country'],
  ['destination_country', 'country'],
];

interface Props {
  api: ApiClient;
  codes?: CodeLists;
  user?: User;
  /** The filter part of the address ("?category=tip&channel=phone"): codes and dates only. */
  query?: string;
}

export function ContactsPage({ api, codes, user, query = '' }: Props) {
  const t = useT();
  const filter = filterFromHash(query.replace(/^\?/, ''));
  const filterKey = filterToHash(filter);
  const [draftFilter, setDraftFilter] = useState<ContactFilter>(filter);
  const pages = usePages({
    read: (f: ContactFilter, after) => listContactsFiltered(api, filterParams(f, toInstant), after),
    summary: (rows, f, all) => listSummary(t, f, rows.length, all),
    order: newestFirst,
  });
  const { items, cursor, loading, notice, setNotice } = pages;
  const [exporting, setExporting] = useState(false);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  // On a phone the filters would fill the screen: folded until asked for, with their count shown.
  const [filtersOpen, setFiltersOpen] = useState(() => !window.matchMedia?.('(max-width: 40rem)').matches);
  const activeFilters = countActive(filter);
  const tableRef = useRef<HTMLTableElement>(null);
  // The organisation's users, for the consultant filter; null until loaded (or if they cannot be).
  const [users, setUsers] = useState<OrgUser[] | null>(null);
  // Who logged each contact, by name (the start of the id until the names are known).
  const names = useMemo(() => namesById(users ?? []), [users]);

  async function load(f: ContactFilter, after: string | null) {
    const shownBefore = items?.length ?? 0;
    const added = await pages.load(f, after);
    // After "Load more", move focus to the first new row so the keyboard user continues there.
    if (after !== null && added !== null && added > 0) setFocusIndex(shownBefore);
  }

  useEffect(() => {
    setDraftFilter(filter);
    void load(filter, null);
  }, [filterKey]);

  useEffect(() => {
    // Without the names the filter still works from the address; the contacts are what matter.
    listUsers(api).then(setUsers, () => setUsers(null));
  }, []);

  useEffect(() => {
    if (focusIndex === null) return;
    tableRef.current?.querySelectorAll<HTMLAnchorElement>('tbody a')[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  function applyFilter(e: Event) {
    e.preventDefault();
    if (draftFilter.from !== '' && draftFilter.to !== '' && draftFilter.from > draftFilter.to) {
      setNotice({ kind: 'error', text: t('contacts.rangeInvalid') });
      return;
    }
    const next = filterToHash(draftFilter);
    if (next === filterKey) void load(draftFilter, null);
    else navigate({ name: 'contacts', query: next });
  }

  function clearFilter() {
    setDraftFilter(emptyFilter);
    navigate({ name: 'contacts' });
  }

  async function exportCsv() {
    if (exporting) return;
    setExporting(true);
    setNotice({ kind: 'info', text: t('lists.exportPreparing') });
    try {
      const rows = await downloadExport(filterParams(filter, toInstant));
      setNotice({ kind: 'success', text: t('lists.exportDone', { count: rows }) });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setExporting(false);
    }
  }

  const set = (key: keyof ContactFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraftFilter((f) => ({ ...f, [key]: value }));
  };

  /** A filter chosen from `values` (or "Any"), each named by `label`. */
  const choice = (key: keyof ContactFilter, values: readonly string[], label: (value: string) => string) => (
    <FormField key={key} inputId={`filter-${key}`} label={t(`lists.filter.${key}`)}>
      <select id={`filter-${key}`} value={draftFilter[key]} onChange={set(key)}>
        <Options values={values} label={label} empty={t('lists.any')} />
      </select>
    </FormField>
  );
  const select = (key: keyof ContactFilter, list: string) =>
    choice(key, codesInOrder(codes, list), (code) => codeLabel(codes, list, code));
  const fixed = (key: keyof ContactFilter, values: string[]) => choice(key, values, (v) => t(`lists.${key}.${v}`));

  const consultantSelect = () => {
    const chosen = draftFilter.consultant;
    const known = users?.some((u) => u.id === chosen) ?? false;
    return (
      <FormField key="consultant" inputId="filter-consultant" label={t('lists.filter.consultant')}>
        <select id="filter-consultant" value={chosen} onChange={set('consultant')}>
          <option value="">{t('lists.any')}</option>
          {(users ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.active ? u.name : t('lists.inactiveUser', { name: u.name })}
            </option>
          ))}
          {chosen !== '' && !known && <option value={chosen}>{chosen.slice(0, 8)}</option>}
        </select>
      </FormField>
    );
  };

  return (
    <section class="page">
      <PageHeading title={t('contacts.title')} />
      <DisclosureButton class="secondary filter-toggle" controls="contact-filters" open={filtersOpen} setOpen={setFiltersOpen}>
        {activeFilters === 0 ? t('screens.filters') : t('screens.filtersActive', { count: activeFilters })}
      </DisclosureButton>
      <FilterBar
        id="contact-filters"
        hidden={!filtersOpen}
        onApply={applyFilter}
        label={t('lists.filterLabel')}
        legend={t('contacts.filterLegend')}
        actions={
          <>
            <button type="button" class="secondary" onClick={clearFilter}>
              {t('lists.clear')}
            </button>
            {can(user, 'contact.export') && (
              <button type="button" class="secondary" aria-disabled={exporting} onClick={() => void exportCsv()}>
                {exporting ? t('lists.exportPreparing') : t('lists.export')}
              </button>
            )}
          </>
        }
      >
        <FormField inputId="filter-from" label={t('contacts.from')}>
          <input id="filter-from" type="date" value={draftFilter.from} onInput={set('from')} />
        </FormField>
        <FormField inputId="filter-to" label={t('contacts.to')}>
          <input id="filter-to" type="date" value={draftFilter.to} onInput={set('to')} />
        </FormField>
        {(users !== null || draftFilter.consultant !== '') && consultantSelect()}
        {codes && codeFilters.map(([key, list]) => select(key, list))}
        {fixed('status', ['final', 'draft', 'any'])}
        {fixed('follow_up', ['due', 'overdue', 'open', 'none'])}
        {fixed('imminent_danger', ['true', 'false'])}
      </FilterBar>
      <StatusRegion notice={loading && items === null ? { kind: 'info', text: t('app.loading') } : notice} />
      {items !== null && items.length > 0 && (
        <DataTable
          name={t('contacts.title')}
          caption={t('contacts.caption')}
          tableRef={tableRef}
          rows={items}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ class: 'clickable', onClick: () => navigate({ name: 'contact', id: c.id }) })}
          columns={[
            {
              header: t('contacts.started'),
              cell: (c) => (
                // The link makes the row reachable with Tab and opens it with Enter.
                <a href={hrefFor({ name: 'contact', id: c.id })} onClick={(e) => e.stopPropagation()}>
                  <span class="nowrap">{formatDateTime(c.started_at)}</span>
                </a>
              ),
            },
            {
              header: t('screens.status'),
              cell: (c) =>
                c.status === 'draft' ? <span class="badge">{t('lists.status.draft')}</span> : t('lists.status.final'),
            },
            { header: t('contacts.channel'), cell: (c) => codeLabel(codes, 'channel', c.channel) },
            // Code labels run long in some languages ("Специалист: международная организация"):
            // these may break inside a word, so the list still fits a laptop (styles.css).
            {
              header: t('lists.filter.category'),
              cell: (c) => contactTopicLabel(codes, c),
              class: 'wraps',
            },
            {
              header: t('contacts.callerType'),
              cell: (c) => codeLabel(codes, 'caller_type', c.caller_type ?? ''),
              class: 'wraps',
            },
            {
              header: t('contacts.duration'),
              cell: (c) => t('contacts.minutes', { count: durationMinutes(c.duration_s) }),
              class: 'num',
            },
            { header: t('contacts.language'), cell: (c) => codeLabel(codes, 'language', c.language ?? '') },
            { header: t('contacts.anonymous'), cell: (c) => (c.anonymous ? t('contacts.yes') : t('contacts.no')) },
            { header: t('lists.filter.consultant'), cell: (c) => authorName(names, c.created_by) },
          ]}
        />
      )}
      {cursor !== null && <LoadMore loading={loading} onMore={() => void load(filter, cursor)} />}
    </section>
  );
}

/** How many filters narrow the list (dates count one each). */
export function countActive(filter: ContactFilter): number {
  return Object.values(filter).filter((v) => v !== '').length;
}

/** What the status line says about the rows shown: a period only when one was chosen. */
export function listSummary(t: TFunction, filter: ContactFilter, shown: number, allShown: boolean): string {
  const period = filter.from !== '' || filter.to !== '';
  if (shown === 0) {
    if (period) return t('contacts.empty');
    return countActive(filter) === 0 ? t('screens.emptyNone') : t('screens.emptyFiltered');
  }
  const all = allShown ? ` ${period ? t('contacts.allShown') : t('screens.allShownFiltered')}` : '';
  return `${t('contacts.shown', { count: shown })}${all}`;
}
