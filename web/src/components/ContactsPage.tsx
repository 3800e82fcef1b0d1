import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Contact } from '../api/types';
import { dayEndRfc3339, dayStartRfc3339 } from '../contacts/form';
import { durationMinutes, formatDateTime } from '../format';
import { codeLabel, useT } from '../i18n';
import { hrefFor, navigate } from '../router';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';

interface Filter {
  from: string; // <input type="date"> values
  to: string;
}

const newestFirst = (a: Contact, b: Contact) => b.started_at.localeCompare(a.started_at);

export function ContactsPage({ api }: { api: ApiClient }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>({ from: '', to: '' });
  const [draftFilter, setDraftFilter] = useState<Filter>({ from: '', to: '' });
  const [items, setItems] = useState<Contact[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  async function load(f: Filter, after: string | null) {
    setLoading(true);
    try {
      const page = await api.listContacts({
        from: dayStartRfc3339(f.from) ?? undefined,
        to: dayEndRfc3339(f.to) ?? undefined,
        cursor: after ?? undefined,
      });
      const previous = after === null ? [] : (items ?? []);
      const merged = [...previous, ...page.items].sort(newestFirst);
      setItems(merged);
      setCursor(page.next_cursor);
      setNotice({
        kind: 'info',
        text:
          merged.length === 0
            ? t('contacts.empty')
            : `${t('contacts.shown', { count: merged.length })}${page.next_cursor ? '' : ` ${t('contacts.allShown')}`}`,
      });
      // After "Load more", move focus to the first new row so the keyboard user continues there.
      if (after !== null && page.items.length > 0) setFocusIndex(previous.length);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(filter, null);
  }, [filter]);

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
    setFilter({ ...draftFilter });
  }

  return (
    <section class="page">
      <PageHeading title={t('contacts.title')} />
      <form class="filter" onSubmit={applyFilter} noValidate>
        <fieldset>
          <legend>{t('contacts.filterLegend')}</legend>
          <div class="field">
            <label for="filter-from">{t('contacts.from')}</label>
            <input
              id="filter-from"
              type="date"
              value={draftFilter.from}
              onInput={(e) => setDraftFilter((f) => ({ ...f, from: e.currentTarget.value }))}
            />
          </div>
          <div class="field">
            <label for="filter-to">{t('contacts.to')}</label>
            <input
              id="filter-to"
              type="date"
              value={draftFilter.to}
              onInput={(e) => setDraftFilter((f) => ({ ...f, to: e.currentTarget.value }))}
            />
          </div>
          <button type="submit" class="secondary">
            {t('contacts.apply')}
          </button>
        </fieldset>
      </form>
      <StatusRegion notice={loading && items === null ? { kind: 'info', text: t('app.loading') } : notice} />
      {items !== null && items.length > 0 && (
        <div class="table-wrap">
          <table ref={tableRef} class="contacts">
            <caption>{t('contacts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contacts.started')}</th>
                <th scope="col">{t('contacts.channel')}</th>
                <th scope="col">{t('contacts.callerType')}</th>
                <th scope="col" class="num">{t('contacts.duration')}</th>
                <th scope="col">{t('contacts.language')}</th>
                <th scope="col">{t('contacts.anonymous')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id} class="clickable" onClick={() => navigate({ name: 'contact', id: c.id })}>
                  <td data-label={t('contacts.started')}>
                    {/* The link makes the row reachable with Tab and opens it with Enter. */}
                    <a href={hrefFor({ name: 'contact', id: c.id })} onClick={(e) => e.stopPropagation()}>
                      {formatDateTime(c.started_at)}
                    </a>
                  </td>
                  <td data-label={t('contacts.channel')}>{codeLabel('channel', c.channel)}</td>
                  <td data-label={t('contacts.callerType')}>{codeLabel('caller_type', c.caller_type)}</td>
                  <td data-label={t('contacts.duration')} class="num">
                    {t('contacts.minutes', { count: durationMinutes(c.duration_s) })}
                  </td>
                  <td data-label={t('contacts.language')}>{codeLabel('language', c.language)}</td>
                  <td data-label={t('contacts.anonymous')}>{c.anonymous ? t('contacts.yes') : t('contacts.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor !== null && (
        <button
          type="button"
          class="secondary load-more"
          aria-disabled={loading}
          onClick={() => {
            if (!loading) void load(filter, cursor);
          }}
        >
          {loading ? t('contacts.loadingMore') : t('contacts.loadMore')}
        </button>
      )}
    </section>
  );
}
