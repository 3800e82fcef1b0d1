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
import { TableRegion } from '../components/TableRegion';
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
          <TableRegion name={t('flaggedCallers.title')}>
            <table class="contacts" aria-labelledby="flagged-callers-title">
              <thead>
                <tr>
                  <th scope="col">{t('flaggedCallers.flag')}</th>
                  <th scope="col">{t('flaggedCallers.expires')}</th>
                  <th scope="col">{t('flaggedCallers.setBy')}</th>
                  <th scope="col">{t('flaggedCallers.setAt')}</th>
                  <th scope="col" class="num">
                    {t('flaggedCallers.contacts')}
                  </th>
                  <th scope="col">{t('flaggedCallers.latest')}</th>
                  <th scope="col">{t('flaggedCallers.action')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const flag = label(row.flag);
                  const busy = removing?.caller_ref === row.caller_ref && removing.flag === row.flag;
                  return (
                    <tr key={`${row.caller_ref}:${row.flag}`}>
                      <td data-label={t('flaggedCallers.flag')}>{flag}</td>
                      <td data-label={t('flaggedCallers.expires')}>{formatDateTime(row.expires_at)}</td>
                      <td data-label={t('flaggedCallers.setBy')}>
                        {row.created_by_name ?? t('flaggedCallers.unknownUser', { ref: row.created_by.slice(0, 8) })}
                      </td>
                      <td data-label={t('flaggedCallers.setAt')}>{formatDateTime(row.created_at)}</td>
                      <td data-label={t('flaggedCallers.contacts')} class="num">
                        {row.contact_count}
                      </td>
                      <td data-label={t('flaggedCallers.latest')}>
                        {row.latest_contact ? (
                          <a
                            href={hrefFor({ name: 'contact', id: row.latest_contact.id })}
                            aria-label={t('flaggedCallers.openLatest', {
                              flag,
                              when: formatDateTime(row.latest_contact.started_at),
                            })}
                          >
                            {formatDateTime(row.latest_contact.started_at)}
                          </a>
                        ) : (
                          t('flaggedCallers.noContact')
                        )}
                      </td>
                      <td data-label={t('flaggedCallers.action')}>
                        <button
                          type="button"
                          class="secondary"
                          aria-disabled={removing !== null}
                          aria-label={t('flaggedCallers.removeLabel', {
                            flag,
                            until: formatDateTime(row.expires_at),
                          })}
                          onClick={() => void remove(row)}
                        >
                          {busy ? t('flaggedCallers.removing') : t('flaggedCallers.remove')}
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
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
