// Setting up a second factor: a QR code for the authenticator app (and its secret as text for
// those who cannot scan), then a code from the app to confirm it, then the recovery codes.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Session } from '../api/types';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { accountApi, type SecondFactorEnrolment } from './api';
import { RecoveryCodes } from './RecoveryCodes';

interface Props {
  api: ApiClient;
  /** After the recovery codes were acknowledged, with the session as the confirmation left it. */
  onDone: (session: Session) => void;
  /** Replacing a second factor the user has (the Account security page). */
  replacing?: boolean;
}

export function SecondFactorSetup({ api, onDone, replacing = false }: Props) {
  const t = useT();
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [confirmed, setConfirmed] = useState<{ session: Session; codes: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function start() {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      setEnrolment(await accountApi.startEnrolment(api));
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: Event) {
    e.preventDefault();
    if (busy) return;
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    const code = input.value.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) {
      setNotice({ kind: 'error', text: t('account.setup.sixDigits') });
      input.focus();
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const session = await accountApi.confirm(api, code);
      setConfirmed({ session, codes: session.recovery_codes ?? [] });
    } catch (error) {
      setNotice({
        kind: 'error',
        text: error instanceof ApiError && error.field === 'code' ? error.message : errorMessage(t, error),
      });
      input.select();
    } finally {
      setBusy(false);
    }
  }

  if (confirmed) {
    return <RecoveryCodes codes={confirmed.codes} onDone={() => onDone(confirmed.session)} />;
  }
  if (!enrolment) {
    return (
      <div class="second-factor-start">
        <p>{t(replacing ? 'account.setup.replaceIntro' : 'account.setup.intro')}</p>
        <StatusRegion notice={notice} />
        <button type="button" class="primary" onClick={() => void start()} aria-disabled={busy}>
          {t(replacing ? 'account.setup.replace' : 'account.setup.start')}
        </button>
      </div>
    );
  }
  return (
    <div class="second-factor-setup">
      <ol class="steps">
        <li>{t('account.setup.step1')}</li>
        <li>
          {t('account.setup.step2')}
          <img
            class="qr"
            width={220}
            height={220}
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`}
            alt={t('account.setup.qrAlt', { account: enrolment.account })}
          />
          <p>
            {t('account.setup.cannotScan')} <code class="secret">{enrolment.secret}</code>
          </p>
        </li>
        <li>{t('account.setup.step3')}</li>
      </ol>
      <StatusRegion notice={notice} />
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <div class="field">
          <label for="setup-code">{t('account.setup.codeLabel')}</label>
          <input id="setup-code" name="code" inputMode="numeric" autocomplete="one-time-code" maxLength={7} required />
        </div>
        <button type="submit" class="primary" aria-disabled={busy}>
          {t('account.setup.confirm')}
        </button>
      </form>
    </div>
  );
}
