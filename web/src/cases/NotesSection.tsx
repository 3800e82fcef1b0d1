// The case's notes, newest first: the text is sealed under the person's key on the server.
import type { ApiClient } from '../api/client';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import type { CaseNote } from './api';
import { Section, TextInput } from './fields';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';

interface Props {
  api: ApiClient;
  caseId: string;
  onChanged: () => void;
}

export function NotesSection({ api, caseId, onChanged }: Props) {
  const t = useT();
  const loaded = useEntries<CaseNote>(api, caseId, 'notes', onChanged);
  const form = useCaseForm('note', { text: '' });

  function add() {
    const text = form.values.text.trim();
    if (text === '') {
      form.invalid('text', t('cases.notes.needText'));
      return;
    }
    void form.send(async () => {
      await loaded.add({ text });
      form.setValues({ text: '' });
    }, { done: t('cases.notes.added') });
  }

  const items = loaded.items;
  return (
    <Section id="case-notes" title={t('cases.notes.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
      {loaded.failedWith !== 404 && (
        <form onSubmit={form.onSubmit(add)} noValidate aria-label={t('cases.notes.add')}>
          <TextInput {...form.bind('text', t('cases.notes.text'))} kind="textarea" max={20000} hint={t('cases.notes.hint')} />
          <button type="submit" class="secondary" aria-disabled={form.busy}>
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
