// The case's documents: upload one with a real progress bar (XMLHttpRequest upload events, since
// fetch has none), the list with download links, and a supervisor's withdrawal. The server judges
// the type by content and seals title and content under the person's key; the UI only says, in
// the person's words, what went wrong and what to do next.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { documentContentPath, listDocuments, uploadDocument, withdrawDocument, type CaseDocument } from './api';
import { failureText } from './errors';
import { CodeChoice, Section, TextInput } from './fields';
import { useCaseForm } from './useCaseForm';
import { useLoaded } from './useLoaded';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  caseId: string;
  mayWithdraw: boolean;
  onChanged: () => void;
}

const mebibytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

export function DocumentsSection({ api, codes, caseId, mayWithdraw, onChanged }: Props) {
  const t = useT();
  const loaded = useLoaded(() => listDocuments(api, caseId), [caseId]);
  const form = useCaseForm('document', { title: '', kind: '' });
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const maxBytes = loaded.value?.max_bytes ?? 0;

  /** What a refused upload says: too big and wrong type name the fix; the rest as every case form. */
  function uploadFailure(error: unknown) {
    if (error instanceof ApiError && error.status === 413) {
      form.invalid('file', t('cases.documents.tooBig', { max: mebibytes(maxBytes) }));
    } else if (error instanceof ApiError && error.status === 415) {
      form.invalid('file', t('cases.documents.wrongType'));
    } else if (error instanceof ApiError && error.status === 400 && ['title', 'kind', 'content'].includes(error.field)) {
      form.invalid(error.field === 'content' ? 'file' : error.field, failureText(t, error) ?? '');
    } else {
      const text = failureText(t, error);
      if (text !== null) form.setNotice({ kind: 'error', text });
    }
  }

  function upload() {
    if (file === null) return form.invalid('file', t('cases.documents.needFile'));
    if (maxBytes > 0 && file.size > maxBytes) return form.invalid('file', t('cases.documents.tooBig', { max: mebibytes(maxBytes) }));
    if (form.values.title.trim() === '') return form.invalid('title', t('cases.documents.needTitle'));
    if (form.values.kind === '') return form.invalid('kind', t('cases.documents.needKind'));
    setProgress(0);
    form.setNotice({ kind: 'info', text: t('cases.documents.uploading') });
    uploadDocument(api, caseId, file, form.values.title.trim(), form.values.kind, setProgress).then(
      () => {
        form.setValues({ title: '', kind: '' });
        setFile(null);
        form.setNotice({ kind: 'success', text: t('cases.documents.uploaded') });
        loaded.reload();
        onChanged();
      },
      (error: unknown) => {
        setProgress(null);
        uploadFailure(error);
      },
    );
  }

  function withdraw(d: CaseDocument) {
    if (!window.confirm(t('cases.documents.confirmWithdraw'))) return;
    void form.send(async () => {
      await withdrawDocument(api, caseId, d.id);
      loaded.reload();
      onChanged();
    }, { done: t('cases.documents.withdrawnDone') });
  }

  const fileError = form.error?.field === 'file' ? form.error.text : null;
  const items = loaded.value?.items ?? [];
  const uploading = progress !== null && progress < 1 && form.notice?.kind === 'info';
  return (
    <Section id="case-documents" title={t('cases.documents.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
      {loaded.value !== null && (
        <form onSubmit={form.onSubmit(upload)} noValidate aria-label={t('cases.documents.upload')}>
          <div class="field">
            <label for="document-file">{t('cases.documents.file')}</label>
            <input
              id="document-file"
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.odt,.txt,application/pdf,image/jpeg,image/png,text/plain"
              aria-invalid={fileError !== null ? true : undefined}
              aria-describedby={fileError !== null ? 'document-file-hint document-file-error' : 'document-file-hint'}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setProgress(null);
              }}
            />
            <p id="document-file-hint" class="hint">
              {t('cases.documents.fileHint', { max: mebibytes(maxBytes) })}
            </p>
            {fileError !== null && (
              <p id="document-file-error" class="field-error">
                {fileError}
              </p>
            )}
          </div>
          <TextInput {...form.bind('title', t('cases.documents.documentTitle'))} max={200} />
          <CodeChoice {...form.bind('kind', t('cases.documents.kind'))} codes={codes} list="document_kind" />
          {progress !== null && (
            <div class="field">
              <label for="document-progress">{t('cases.documents.progress')}</label>
              <progress id="document-progress" max={100} value={Math.round(progress * 100)}>
                {Math.round(progress * 100)}%
              </progress>
            </div>
          )}
          <button type="submit" class="secondary" aria-disabled={uploading}>
            {t('cases.documents.upload')}
          </button>
        </form>
      )}
      {loaded.value !== null && (
        <DocumentItems codes={codes} caseId={caseId} items={items} onWithdraw={mayWithdraw ? withdraw : null} />
      )}
    </Section>
  );
}

/** The documents, newest first: a download link for each whose content can still be read. */
function DocumentItems({
  codes,
  caseId,
  items,
  onWithdraw,
}: {
  codes: CodeLists;
  caseId: string;
  items: CaseDocument[];
  onWithdraw: ((d: CaseDocument) => void) | null;
}) {
  const t = useT();
  if (items.length === 0) return <p class="muted">{t('cases.documents.none')}</p>;
  return (
    <ul class="case-entries">
      {items.map((d) => (
        <li key={d.id}>
          <p class="summary">
            {d.content_available ? (
              <a href={documentContentPath(caseId, d.id)} download>
                {t('cases.documents.download', { title: d.title ?? '' })}
              </a>
            ) : (
              <span>{d.withdrawn ? t('cases.documents.withdrawn') : t('cases.documents.erased')}</span>
            )}
            {onWithdraw !== null && !d.withdrawn && (
              <>
                {' '}
                <button type="button" class="link-button" onClick={() => onWithdraw(d)}>
                  {t('cases.documents.withdraw')}
                </button>
              </>
            )}
          </p>
          <p class="muted">
            {formatDateTime(d.uploaded_at)} · {d.uploaded_by.name} · {codeLabel(codes, 'document_kind', d.kind)} ·{' '}
            {t('cases.documents.size', { kib: Math.max(1, Math.round(d.size / 1024)) })}
          </p>
        </li>
      ))}
    </ul>
  );
}
