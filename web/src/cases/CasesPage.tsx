// The case list: filtered by worker and status ("my cases" first for a case worker), newest
// change first, paged by the server's cursor. Only codes and pseudonymous codes are shown, so
// the same list serves the data officer.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, OrgUser, User } from '../api/types';
import { codeLabel, codesInOrder } from '../codes/labels';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor, navigate } from '../router';
import { listUsers } from '../users/api';
import { listCases, type CaseFilter, type CaseSummary } from './api';
import { failureText } from './errors';
import { caseFilterFromQuery, caseFilterToQuery } from './filter';
import { lists } from './lists';
import { mayOpenCases, mineByDefault } from './permissions';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  query?: string;
}

export function CasesPage({ api, codes, user, query = '' }: Props) {
  const t = useT();
  const filter = caseFilterFromQuery(query, mineByDefault(user));
  const filterKey = caseFilterToQuery(filter);
  const [draft, setDraft] = useState<CaseFilter>(filter);
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [users, setUsers] = useState<OrgUser[]>([]);

  async function load(f: CaseFilter, after: string | null) {
    setLoading(true);
    try {
      const page = await listCases(api, f, after);
      const merged = [...(after === null ? [] : (items ?? [])), ...page.items];
      setItems(merged);
      setCursor(page.next_cursor);
      setNotice({
        kind: 'info',
        text: merged.length === 0 ? t('cases.list.empty') : t('cases.list.shown', { count: merged.length }),
      });
    } catch (error) {
      const text = failureText(t, error);
      if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setDraft(filter);
    void load(filter, null);
  }, [filterKey]);

  useEffect(() => {
    // Colleagues by name where the server lists them; "my cases" and "all" work without.
    if (can(user, 'contact.list')) listUsers(api).then(setUsers, () => undefined);
  }, []);

  function apply(e: Event) {
    e.preventDefault();
    const next = caseFilterToQuery(draft);
    if (next === filterKey) void load(draft, null);
    else navigate({ name: 'cases', query: next });
  }

  return (
    <section class="page">
      <PageHeading title={t('cases.list.title')} />
      <p class="detail-actions">
        {mayOpenCases(user) && (
          <a class="button" href={hrefFor({ name: 'caseNew' })}>
            {t('cases.list.newClient')}
          </a>
        )}
      </p>
      <CaseFilterForm codes={codes} users={users} draft={draft} setDraft={setDraft} onApply={apply} />
      <StatusRegion notice={notice} />
      {items !== null && items.length > 0 && (
        <TableRegion name={t('cases.list.title')}>
          <CaseTable codes={codes} items={items} />
        </TableRegion>
      )}
      {cursor !== null && (
        <button
          type="button"
          class="secondary load-more"
          aria-disabled={loading}
          onClick={() => {
            if (!loading) void load(filter, cursor);
          }}
        >
          {loading ? t('contacts.loadingMore') : t('contacts.loadMore')}
        </button>
      )}
    </section>
  );
}

interface FilterProps {
  codes: CodeLists;
  users: OrgUser[];
  draft: CaseFilter;
  setDraft: (update: (d: CaseFilter) => CaseFilter) => void;
  onApply: (e: Event) => void;
}

/** The worker ("my cases", every case, or a colleague) and the stage. */
function CaseFilterForm({ codes, users, draft, setDraft, onApply }: FilterProps) {
  const t = useT();
  return (
    <form class="filter filter-bar" onSubmit={onApply} noValidate aria-label={t('cases.list.filterLabel')}>
      <fieldset>
        <legend>{t('cases.list.filterLegend')}</legend>
        <div class="field">
          <label for="case-filter-worker">{t('cases.list.worker')}</label>
          <select
            id="case-filter-worker"
            value={draft.assigned_to}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, assigned_to: v }));
            }}
          >
            <option value="me">{t('cases.list.mine')}</option>
            <option value="">{t('cases.list.everyone')}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="case-filter-status">{t('cases.list.status')}</label>
          <select
            id="case-filter-status"
            value={draft.status}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, status: v }));
            }}
          >
            <option value="">{t('lists.any')}</option>
            {codesInOrder(codes, lists.caseStatus).map((s) => (
              <option key={s} value={s}>
                {codeLabel(codes, lists.caseStatus, s)}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-actions">
          <button type="submit" class="secondary">
            {t('contacts.apply')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** The cases shown: codes only, so every role that lists cases may see them. */
function CaseTable({ codes, items }: { codes: CodeLists; items: CaseSummary[] }) {
  const t = useT();
  return (
    <table class="contacts cases">
      <caption>{t('cases.list.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.case')}</th>
          <th scope="col">{t('cases.clientCode')}</th>
          <th scope="col">{t('cases.list.status')}</th>
          <th scope="col">{t('cases.list.worker')}</th>
          <th scope="col">{t('cases.openedOn')}</th>
          <th scope="col">{t('cases.list.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <td data-label={t('cases.case')}>
              <a href={hrefFor({ name: 'case', id: c.id })}>{c.case_code}</a>
            </td>
            <td data-label={t('cases.clientCode')} class="mono">
              {c.client_code}
            </td>
            <td data-label={t('cases.list.status')}>{codeLabel(codes, lists.caseStatus, c.status)}</td>
            <td data-label={t('cases.list.worker')}>{c.assigned_to?.name ?? t('cases.unassigned')}</td>
            <td data-label={t('cases.openedOn')}>{c.opened_on}</td>
            <td data-label={t('cases.list.updated')}>{formatDateTime(c.updated_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
