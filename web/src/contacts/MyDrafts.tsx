// "My drafts": the signed-in consultant's unfinished contacts, to reopen and finish, or discard.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { CodeLists, Contact } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { listMyDrafts } from './api';
import { contactTopicLabel } from '../codes/labels';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  /** Changes whenever the list may have changed (a save). */
  refresh: number;
  /** The draft open in the form, if any. */
  current: string | null;
  onOpen: (contact: Contact) => void;
  /** The consultant asked to discard this draft. */
  onDiscard: (contact: Contact) => void;
}

export function MyDrafts({ api, codes, refresh, current, onOpen, onDiscard }: Props) {
  const t = useT();
  const [drafts, setDrafts] = useState<Contact[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    listMyDrafts(api).then(
      (items) => {
        if (!live) return;
        setFailed(false);
        setDrafts(items);
      },
      (error: unknown) => {
        if (live && !(error instanceof ApiError && (error.status === 401 || error.status === 403))) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [refresh]);

  async function open(id: string) {
    try {
      // The full contact: the list carries coded fields only.
      onOpen(await api.getContact(id));
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) setFailed(true);
    }
  }

  const others = (drafts ?? []).filter((d) => d.id !== current);
  return (
    <aside class="my-drafts" aria-labelledby="my-drafts-title">
      <h2 id="my-drafts-title">{t('hotline.myDrafts')}</h2>
      {failed && <p class="field-error">{t('hotline.draftsFailed')}</p>}
      {drafts !== null && others.length === 0 && <p class="muted">{t('hotline.noDrafts')}</p>}
      <ul>
        {others.map((d) => (
          <li key={d.id}>
            <button type="button" class="link-button" onClick={() => void open(d.id)}>
              {t('hotline.continueDraft', { when: formatDateTime(d.started_at) })}
            </button>
            <span class="muted">
              {' '}
              {contactTopicLabel(codes, d)}
            </span>{' '}
            <button
              type="button"
              class="link-button discard-listed"
              aria-label={t('hotline.discardListed', { when: formatDateTime(d.started_at) })}
              onClick={() => onDiscard(d)}
            >
              {t('hotline.discardShort')}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
