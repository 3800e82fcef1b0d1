// "Flagged callers" on the supervision screen: the organisation's active caller flags, newest
// first, page by page, each with who set it, until when, the caller's contacts and a link to the
// latest one, and "Remove" (after a confirmation). Callers are shown by their flags only: the
// list carries an opaque reference, never a number or a handle.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Notice } from '../components/StatusRegion';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { DataTable } from '../components/DataTable';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import { appendPage, type FlaggedCaller, listFlaggedCallers, removeFlagByRef, withoutRow } from './flagsApi';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';

type Loading = 'first' | 'more' | null;

export function FlaggedCallers({ api, codes }: { api: ApiClient; codes?: CodeLists | null }) {
  const t = useT();
  const [rows, setRows] = useState<FlaggedCaller[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState<Loading>('first');
  const [removing, setRemoving] = useState<FlaggedCaller | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const label = (flag: string) => codeLabel(codes, 'caller_flag', flag);

  function failure(error: unknown): Notice | null {
    if (error instanceof ApiError) {
      if (error.status === 401) return null; // the app shows the sign-in page
      if (error.status === 403) return { kind: 'error', text: t('flaggedCallers.forbidden') };
    }
    return { kind: 'error', text: errorMessage(t, error) };
  }

  async function load(cursor: string | null) {
    setLoading(cursor === null ? 'first' : 'more');
    try {
      const page = await listFlaggedCallers(api, cursor);
      setRows((shown) => (cursor === null || shown === null ? page.items : appendPage(shown, page.items)));
      setNext(page.next_cursor);
      if (cursor !== null && page.next_cursor === null) heading.current?.focus();
    } catch (error) {
      const notice = failure(error);
      if (notice) {
        setNotice({
          kind: 'error',
          text: t(cursor === null ? 'flaggedCallers.loadFailed' : 'flaggedCallers.moreFailed', {
            reason: notice.text,
          }),
        });
      }
    } finally {
      setLoading(null);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  async function remove(row: FlaggedCaller) {
    if (removing !== null) return;
    const flag = label(row.flag);
    if (!window.confirm(t('flaggedCallers.confirmRemove', { flag, until: formatDateTime(row.expires_at) }))) return;
    setRemoving(row);
    try {
      await removeFlagByRef(api, row.caller_ref, row.flag);
      setRows((shown) => (shown === null ? shown : withoutRow(shown, row)));
      setNotice({ kind: 'success', text: t('flaggedCallers.removed', { flag }) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Removed by someone else, or expired meanwhile: nothing is left to remove.
        setRows((shown) => (shown === null ? shown : withoutRow(shown, row)));
        setNotice({ kind: 'info', text: t('flaggedCallers.alreadyGone', { flag }) });
      } else {
        const notice = failure(error);
        if (notice) {
          setNotice({ kind: 'error', text: t('flaggedCallers.removeFailed', { flag, reason: notice.text }) });
        }
      }
    } finally {
      setRemoving(null);
      // The row's button may be gone: keep the keyboard in the list.
      heading.current?.focus();
    }
  }

  return (
    <section class="flagged-callers" aria-labelledby="flagged-callers-title">
      <h2 id="flagged-callers-title" tabIndex={-1} ref={heading}>
        {t('flaggedCallers.title')}
      </h2>
      <p class="hint">{t('flaggedCallers.intro')}</p>
      <StatusRegion notice={loading === 'first' && rows === null ? { kind: 'info', text: t('app.loading') } : notice}>
        {rows === null && loading === null && (
          <>
            {' '}
            <button type="button" class="secondary" onClick={() => void load(null)}>
              {t('app.retry')}
            </button>
          </>
        )}
      </StatusRegion>
      {rows !== null &&
        (rows.length === 0 ? (
          <p>{t('flaggedCallers.none')}</p>
        ) : (
          <DataTable
            name={t('flaggedCallers.title')}
            labelledBy="flagged-callers-title"
            rows={rows}
            rowKey={(row) => `${row.caller_ref}:${row.flag}`}
            columns={[
              { header: t('flaggedCallers.flag'), cell: (row) => label(row.flag) },
              { header: t('flaggedCallers.expires'), cell: (row) => formatDateTime(row.expires_at) },
              {
                header: t('flaggedCallers.setBy'),
                cell: (row) =>
                  row.created_by_name ?? t('flaggedCallers.unknownUser', { ref: row.created_by.slice(0, 8) }),
              },
              { header: t('flaggedCallers.setAt'), cell: (row) => formatDateTime(row.created_at) },
              { header: t('flaggedCallers.contacts'), cell: (row) => row.contact_count, class: 'num' },
              {
                header: t('flaggedCallers.latest'),
                cell: (row) =>
                  row.latest_contact ? (
                    <a
                      href={hrefFor({ name: 'contact', id: row.latest_contact.id })}
                      aria-label={t('flaggedCallers.openLatest', {
                        flag: label(row.flag),
                        when: formatDateTime(row.latest_contact.started_at),
                      })}
                    >
                      {formatDateTime(row.latest_contact.started_at)}
                    </a>
                  ) : (
                    t('flaggedCallers.noContact')
                  ),
              },
              {
                header: t('flaggedCallers.action'),
                cell: (row) => (
                  <button
                    type="button"
                    class="secondary"
                    aria-disabled={removing !== null}
                    aria-label={t('flaggedCallers.removeLabel', {
                      flag: label(row.flag),
                      until: formatDateTime(row.expires_at),
                    })}
                    onClick={() => void remove(row)}
                  >
                    {removing?.caller_ref === row.caller_ref && removing.flag === row.flag
                      ? t('flaggedCallers.removing')
                      : t('flaggedCallers.remove')}
                  </button>
                ),
              },
            ]}
          />
        ))}
      {rows !== null && next !== null && (
        <button
          type="button"
          class="secondary"
          aria-disabled={loading !== null}
          onClick={() => {
            if (loading === null) void load(next);
          }}
        >
          {loading === 'more' ? t('app.loading') : t('flaggedCallers.loadMore')}
        </button>
      )}
    </section>
  );
}
