// One's own sign-in security: the second factor (set up, replace, new recovery codes), the
// password, and the sessions open on other computers and phones, each of which can be ended.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Session } from '../api/types';
import { useLoaded } from '../cases/useLoaded';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { accountApi, type MySession } from './api';
import { ChangePasswordForm } from './ChangePasswordForm';
import { RecoveryCodes } from './RecoveryCodes';
import { SecondFactorSetup } from './SecondFactorSetup';

const when = (ms: number) => formatDateTime(new Date(ms).toISOString());

export function AccountSecurityPage({ api, onSession }: { api: ApiClient; onSession: (s: Session) => void }) {
  const t = useT();
  return (
    <div class="account-page">
      <PageHeading title={t('account.title')} />
      <SecondFactorSection api={api} />
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.password.title')}</h2>
        <p>{t('account.password.intro')}</p>
        <ChangePasswordForm api={api} onChanged={onSession} />
      </section>
      <SessionsSection api={api} />
    </div>
  );
}

function SecondFactorSection({ api }: { api: ApiClient }) {
  const t = useT();
  const status = useLoaded(() => accountApi.status(api), []);
  const [mode, setMode] = useState<'view' | 'setup'>('view');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const s = status.value;

  async function renew(e: Event) {
    e.preventDefault();
    if (busy) return;
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('code') as HTMLInputElement;
    setBusy(true);
    setNotice(null);
    try {
      const answer = await accountApi.renewRecoveryCodes(api, input.value.trim());
      input.value = '';
      setCodes(answer.recovery_codes);
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiError && error.field === 'code' ? error.message : errorMessage(t, error) });
      input.select();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="account-second-factor">
      <h2 id="account-second-factor">{t('account.factor.title')}</h2>
      <StatusRegion notice={status.notice} />
      {s && mode === 'view' && codes === null && (
        <>
          <p>
            {s.enabled ? t('account.factor.on', { date: when(s.enabled_at) }) : t('account.factor.off')}{' '}
            {s.required ? t('account.factor.required') : t('account.factor.optional')}
          </p>
          {s.enabled && <p>{t('account.factor.codesLeft', { count: s.recovery_codes_left })}</p>}
          <button type="button" class="secondary" onClick={() => setMode('setup')}>
            {s.enabled ? t('account.setup.replace') : t('account.setup.start')}
          </button>
          {s.enabled && (
            <form class="inline-form" onSubmit={(e) => void renew(e)} noValidate>
              <h3>{t('account.factor.renewTitle')}</h3>
              <StatusRegion notice={notice} />
              <div class="field">
                <label for="renew-code">{t('account.setup.codeLabel')}</label>
                <input id="renew-code" name="code" inputMode="numeric" autocomplete="one-time-code" maxLength={7} required />
              </div>
              <button type="submit" class="secondary" aria-disabled={busy}>
                {t('account.factor.renew')}
              </button>
            </form>
          )}
        </>
      )}
      {codes !== null && (
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            status.reload();
          }}
        />
      )}
      {mode === 'setup' && (
        <SecondFactorSetup
          api={api}
          replacing={s?.enabled ?? false}
          onDone={() => {
            setMode('view');
            status.reload();
          }}
        />
      )}
    </section>
  );
}

function SessionsSection({ api }: { api: ApiClient }) {
  const t = useT();
  const sessions = useLoaded(() => accountApi.sessions(api), []);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function end(s: MySession) {
    setNotice(null);
    try {
      await accountApi.endSession(api, s.id);
      setNotice({ kind: 'success', text: t('account.sessions.ended') });
      sessions.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    }
  }

  const items = sessions.value?.items ?? [];
  return (
    <section aria-labelledby="account-sessions">
      <h2 id="account-sessions">{t('account.sessions.title')}</h2>
      <p>{t('account.sessions.intro')}</p>
      <StatusRegion notice={notice ?? sessions.notice} />
      {items.length > 0 && (
        <TableRegion name={t('account.sessions.title')}>
          <table>
            <caption class="visually-hidden">{t('account.sessions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.sessions.browser')}</th>
                <th scope="col">{t('account.sessions.started')}</th>
                <th scope="col">{t('account.sessions.lastUsed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('account.sessions.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>{s.agent === '' ? t('account.sessions.unknownBrowser') : s.agent}</td>
                  <td>{when(s.created_at)}</td>
                  <td>{when(s.last_seen_at)}</td>
                  <td>
                    {s.current ? (
                      <strong>{t('account.sessions.thisOne')}</strong>
                    ) : (
                      <button
                        type="button"
                        class="secondary"
                        onClick={() => void end(s)}
                        aria-label={t('account.sessions.endLabel', { started: when(s.created_at) })}
                      >
                        {t('account.sessions.end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
