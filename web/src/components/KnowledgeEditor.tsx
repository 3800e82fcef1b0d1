import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists } from '../api/types';
import { useT } from '../i18n';
import {
  createKnowledgeArticle,
  deleteKnowledgeArticle,
  knowledgeKinds,
  updateKnowledgeArticle,
  type KnowledgeArticle,
  type KnowledgeInput,
  type KnowledgeKind,
} from '../knowledge/api';
import { CodeField } from './CodeSelect';
import { FormField } from './FormField';
import { Options } from './Options';
import { StatusRegion, type Notice } from './StatusRegion';

type Field = keyof KnowledgeInput;
const fields: Field[] = ['title', 'kind', 'country', 'language', 'body'];
const inputId = (f: Field) => `knowledge-edit-${f}`;

interface Props {
  api: ApiClient;
  codes: CodeLists;
  /** null for a new article. */
  article: KnowledgeArticle | null;
  onSaved: (article: KnowledgeArticle) => void;
  onDeleted: () => void;
  onCancel: () => void;
}

export function KnowledgeEditor({ api, codes, article, onSaved, onDeleted, onCancel }: Props) {
  const t = useT();
  const [values, setValues] = useState<KnowledgeInput>(() =>
    article
      ? { kind: article.kind, country: article.country, language: article.language, title: article.title, body: article.body }
      : { kind: 'country_sheet', country: '', language: 'en', title: '', body: '' },
  );
  const [fieldError, setFieldError] = useState<{ field: Field; text: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends Field>(key: K, value: KnowledgeInput[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (values.title.trim() === '') {
      setFieldError({ field: 'title', text: t('knowledge.titleRequired') });
      document.getElementById(inputId('title'))?.focus();
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: t('knowledge.saving') });
    try {
      const saved = article
        ? await updateKnowledgeArticle(api, article.id, { ...values, version: article.version })
        : await createKnowledgeArticle(api, values);
      setFieldError(null);
      setNotice(null);
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ kind: 'error', text: t('knowledge.conflict') });
      } else if (error instanceof ApiError && error.status === 400 && (fields as string[]).includes(error.field)) {
        const field = error.field as Field;
        setFieldError({ field, text: error.message });
        setNotice({ kind: 'error', text: t('knowledge.notSaved') });
        document.getElementById(inputId(field))?.focus();
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!article || busy || !window.confirm(t('knowledge.confirmDelete'))) return;
    setBusy(true);
    try {
      await deleteKnowledgeArticle(api, article.id);
      onDeleted();
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const describe = (f: Field) => ({
    id: inputId(f),
    name: f,
    'aria-invalid': fieldError?.field === f ? true : undefined,
    'aria-describedby': fieldError?.field === f ? `${inputId(f)}-error` : undefined,
  });
  const errorFor = (f: Field) =>
    fieldError?.field === f ? (
      <p id={`${inputId(f)}-error`} class="field-error">
        {fieldError.text}
      </p>
    ) : null;

  return (
    <form class="knowledge-editor" onSubmit={(e) => void save(e)} noValidate>
      <h2>{article ? t('knowledge.editTitle') : t('knowledge.newTitle')}</h2>
      <StatusRegion notice={notice} />
      <FormField inputId={inputId('title')} label={t('knowledge.fieldTitle')} error={errorFor('title')}>
        <input type="text" maxLength={200} value={values.title} onInput={(e) => set('title', e.currentTarget.value)} {...describe('title')} />
      </FormField>
      <div class="grid">
        <FormField inputId={inputId('kind')} label={t('knowledge.kindLabel')} error={errorFor('kind')}>
          <select value={values.kind} onChange={(e) => set('kind', e.currentTarget.value as KnowledgeKind)} {...describe('kind')}>
            <Options values={knowledgeKinds} label={(k) => t(`knowledge.kind.${k}`)} />
          </select>
        </FormField>
        <CodeField
          label={t('knowledge.fieldCountry')}
          list="country"
          codes={codes.lists.country ?? []}
          value={values.country ?? ''}
          placeholder={t('knowledge.noCountry')}
          onChange={(e) => set('country', e.currentTarget.value)}
          {...describe('country')}
          error={errorFor('country')}
        />
        <CodeField
          label={t('knowledge.fieldLanguage')}
          list="language"
          codes={codes.lists.language ?? []}
          value={values.language}
          grouped
          onChange={(e) => set('language', e.currentTarget.value)}
          {...describe('language')}
          error={errorFor('language')}
        />
      </div>
      <div class="field">
        <label for={inputId('body')}>{t('knowledge.fieldBody')}</label>
        <textarea rows={18} value={values.body} onInput={(e) => set('body', e.currentTarget.value)} {...describe('body')} />
        <p class="hint">{t('knowledge.bodyHint')}</p>
        {errorFor('body')}
      </div>
      <div class="actions">
        <button type="submit" class="primary" aria-disabled={busy}>
          {busy ? t('knowledge.saving') : t('knowledge.save')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('knowledge.cancel')}
        </button>
        {article && (
          <button type="button" class="secondary danger" onClick={() => void remove()}>
            {t('knowledge.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
