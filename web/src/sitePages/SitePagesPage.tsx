// The organisation's pages and case studies on the public site, for those with site_pages.manage
// (org admins, network coordinators; docs/public-site.md "Pages and case studies"): the list,
// most recently changed first; a form to write one (kind, slug and language chosen once) or change
// it; publish and unpublish from the list; removal after a confirmation. Changes carry the version
// read: a 409 says someone else changed the page.
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
import { sitePagesApi, withStatus, type SitePage, type SitePageLanguage } from './api';

interface Draft {
  kind: 'page' | 'case_study';
  slug: string;
  language: SitePageLanguage;
  title: string;
  summary: string;
  body: string;
  status: 'draft' | 'published';
}

type Field = 'kind' | 'slug' | 'language' | 'title' | 'summary' | 'body' | 'status';
const fields: readonly Field[] = ['kind', 'slug', 'language', 'title', 'summary', 'body', 'status'];
const inputId = (f: Field) => `site-page-${f}`;

const emptyDraft = (): Draft => ({ kind: 'page', slug: '', language: 'en', title: '', summary: '', body: '', status: 'draft' });

const draftOf = (p: SitePage): Draft => ({
  kind: p.kind,
  slug: p.slug,
  language: p.language as SitePageLanguage,
  title: p.title,
  summary: p.summary,
  body: p.body,
  status: p.status,
});

export function SitePagesPage({ api }: { api: ApiClient }) {
  const t = useT();
  const pages = useLoaded(() => sitePagesApi.list(api), []);
  const [editing, setEditing] = useState<SitePage | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [fieldError, setFieldError] = useState<{ field: Field; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (page: SitePage | 'new') => {
    setEditing(page);
    setDraft(page === 'new' ? emptyDraft() : draftOf(page));
    setFieldError(null);
    setNotice(null);
  };
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.status === 409 && error.field === 'version') {
      setNotice({ kind: 'error', text: t('sitePages.conflict') });
      pages.reload();
    } else if (error instanceof ApiError && (error.status === 400 || error.status === 409) && (fields as readonly string[]).includes(error.field)) {
      const field = error.field as Field;
      setFieldError({ field, text: error.message });
      setNotice({ kind: 'error', text: t('sitePages.notSaved') });
      document.getElementById(inputId(field))?.focus();
    } else {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    }
  };

  async function save(e: Event) {
    e.preventDefault();
    if (busy || editing === null) return;
    if (draft.title.trim() === '') {
      setFieldError({ field: 'title', text: t('sitePages.titleRequired') });
      document.getElementById(inputId('title'))?.focus();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const common = { title: draft.title.trim(), summary: draft.summary.trim(), body: draft.body, status: draft.status };
      const saved =
        editing === 'new'
          ? await sitePagesApi.create(api, { ...common, kind: draft.kind, slug: draft.slug.trim(), language: draft.language })
          : await sitePagesApi.update(api, editing.id, { ...common, version: editing.version });
      setFieldError(null);
      setEditing(null);
      setNotice({ kind: 'success', text: saved.status === 'published' ? t('sitePages.savedPublished') : t('sitePages.savedDraft') });
      pages.reload();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function toggle(page: SitePage) {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const saved = await sitePagesApi.update(api, page.id, withStatus(page, page.status === 'published' ? 'draft' : 'published'));
      setNotice({ kind: 'success', text: saved.status === 'published' ? t('sitePages.published', { title: saved.title }) : t('sitePages.unpublished', { title: saved.title }) });
      pages.reload();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove(page: SitePage) {
    if (busy || !window.confirm(t('sitePages.confirmDelete', { title: page.title }))) return;
    setBusy(true);
    setNotice(null);
    try {
      await sitePagesApi.remove(api, page.id, page.version);
      if (editing !== null && editing !== 'new' && editing.id === page.id) setEditing(null);
      setNotice({ kind: 'success', text: t('sitePages.deleted') });
      pages.reload();
    } catch (error) {
      failed(error);
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
  const creating = editing === 'new';

  return (
    <div class="site-pages-page">
      <PageHeading title={t('sitePages.title')} />
      <p>{t('sitePages.intro')}</p>
      <StatusRegion notice={notice ?? pages.notice} />
      {editing === null && (
        <button type="button" onClick={() => open('new')}>
          {t('sitePages.add')}
        </button>
      )}
      {editing !== null && (
        <form class="news-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="site-page-form-title">
          <h2 id="site-page-form-title">{creating ? t('sitePages.add') : t('sitePages.edit')}</h2>
          <div class="grid">
            <div class="field">
              <label for={inputId('kind')}>{t('sitePages.kind')}</label>
              <select value={draft.kind} disabled={!creating} onChange={(e) => set({ kind: e.currentTarget.value === 'case_study' ? 'case_study' : 'page' })} {...describe('kind')}>
                <option value="page">{t('sitePages.kinds.page')}</option>
                <option value="case_study">{t('sitePages.kinds.case_study')}</option>
              </select>
              {errorFor('kind')}
            </div>
            <div class="field">
              <label for={inputId('language')}>{t('sitePages.language')}</label>
              <select value={draft.language} disabled={!creating} onChange={(e) => set({ language: e.currentTarget.value as SitePageLanguage })} {...describe('language')}>
                {uiLanguages.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
              {errorFor('language')}
            </div>
            <div class="field">
              <label for={inputId('slug')}>{t('sitePages.slug')}</label>
              <input type="text" maxLength={80} readOnly={!creating} value={draft.slug} onInput={(e) => set({ slug: e.currentTarget.value })} {...describe('slug', true)} />
              <p id={`${inputId('slug')}-hint`} class="hint">
                {t('sitePages.slugHint')}
              </p>
              {errorFor('slug')}
            </div>
          </div>
          <div class="field">
            <label for={inputId('title')}>{t('sitePages.fieldTitle')}</label>
            <input type="text" maxLength={200} value={draft.title} onInput={(e) => set({ title: e.currentTarget.value })} {...describe('title')} />
            {errorFor('title')}
          </div>
          <div class="field">
            <label for={inputId('summary')}>{t('sitePages.summary')}</label>
            <textarea rows={2} maxLength={500} value={draft.summary} onInput={(e) => set({ summary: e.currentTarget.value })} {...describe('summary')} />
            {errorFor('summary')}
          </div>
          <div class="field">
            <label for={inputId('body')}>{t('sitePages.body')}</label>
            <textarea rows={14} value={draft.body} onInput={(e) => set({ body: e.currentTarget.value })} {...describe('body', true)} />
            <p id={`${inputId('body')}-hint`} class="hint">
              {t('sitePages.bodyHint')}
            </p>
            {errorFor('body')}
          </div>
          <MarkdownPreview key={editing === 'new' ? 'new' : editing.id} markdown={draft.body} id="site-page-preview" />
          <div class="field">
            <label for={inputId('status')}>{t('sitePages.status')}</label>
            <select value={draft.status} onChange={(e) => set({ status: e.currentTarget.value === 'published' ? 'published' : 'draft' })} {...describe('status')}>
              <option value="draft">{t('sitePages.statuses.draft')}</option>
              <option value="published">{t('sitePages.statuses.published')}</option>
            </select>
            {errorFor('status')}
          </div>
          <div class="actions">
            <button type="submit" class="primary" aria-disabled={busy}>
              {t('sitePages.save')}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setEditing(null)}>
              {t('sitePages.cancel')}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="site-pages-list-title">
        <h2 id="site-pages-list-title">{t('sitePages.listTitle')}</h2>
        {pages.value && pages.value.length === 0 && <p>{t('sitePages.none')}</p>}
        {pages.value && pages.value.length > 0 && (
          <TableRegion name={t('sitePages.listTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('sitePages.fieldTitle')}</th>
                  <th scope="col">{t('sitePages.kind')}</th>
                  <th scope="col">{t('sitePages.language')}</th>
                  <th scope="col">{t('sitePages.status')}</th>
                  <th scope="col">{t('sitePages.publishedAt')}</th>
                  <th scope="col">{t('sitePages.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {pages.value.map((page) => (
                  <tr key={page.id}>
                    <td>
                      {page.title} <span class="muted">({page.slug})</span>
                    </td>
                    <td>{t(`sitePages.kinds.${page.kind}`)}</td>
                    <td lang={page.language}>{languageName(page.language as SitePageLanguage)}</td>
                    <td>{t(`sitePages.statuses.${page.status}`)}</td>
                    <td>{page.published_at ? formatDateTime(page.published_at) : '—'}</td>
                    <td>
                      <button type="button" class="secondary" onClick={() => open(page)}>
                        {t('sitePages.editOne', { title: page.title })}
                      </button>{' '}
                      <button type="button" id={`site-page-toggle-${page.id}`} class="secondary" disabled={busy} onClick={() => void toggle(page)}>
                        {page.status === 'published' ? t('sitePages.unpublishOne', { title: page.title }) : t('sitePages.publishOne', { title: page.title })}
                      </button>{' '}
                      <button type="button" class="secondary" disabled={busy} onClick={() => void remove(page)}>
                        {t('sitePages.deleteOne', { title: page.title })}
                      </button>{' '}
                      {page.status === 'published' && <a href={page.url}>{t('sitePages.publicPage', { title: page.title })}</a>}
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
