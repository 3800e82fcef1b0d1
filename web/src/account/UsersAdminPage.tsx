// The organisation's administrator and its users' sign-in: who has a second factor, a temporary
// password for one who forgot theirs, a second factor removed for one who lost their phone, and
// whether every user needs a second factor. Each ends the user's sessions.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { useLoaded } from '../cases/useLoaded';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { useT } from '../i18n';
import { accountApi, type ManagedUser } from './api';

export function UsersAdminPage({ api }: { api: ApiClient }) {
  const t = useT();
  const users = useLoaded(() => accountApi.users(api), []);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(run: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    setTemporary(null);
    try {
      await run();
      users.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const resetPassword = (u: ManagedUser) =>
    act(async () => {
      if (!window.confirm(t('usersAdmin.confirmPassword', { name: u.name }))) return;
      const answer = await accountApi.resetPassword(api, u.id);
      setTemporary({ name: u.name, password: answer.temporary_password });
    });
  const resetFactor = (u: ManagedUser) =>
    act(async () => {
      if (!window.confirm(t('usersAdmin.confirmFactor', { name: u.name }))) return;
      await accountApi.resetSecondFactor(api, u.id);
      setNotice({ kind: 'success', text: t('usersAdmin.factorReset', { name: u.name }) });
    });
  const setRule = (all: boolean) =>
    act(async () => {
      await accountApi.setRule(api, all);
      setNotice({ kind: 'success', text: t(all ? 'usersAdmin.ruleAll' : 'usersAdmin.ruleSealed') });
    });

  const list = users.value;
  return (
    <div class="users-admin-page">
      <PageHeading title={t('usersAdmin.title')} />
      <StatusRegion notice={notice ?? users.notice} />
      {temporary && (
        <div class="notice notice-success" role="status">
          <p>{t('usersAdmin.temporary', { name: temporary.name })}</p>
          <p>
            <code class="secret">{temporary.password}</code>
          </p>
          <p class="muted">{t('usersAdmin.temporaryOnce')}</p>
        </div>
      )}
      {list && (
        <>
          <div class="field checkbox">
            <input id="rule-all" type="checkbox" checked={list.second_factor_all} onChange={(e) => void setRule(e.currentTarget.checked)} />
            <label for="rule-all">{t('usersAdmin.ruleLabel')}</label>
          </div>
          <TableRegion name={t('usersAdmin.title')}>
            <table>
              <caption class="visually-hidden">{t('usersAdmin.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('usersAdmin.name')}</th>
                  <th scope="col">{t('usersAdmin.email')}</th>
                  <th scope="col">{t('usersAdmin.roles')}</th>
                  <th scope="col">{t('usersAdmin.secondFactor')}</th>
                  <th scope="col">{t('usersAdmin.sessions')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('usersAdmin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                    <td>
                      {u.second_factor ? t('usersAdmin.on') : t('usersAdmin.off')}
                      {u.must_change_password && <> · {t('usersAdmin.mustChange')}</>}
                    </td>
                    <td>{u.sessions}</td>
                    <td class="actions">
                      {!u.is_me && (
                        <>
                          <button type="button" class="secondary" aria-disabled={busy} onClick={() => void resetPassword(u)}>
                            {t('usersAdmin.resetPassword')}
                            <span class="visually-hidden"> {u.name}</span>
                          </button>
                          {u.second_factor && (
                            <button type="button" class="secondary" aria-disabled={busy} onClick={() => void resetFactor(u)}>
                              {t('usersAdmin.resetFactor')}
                              <span class="visually-hidden"> {u.name}</span>
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
    </div>
  );
}
