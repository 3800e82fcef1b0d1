import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, User } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { FlaggedCallers } from '../contacts/FlaggedCallers';
import { can } from '../permissions';
import {
  markFollowUpDone,
  supervisionFollowUps,
  supervisionStaleDrafts,
  supervisionToday,
  type SupervisionItem,
} from '../lists/api';
import { hrefFor } from '../router';
import { authorName, listUsers, namesById } from '../users/api';
import { PageHeading } from './PageHeading';
import { TableRegion } from './TableRegion';
import { StatusRegion, type Notice } from './StatusRegion';
import { codeLabel } from '../codes/labels';

const staleHours = 4;

interface Lists {
  today: SupervisionItem[];
  followUps: SupervisionItem[];
  drafts: SupervisionItem[];
  /** Who logged a draft, by user id; empty when the names could not be read. */
  names: Map<string, string>;
}

export function SupervisionPage({ api, codes, user }: { api: ApiClient; codes?: CodeLists; user: User }) {
  const t = useT();
  const [lists, setLists] = useState<Lists | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Some look, some act: the server's policy says which (and checks every request too).
  const mayAct = can(user, 'supervision.act');

  async function load() {
    try {
      const [today, followUps, drafts, users] = await Promise.all([
        supervisionToday(api),
        supervisionFollowUps(api),
        supervisionStaleDrafts(api, staleHours),
        // The names are a convenience: without them the table shows the start of the user id.
        can(user, 'contact.list') ? listUsers(api).catch(() => []) : Promise.resolve([]),
      ]);
      setLists({
        today: today.items,
        followUps: followUps.items,
        drafts: drafts.items,
        names: namesById(users),
      });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    }
  }

  useEffect(() => {
    void load();
  }, []);

  async function done(id: string) {
    if (busy !== null) return;
    setBusy(id);
    try {
      await markFollowUpDone(api, id);
      setNotice({ kind: 'success', text: t('supervision.markedDone') });
      await load();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(null);
    }
  }

  const what = (c: SupervisionItem) =>
    c.kind === 'non_data'
      ? codeLabel(codes, 'non_data_type', c.non_data_type ?? '')
      : codeLabel(codes, 'category', c.category ?? '');
  const open = (c: SupervisionItem, text: string) => <a href={hrefFor({ name: 'contact', id: c.id })}>{text}</a>;

  return (
    <section class="page supervision">
      <PageHeading title={t('supervision.title')} />
      <StatusRegion notice={lists === null && notice === null ? { kind: 'info', text: t('app.loading') } : notice} />
      {lists && (
        <>
          <h2 id="sup-follow-ups">{t('supervision.followUps', { count: lists.followUps.length })}</h2>
          {lists.followUps.length === 0 ? (
            <p>{t('supervision.noFollowUps')}</p>
          ) : (
            <TableRegion name={t('supervision.followUps', { count: lists.followUps.length })}>
              <table class="contacts" aria-labelledby="sup-follow-ups">
                <thead>
                  <tr>
                    <th scope="col">{t('supervision.due')}</th>
                    <th scope="col">{t('supervision.state')}</th>
                    <th scope="col">{t('contacts.started')}</th>
                    <th scope="col">{t('lists.filter.category')}</th>
                    {mayAct && <th scope="col">{t('supervision.action')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {lists.followUps.map((c) => (
                    <tr key={c.id} class={c.follow_up_state === 'overdue' ? 'overdue' : undefined}>
                      <td data-label={t('supervision.due')}>
                        {c.follow_up_due ? formatDateTime(c.follow_up_due) : ''}
                      </td>
                      <td data-label={t('supervision.state')}>
                        {c.follow_up_state ? t(`supervision.states.${c.follow_up_state}`) : ''}
                      </td>
                      <td data-label={t('contacts.started')}>{open(c, formatDateTime(c.started_at))}</td>
                      <td data-label={t('lists.filter.category')}>{what(c)}</td>
                      {mayAct && (
                        <td data-label={t('supervision.action')}>
                          <button
                            type="button"
                            class="secondary"
                            aria-disabled={busy !== null}
                            aria-label={t('supervision.markDoneFor', { when: formatDateTime(c.started_at) })}
                            onClick={() => void done(c.id)}
                          >
                            {busy === c.id ? t('supervision.marking') : t('supervision.markDone')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <h2 id="sup-today">{t('supervision.today', { count: lists.today.length })}</h2>
          {lists.today.length === 0 ? (
            <p>{t('supervision.noneToday')}</p>
          ) : (
            <TableRegion name={t('supervision.today', { count: lists.today.length })}>
              <table class="contacts" aria-labelledby="sup-today">
                <thead>
                  <tr>
                    <th scope="col">{t('contacts.started')}</th>
                    <th scope="col">{t('contacts.channel')}</th>
                    <th scope="col">{t('lists.filter.category')}</th>
                    <th scope="col">{t('lists.filter.status')}</th>
                    <th scope="col">{t('supervision.consultant')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lists.today.map((c) => (
                    <tr key={c.id}>
                      <td data-label={t('contacts.started')}>{open(c, formatDateTime(c.started_at))}</td>
                      <td data-label={t('contacts.channel')}>{codeLabel(codes, 'channel', c.channel)}</td>
                      <td data-label={t('lists.filter.category')}>{what(c)}</td>
                      <td data-label={t('lists.filter.status')}>{t(`lists.status.${c.status}`)}</td>
                      <td data-label={t('supervision.consultant')}>{authorName(lists.names, c.created_by)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
          <h2 id="sup-drafts">{t('supervision.staleDrafts', { hours: staleHours, count: lists.drafts.length })}</h2>
          {lists.drafts.length === 0 ? (
            <p>{t('supervision.noDrafts')}</p>
          ) : (
            <TableRegion name={t('supervision.staleDrafts', { hours: staleHours, count: lists.drafts.length })}>
              <table class="contacts" aria-labelledby="sup-drafts">
                <thead>
                  <tr>
                    <th scope="col">{t('supervision.createdAt')}</th>
                    <th scope="col">{t('contacts.channel')}</th>
                    <th scope="col">{t('supervision.consultant')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lists.drafts.map((c) => (
                    <tr key={c.id}>
                      <td data-label={t('supervision.createdAt')}>{open(c, formatDateTime(c.created_at))}</td>
                      <td data-label={t('contacts.channel')}>{codeLabel(codes, 'channel', c.channel)}</td>
                      <td data-label={t('supervision.consultant')}>{authorName(lists.names, c.created_by)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </>
      )}
      {can(user, 'caller.flag_write') && <FlaggedCallers api={api} codes={codes} />}
    </section>
  );
}
