// The organisation's news items and statements, for those with news.manage (org admins, network
// coordinators; docs/public-site.md "News and statements"): the list, newest first, drafts and
// published; a form to write or change one with a preview of its Markdown (rendered and sanitised
// as the knowledge base does it: marked, then DOMPurify); removal after a confirmation. Changes
// carry the version read: a 409 says someone else changed the item. A published item links to
// its public page and to its language's Atom feed.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { useLoaded } from '../cases/useLoaded';
import { MarkdownPreview } from '../components/MarkdownPreview';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime } from '../format';
import { languageName, uiLanguages, useT } from '../i18n';
import { feedUrl, newsApi, type NewsInput, type NewsItem, type NewsLanguage } from './api';

interface Draft {
  title: string;
  summary: string;
  body: string;
  language: NewsLanguage;
  kind: 'news' | 'statement';
  tags: string; // comma-separated
  date: string; // YYYY-MM-DD, or '' for "when published"
  status: 'draft' | 'published';
}

type Field = 'title' | 'summary' | 'body' | 'language' | 'kind' | 'tags' | 'published_at' | 'status';
const fields: readonly Field[] = ['title', 'summary', 'body', 'language', 'kind', 'tags', 'published_at', 'status'];
const inputId = (f: Field) => `news-${f.replace('_', '-')}`;

const emptyDraft = (): Draft => ({
  title: '',
  summary: '',
  body: '',
  language: 'en',
  kind: 'news',
  tags: '',
  date: '',
  status: 'draft',
});

function draftOf(item: NewsItem): Draft {
  return {
    title: item.title,
    summary: item.summary,
    body: item.body,
    language: item.language as NewsLanguage,
    kind: item.kind,
    tags: item.tags.join(', '),
    date: item.published_at ? item.published_at.slice(0, 10) : '',
    status: item.status,
  };
}

function inputOf(d: Draft, original: NewsItem | null): NewsInput {
  const input: NewsInput = {
    title: d.title.trim(),
    summary: d.summary.trim(),
    body: d.body,
    language: d.language,
    kind: d.kind,
    tags: d.tags
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    status: d.status,
  };
  // An unchanged date keeps the stored moment; a new one is that day at midnight UTC; none is
  // "now" when the item is published.
  if (d.date !== '') {
    const kept = original?.published_at;
    input.published_at = kept && kept.slice(0, 10) === d.date ? kept : `${d.date}T00:00:00Z`;
  }
  return input;
}

/** The form's field the server named: "tags[1]" is the tags field. */
const fieldOf = (error: ApiError) => error.field.replace(/\[\d+\]$/, '');

const newestFirst = (a: NewsItem, b: NewsItem) => b.created_at.localeCompare(a.created_at);

export function NewsPage({ api }: { api: ApiClient }) {
  const t = useT();
  const items = useLoaded(() => newsApi.list(api).then((list) => [...list].sort(newestFirst)), []);
  const [editing, setEditing] = useState<NewsItem | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [fieldError, setFieldError] = useState<{ field: Field; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (item: NewsItem | 'new') => {
    setEditing(item);
    setDraft(item === 'new' ? emptyDraft() : draftOf(item));
    setFieldError(null);
    setNotice(null);
  };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  async function save(e: Event) {
    e.preventDefault();
    if (busy || editing === null) return;
    if (draft.title.trim() === '') {
      setFieldError({ field: 'title', text: t('news.titleRequired') });
      document.getElementById(inputId('title'))?.focus();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const original = editing === 'new' ? null : editing;
      const input = inputOf(draft, original);
      const saved = original ? await newsApi.update(api, original.id, input, original.version) : await newsApi.create(api, input);
      setFieldError(null);
      setEditing(null);
      setNotice({ kind: 'success', text: saved.status === 'published' ? t('news.savedPublished') : t('news.savedDraft') });
      items.reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ kind: 'error', text: t('news.conflict') });
        items.reload();
      } else if (error instanceof ApiError && error.status === 400 && (fields as readonly string[]).includes(fieldOf(error))) {
        const field = fieldOf(error) as Field;
        setFieldError({ field, text: error.message });
        setNotice({ kind: 'error', text: t('news.notSaved') });
        document.getElementById(inputId(field))?.focus();
      } else {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove(item: NewsItem) {
    if (busy || !window.confirm(t('news.confirmDelete', { title: item.title }))) return;
    setBusy(true);
    setNotice(null);
    try {
      await newsApi.remove(api, item.id, item.version);
      if (editing !== null && editing !== 'new' && editing.id === item.id) setEditing(null);
      setNotice({ kind: 'success', text: t('news.deleted') });
      items.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiError && error.status === 409 ? t('news.conflict') : errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const describe = (f: Field, hint = false) => {
    const ids = [hint ? `${inputId(f)}-hint` : '', fieldError?.field === f ? `${inputId(f)}-error` : ''].filter((s) => s !== '');
    return {
      id: inputId(f),
      'aria-invalid': fieldError?.field === f ? true : undefined,
      'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
    };
  };
  const errorFor = (f: Field) =>
    fieldError?.field === f ? (
      <p id={`${inputId(f)}-error`} class="field-error">
        {fieldError.text}
      </p>
    ) : null;

  const publicLinks = (item: NewsItem) =>
    item.status === 'published' && (
      <>
        <a href={item.url}>{t('news.publicPage', { title: item.title })}</a>{' '}
        <a href={feedUrl(item.language)} type="application/atom+xml">
          {t('news.feed', { language: languageName(item.language as NewsLanguage) })}
        </a>
      </>
    );

  return (
    <div class="news-page">
      <PageHeading title={t('news.title')} />
      <p>{t('news.intro')}</p>
      <StatusRegion notice={notice ?? items.notice} />
      {editing === null && (
        <button type="button" onClick={() => open('new')}>
          {t('news.add')}
        </button>
      )}
      {editing !== null && (
        <form class="news-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="news-form-title">
          <h2 id="news-form-title">{editing === 'new' ? t('news.add') : t('news.edit')}</h2>
          {editing !== 'new' && <p>{publicLinks(editing)}</p>}
          <div class="field">
            <label for={inputId('title')}>{t('news.fieldTitle')}</label>
            <input type="text" maxLength={200} value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} {...describe('title')} />
            {errorFor('title')}
          </div>
          <div class="field">
            <label for={inputId('summary')}>{t('news.summary')}</label>
            <textarea rows={2} maxLength={500} value={draft.summary} onInput={(e) => set({ summary: e.currentTarget.value })} {...describe('summary')} />
            {errorFor('summary')}
          </div>
          <div class="field">
            <label for={inputId('body')}>{t('news.body')}</label>
            <textarea rows={14} maxLength={50000} value={draft.body} onInput={(e) => set({ body: e.currentTarget.value })} {...describe('body', true)} />
            <p id={`${inputId('body')}-hint`} class="hint">
              {t('news.bodyHint')}
            </p>
            {errorFor('body')}
          </div>
          <MarkdownPreview key={editing === 'new' ? 'new' : editing.id} markdown={draft.body} id="news-preview" />
          <div class="grid">
            <div class="field">
              <label for={inputId('language')}>{t('news.language')}</label>
              <select value={draft.language} onChange={(e) => set({ language: e.currentTarget.value as NewsLanguage })} {...describe('language')}>
                {uiLanguages.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
              {errorFor('language')}
            </div>
            <div class="field">
              <label for={inputId('kind')}>{t('news.kind')}</label>
              <select value={draft.kind} onChange={(e) => set({ kind: e.currentTarget.value === 'statement' ? 'statement' : 'news' })} {...describe('kind')}>
                <option value="news">{t('news.kinds.news')}</option>
                <option value="statement">{t('news.kinds.statement')}</option>
              </select>
              {errorFor('kind')}
            </div>
            <div class="field">
              <label for={inputId('status')}>{t('news.status')}</label>
              <select value={draft.status} onChange={(e) => set({ status: e.currentTarget.value === 'published' ? 'published' : 'draft' })} {...describe('status')}>
                <option value="draft">{t('news.statuses.draft')}</option>
                <option value="published">{t('news.statuses.published')}</option>
              </select>
              {errorFor('status')}
            </div>
            <div class="field">
              <label for={inputId('published_at')}>{t('news.date')}</label>
              <input type="date" value={draft.date} onInput={(e) => set({ date: e.currentTarget.value })} {...describe('published_at', true)} />
              <p id={`${inputId('published_at')}-hint`} class="hint">
                {t('news.dateHint')}
              </p>
              {errorFor('published_at')}
            </div>
          </div>
          <div class="field">
            <label for={inputId('tags')}>{t('news.tags')}</label>
            <input type="text" value={draft.tags} onInput={(e) => set({ tags: e.currentTarget.value })} {...describe('tags', true)} />
            <p id={`${inputId('tags')}-hint`} class="hint">
              {t('news.tagsHint')}
            </p>
            {errorFor('tags')}
          </div>
          <div class="actions">
            <button type="submit" class="primary" aria-disabled={busy}>
              {t('news.save')}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setEditing(null)}>
              {t('news.cancel')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="news-list-title">
        <h2 id="news-list-title">{t('news.listTitle')}</h2>
        {items.value && items.value.length === 0 && <p>{t('news.none')}</p>}
        {items.value && items.value.length > 0 && (
          <TableRegion name={t('news.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('news.fieldTitle')}</th>
                  <th scope="col">{t('news.status')}</th>
                  <th scope="col">{t('news.language')}</th>
                  <th scope="col">{t('news.date')}</th>
                  <th scope="col">{t('news.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.value.map((item) => (
                  <tr key={item.id}>
                    <td>
                      {item.title}
                      {item.kind === 'statement' && ` (${t('news.kinds.statement')})`}
                    </td>
                    <td>{t(`news.statuses.${item.status}`)}</td>
                    <td lang={item.language}>{languageName(item.language as NewsLanguage)}</td>
                    <td>{item.published_at ? formatDateTime(item.published_at) : '—'}</td>
                    <td>
                      <button type="button" class="secondary" onClick={() => open(item)}>
                        {t('news.editOne', { title: item.title })}
                      </button>{' '}
                      <button type="button" class="secondary" disabled={busy} onClick={() => void remove(item)}>
                        {t('news.deleteOne', { title: item.title })}
                      </button>{' '}
                      {publicLinks(item)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
