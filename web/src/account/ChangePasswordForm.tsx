import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Session } from '../api/types';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { accountApi } from './api';

/** The current password, the new one twice; a success ends the user's other sessions. */
export function ChangePasswordForm({ api, onChanged }: { api: ApiClient; onChanged: (session: Session) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
    const current = field('current_password');
    const next = field('new_password');
    const again = field('new_password_again');
    if (current.value === '' || next.value === '') {
      setNotice({ kind: 'error', text: t('account.password.missing') });
      (current.value === '' ? current : next).focus();
      return;
    }
    if (next.value !== again.value) {
      setNotice({ kind: 'error', text: t('account.password.mismatch') });
      again.select();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const session = await accountApi.changePassword(api, current.value, next.value);
      form.reset();
      const ended = session.other_sessions_ended ?? 0;
      setNotice({ kind: 'success', text: t('account.password.changed', { count: ended }) });
      onChanged(session);
    } catch (error) {
      if (error instanceof ApiError && (error.field === 'current_password' || error.field === 'new_password')) {
        setNotice({ kind: 'error', text: error.message });
        field(error.field).select();
      } else {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <StatusRegion notice={notice} />
      <div class="field">
        <label for="pw-current">{t('account.password.current')}</label>
        <input id="pw-current" name="current_password" type="password" autocomplete="current-password" required />
      </div>
      <div class="field">
        <label for="pw-new">{t('account.password.new')}</label>
        <input id="pw-new" name="new_password" type="password" autocomplete="new-password" aria-describedby="pw-rule" required />
        <p id="pw-rule" class="hint">
          {t('account.password.rule')}
        </p>
      </div>
      <div class="field">
        <label for="pw-again">{t('account.password.again')}</label>
        <input id="pw-again" name="new_password_again" type="password" autocomplete="new-password" required />
      </div>
      <button type="submit" class="primary" aria-disabled={busy}>
        {t('account.password.submit')}
      </button>
    </form>
  );
}
