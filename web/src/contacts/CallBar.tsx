// The bar above the hotline form: "New contact" with the call timer, whether the form is a
// draft on the server, when it was last saved (a quiet status, not an announcement), and
// "Discard draft".
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import { useT } from '../i18n';
import type { AutosaveState } from './draftAutosave';
import { DraftFinishedError } from './draftAutosave';
import { formatTimer } from './hotline';

interface Props {
  timerSeconds: number | null;
  hasDraft: boolean;
  autosave: AutosaveState;
  busy: boolean;
  onNewContact: () => void;
  onDiscard: () => void;
}

const clock = (at: Date) =>
  `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;

/** The autosave's state in a few words. */
function AutosaveStatus({ state }: { state: AutosaveState }) {
  const t = useT();
  let text: string;
  let tone = 'muted';
  switch (state.kind) {
    case 'idle':
      return null;
    case 'saving':
      text = t('hotline.autosaving');
      break;
    case 'saved':
      text = t('hotline.autosaved', { time: clock(state.at) });
      break;
    case 'invalid':
      text = t('hotline.autosaveInvalid', { reason: t(state.messageKey) });
      tone = 'field-error';
      break;
    case 'failed':
      tone = 'field-error';
      if (state.error instanceof DraftFinishedError) text = t('hotline.autosaveFinished');
      else if (state.error instanceof ApiError && state.error.status === 404) text = t('hotline.autosaveGone');
      else text = t('hotline.autosaveFailed', { reason: errorMessage(t, state.error) });
      break;
  }
  return <p class={`autosave-status ${tone}`}>{text}</p>;
}

export function CallBar({ timerSeconds, hasDraft, autosave, busy, onNewContact, onDiscard }: Props) {
  const t = useT();
  return (
    <div class="call-bar">
      <button type="button" class="primary" onClick={onNewContact} aria-keyshortcuts="Alt+N">
        {t('hotline.newContact')} <kbd>Alt+N</kbd>
      </button>
      <p class="call-timer">
        <span class="visually-hidden">{t('hotline.callTime')} </span>
        <span role="timer" aria-label={t('hotline.callTime')} class={timerSeconds === null ? 'muted' : ''}>
          {formatTimer(timerSeconds ?? 0)}
        </span>
      </p>
      {hasDraft && <p class="muted draft-badge">{t('hotline.draftBadge')}</p>}
      <AutosaveStatus state={autosave} />
      {hasDraft && (
        <button type="button" class="secondary discard-draft" aria-disabled={busy} onClick={onDiscard}>
          {t('hotline.discardDraft')}
        </button>
      )}
    </div>
  );
}
