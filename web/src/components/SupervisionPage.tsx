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
import { DataTable, type Column } from './DataTable';
import { StatusRegion, type Notice } from './StatusRegion';
import { codeLabel, contactTopicLabel } from '../codes/labels';

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

  const open = (c: SupervisionItem, text: string) => <a href={hrefFor({ name: 'contact', id: c.id })}>{text}</a>;
  const started: Column<SupervisionItem> = {
    header: t('contacts.started'),
    cell: (c) => open(c, formatDateTime(c.started_at)),
  };
  const category: Column<SupervisionItem> = { header: t('lists.filter.category'), cell: (c) => contactTopicLabel(codes, c) };
  const channel: Column<SupervisionItem> = {
    header: t('contacts.channel'),
    cell: (c) => codeLabel(codes, 'channel', c.channel),
  };
  const consultant = (names: Map<string, string>): Column<SupervisionItem> => ({
    header: t('supervision.consultant'),
    cell: (c) => authorName(names, c.created_by),
  });
  const markDone: Column<SupervisionItem> = {
    header: t('supervision.action'),
    cell: (c) => (
      <button
        type="button"
        class="secondary"
        aria-disabled={busy !== null}
        aria-label={t('supervision.markDoneFor', { when: formatDateTime(c.started_at) })}
        onClick={() => void done(c.id)}
      >
        {busy === c.id ? t('supervision.marking') : t('supervision.markDone')}
      </button>
    ),
  };

  return (
    <section class="page supervision">
      <PageHeading title={t('supervision.title')} />
      <StatusRegion notice={lists === null && notice === null ? { kind: 'info', text: t('app.loading') } : notice} />
      {lists && (
        <>
          <SupervisionList
            id="sup-follow-ups"
            title={t('supervision.followUps', { count: lists.followUps.length })}
            none={t('supervision.noFollowUps')}
            rows={lists.followUps}
            rowProps={(c) => ({ class: c.follow_up_state === 'overdue' ? 'overdue' : undefined })}
            columns={[
              {
                header: t('supervision.due'),
                cell: (c) => (c.follow_up_due ? formatDateTime(c.follow_up_due) : ''),
              },
              {
                header: t('supervision.state'),
                cell: (c) => (c.follow_up_state ? t(`supervision.states.${c.follow_up_state}`) : ''),
              },
              started,
              category,
              mayAct && markDone,
            ]}
          />
          <SupervisionList
            id="sup-today"
            title={t('supervision.today', { count: lists.today.length })}
            none={t('supervision.noneToday')}
            rows={lists.today}
            columns={[
              started,
              channel,
              category,
              { header: t('lists.filter.status'), cell: (c) => t(`lists.status.${c.status}`) },
              consultant(lists.names),
            ]}
          />
          <SupervisionList
            id="sup-drafts"
            title={t('supervision.staleDrafts', { hours: staleHours, count: lists.drafts.length })}
            none={t('supervision.noDrafts')}
            rows={lists.drafts}
            columns={[
              { header: t('supervision.createdAt'), cell: (c) => open(c, formatDateTime(c.created_at)) },
              channel,
              consultant(lists.names),
            ]}
          />
        </>
      )}
      {can(user, 'caller.flag_write') && <FlaggedCallers api={api} codes={codes} />}
    </section>
  );
}

interface SupervisionListProps {
  id: string;
  title: string;
  /** Said instead of the table when the list is empty. */
  none: string;
  rows: SupervisionItem[];
  columns: (Column<SupervisionItem> | false)[];
  rowProps?: (c: SupervisionItem) => { class?: string | undefined };
}

/** One of the page's lists: its heading, then its table (or a sentence when it is empty). */
function SupervisionList({ id, title, none, rows, columns, rowProps }: SupervisionListProps) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>{none}</p>
      ) : (
        <DataTable name={title} labelledBy={id} columns={columns} rows={rows} rowKey={(c) => c.id} rowProps={rowProps} />
      )}
    </>
  );
}
