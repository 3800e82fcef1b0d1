import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Session } from '../api/types';
import { useT } from '../i18n';
import { LanguageSwitcher } from './LanguageSwitcher';
import { StatusRegion, type Notice } from './StatusRegion';

export type LoginReason = 'sessionEnded' | 'idle' | 'signedOut' | 'unreachable' | null;

interface Props {
  api: ApiClient;
  reason: LoginReason;
  onSignedIn: (session: Session) => void;
}

export function LoginPage({ api, reason, onSignedIn }: Props) {
  const t = useT();
  const emailRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    emailRef.current?.focus();
    document.title = `${t('login.title')}`;
  }, []);

  const reasonNotice: Notice | null =
    reason === 'sessionEnded'
      ? { kind: 'info', text: t('login.sessionEnded') }
      : reason === 'idle'
        ? { kind: 'info', text: t('screens.idle.signedOut') }
      : reason === 'signedOut'
        ? { kind: 'info', text: t('login.signedOut') }
        : reason === 'unreachable'
          ? { kind: 'error', text: t('app.unreachable') }
          : null;

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const form = e.currentTarget as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const passwordInput = form.elements.namedItem('password') as HTMLInputElement;
    if (email === '' || passwordInput.value === '') {
      setNotice({ kind: 'error', text: t('login.missing') });
      (email === '' ? emailRef.current : passwordInput)?.focus();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const session = await api.signIn(email, passwordInput.value);
      passwordInput.value = '';
      onSignedIn(session);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 401) {
        setNotice({ kind: 'error', text: t('login.badCredentials') });
        passwordInput.select();
      } else if (error instanceof ApiError && error.status === 429) {
        setNotice({ kind: 'error', text: error.message || t('login.throttled') });
      } else {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    }
  }

  return (
    <div class="login-layout">
      <div class="login-top">
        <span class="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </div>
      <main id="main" class="login-card" tabIndex={-1}>
        <h1>{t('login.title')}</h1>
        <p class="muted">{t('login.intro')}</p>
        <StatusRegion notice={notice ?? reasonNotice} />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div class="field">
            <label for="login-email">{t('login.email')}</label>
            <input ref={emailRef} id="login-email" name="email" type="email" autocomplete="username" required />
          </div>
          <div class="field">
            <label for="login-password">{t('login.password')}</label>
            <input id="login-password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit" class="primary" aria-disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
