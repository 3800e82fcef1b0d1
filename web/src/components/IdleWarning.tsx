// Two minutes before the server's idle timeout, a modal alert dialog offers to stay signed in
// (any request resets the server's clock: GET /api/v1/me); at the timeout the app signs out.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { idleState, idleTimeoutMs } from '../session/idle';

const checkEveryMs = 5000;

interface Props {
  api: ApiClient;
  /** The session has reached the idle timeout. */
  onExpired: () => void;
}

export function IdleWarning({ api, onExpired }: Props) {
  const t = useT();
  const [warning, setWarning] = useState(false);
  const [failed, setFailed] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const check = () => {
      const state = idleState(api.lastRequestAt, Date.now());
      if (state === 'expired') {
        clearInterval(timer); // once: the app signs out
        onExpired();
      } else {
        setWarning(state === 'warn');
      }
    };
    const timer = setInterval(check, checkEveryMs);
    return () => clearInterval(timer);
  }, [api]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (warning && !dialog.open) {
      setFailed(false);
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!warning && dialog.open) {
      dialog.close();
    }
  }, [warning]);

  async function stay() {
    try {
      await api.me();
      setWarning(false);
    } catch {
      setFailed(true); // a 401 signs out through onSessionEnded; anything else: say so, keep the dialog
    }
  }

  const signOutAt = formatTime(new Date(api.lastRequestAt + idleTimeoutMs).toISOString());
  return (
    <dialog
      ref={dialogRef}
      class="idle-warning"
      role="alertdialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(e) => {
        // Escape means "I am here": stay signed in rather than leave the warning unanswered.
        e.preventDefault();
        void stay();
      }}
    >
      {warning && (
        <>
          <h2 id="idle-title">{t('screens.idle.title')}</h2>
          <p id="idle-text">{t('screens.idle.text', { time: signOutAt })}</p>
          {failed && (
            <p class="notice notice-error" role="alert">
              {t('app.unreachable')}
            </p>
          )}
          <div class="actions">
            <button type="button" class="primary" autoFocus onClick={() => void stay()}>
              {t('screens.idle.stay')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
