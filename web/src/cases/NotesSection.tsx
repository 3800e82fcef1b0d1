// The case's notes, newest first: the text is sealed under the person's key on the server.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { addEntry, listEntries, type CaseNote } from './api';
import { failureText } from './errors';
import { Section, TextInput, type FieldError } from './fields';
import { useLoaded } from './useLoaded';

interface Props {
  api: ApiClient;
  caseId: string;
  onChanged: () => void;
}

export function NotesSection({ api, caseId, onChanged }: Props) {
  const t = useT();
  const loaded = useLoaded(() => listEntries<CaseNote>(api, caseId, 'notes'), [caseId]);
  const [text, setText] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (text.trim() === '') {
      setError({ field: 'text', text: t('cases.notes.needText') });
      document.getElementById('note-text')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addEntry(api, caseId, 'notes', { text: text.trim() });
      setText('');
      setNotice({ kind: 'success', text: t('cases.notes.added') });
      loaded.reload();
      onChanged();
    } catch (err) {
      const message = failureText(t, err);
      if (message !== null) setNotice({ kind: 'error', text: message });
    } finally {
      setBusy(false);
    }
  }

  const items = loaded.value?.items ?? [];
  return (
    <Section id="case-notes" title={t('cases.notes.title')}>
      <StatusRegion notice={loaded.notice ?? notice} />
      {loaded.failedWith !== 404 && (
        <form onSubmit={(e) => void add(e)} noValidate aria-label={t('cases.notes.add')}>
          <TextInput id="note-text" name="text" kind="textarea" max={20000} label={t('cases.notes.text')} hint={t('cases.notes.hint')} value={text} error={error} onValue={setText} />
          <button type="submit" class="secondary" aria-disabled={busy}>
            {t('cases.notes.add')}
          </button>
        </form>
      )}
      {loaded.value !== null && items.length === 0 && <p class="muted">{t('cases.notes.none')}</p>}
      <ul class="case-entries">
        {items.map((n) => (
          <li key={n.id}>
            <p class="muted">
              {formatDateTime(n.created_at)} · {n.author.name}
            </p>
            <p class="summary">{n.text}</p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
