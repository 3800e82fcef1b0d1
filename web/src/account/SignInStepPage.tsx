// The steps of a sign-in after the password (the session's stage, docs/openapi.yaml SessionInfo):
// the second factor's code, setting one up when the role requires it, or a new password when an
// administrator set the one used. Nothing else of the app opens until the step is done.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Session } from '../api/types';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { accountApi } from './api';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SecondFactorSetup } from './SecondFactorSetup';

interface Props {
  api: ApiClient;
  session: Session;
  onStep: (session: Session) => void;
  onSignOut: () => void;
  /** The sign-in ended (too many wrong codes, or its five minutes passed). */
  onEnded: () => void;
}

export function SignInStepPage({ api, session, onStep, onSignOut, onEnded }: Props) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const title = t(`account.step.${session.stage}.title`);
  useEffect(() => {
    headingRef.current?.focus();
    document.title = `${title} – Strada`;
  }, [session.stage]);

  return (
    <div class="login-layout">
      <div class="login-top">
        <span class="brand">{t('app.name')}</span>
        <LanguageSwitcher />
      </div>
      <main id="main" class="login-card" tabIndex={-1}>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <p class="muted">{t(`account.step.${session.stage}.intro`, { name: session.user.name })}</p>
        {session.stage === 'code' && <CodeForm api={api} onSignedIn={onStep} onEnded={onEnded} />}
        {session.stage === 'enrol' && <SecondFactorSetup api={api} onDone={onStep} />}
        {session.stage === 'password' && <ChangePasswordForm api={api} onChanged={onStep} />}
        <p>
          <button type="button" class="link-button" onClick={onSignOut}>
            {t('account.step.cancel')}
          </button>
        </p>
      </main>
    </div>
  );
}

function CodeForm({ api, onSignedIn, onEnded }: { api: ApiClient; onSignedIn: (s: Session) => void; onEnded: () => void }) {
  const t = useT();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => inputRef.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    const input = inputRef.current;
    if (busy || !input) return;
    const code = input.value.trim();
    if (code === '') {
      setNotice({ kind: 'error', text: t('account.code.missing') });
      input.focus();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const session = await accountApi.enterCode(api, code);
      input.value = '';
      onSignedIn(session);
    } catch (error) {
      setBusy(false);
      // A fifth wrong code, or the five minutes past, end the sign-in: back to the password.
      if (error instanceof ApiError && error.status === 401) {
        const alive = await api.me().then(
          () => true,
          () => false,
        );
        if (!alive) {
          onEnded();
          return;
        }
      }
      const text = error instanceof ApiError && (error.status === 401 || error.status === 429) ? error.message : errorMessage(t, error);
      setNotice({ kind: 'error', text });
      input.select();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <StatusRegion notice={notice} />
      <div class="field">
        <label for="signin-code">{t('account.code.label')}</label>
        <input
          ref={inputRef}
          id="signin-code"
          name="code"
          autocomplete="one-time-code"
          inputMode="text"
          aria-describedby="signin-code-hint"
          maxLength={40}
          required
        />
        <p id="signin-code-hint" class="hint">
          {t('account.code.hint')}
        </p>
      </div>
      <button type="submit" class="primary" aria-disabled={busy}>
        {busy ? t('login.submitting') : t('account.code.submit')}
      </button>
    </form>
  );
}
