// The case list: filtered by worker and status ("my cases" first for a case worker), newest
// change first, paged by the server's cursor. Only codes and pseudonymous codes are shown, so
// the same list serves the data officer.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, OrgUser, User } from '../api/types';
import { codeLabel, codesInOrder } from '../codes/labels';
import { DataTable } from '../components/DataTable';
import { FilterBar, LoadMore } from '../components/FilterBar';
import { FormField } from '../components/FormField';
import { Options } from '../components/Options';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { usePages } from '../components/usePages';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor, navigate } from '../router';
import { listUsers } from '../users/api';
import { listCases, type CaseFilter, type CaseSummary } from './api';
import { failureText } from './errors';
import { caseFilterFromQuery, caseFilterToQuery } from './filter';
import { lists } from './lists';
import { MyTasks } from './MyTasks';
import { mayOpenCases, mayListMyTasks, mineByDefault } from './permissions';

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
  const [users, setUsers] = useState<OrgUser[]>([]);
  const { items, cursor, loading, notice, load } = usePages({
    read: (f: CaseFilter, after) => listCases(api, f, after),
    summary: (rows: CaseSummary[]) => (rows.length === 0 ? t('cases.list.empty') : t('cases.list.shown', { count: rows.length })),
    failure: failureText,
    initial: { kind: 'info', text: t('app.loading') },
  });

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
      {mayListMyTasks(user) && <MyTasks api={api} codes={codes} />}
      <p class="detail-actions">
        {mayOpenCases(user) && (
          <a class="button" href={hrefFor({ name: 'caseNew' })}>
            {t('cases.list.newClient')}
          </a>
        )}
      </p>
      <CaseFilterForm codes={codes} users={users} draft={draft} setDraft={setDraft} onApply={apply} />
      <StatusRegion notice={notice} />
      {items !== null && items.length > 0 && <CaseTable codes={codes} items={items} />}
      {cursor !== null && <LoadMore loading={loading} onMore={() => void load(filter, cursor)} />}
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
  const set = (key: keyof CaseFilter) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const userName = new Map(users.map((u) => [u.id, u.name]));
  return (
    <FilterBar label={t('cases.list.filterLabel')} legend={t('cases.list.filterLegend')} onApply={onApply}>
      <FormField inputId="case-filter-worker" label={t('cases.list.worker')}>
        <select id="case-filter-worker" value={draft.assigned_to} onChange={set('assigned_to')}>
          <option value="me">{t('cases.list.mine')}</option>
          <Options values={users.map((u) => u.id)} label={(id) => userName.get(id) ?? id} empty={t('cases.list.everyone')} />
        </select>
      </FormField>
      <FormField inputId="case-filter-status" label={t('cases.list.status')}>
        <select id="case-filter-status" value={draft.status} onChange={set('status')}>
          <Options values={codesInOrder(codes, lists.caseStatus)} label={(s) => codeLabel(codes, lists.caseStatus, s)} empty={t('lists.any')} />
        </select>
      </FormField>
    </FilterBar>
  );
}

/** The cases shown: codes only, so every role that lists cases may see them. */
function CaseTable({ codes, items }: { codes: CodeLists; items: CaseSummary[] }) {
  const t = useT();
  return (
    <DataTable
      name={t('cases.list.title')}
      caption={t('cases.list.caption')}
      rows={items}
      rowKey={(c) => c.id}
      columns={[
        { header: t('cases.case'), cell: (c) => <a href={hrefFor({ name: 'case', id: c.id })}>{c.case_code}</a> },
        { header: t('cases.clientCode'), cell: (c) => <span class="mono">{c.client_code}</span> },
        { header: t('cases.list.status'), cell: (c) => codeLabel(codes, lists.caseStatus, c.status) },
        { header: t('cases.list.worker'), cell: (c) => c.assigned_to?.name ?? t('cases.unassigned') },
        { header: t('cases.openedOn'), cell: (c) => c.opened_on },
        { header: t('cases.list.updated'), cell: (c) => formatDateTime(c.updated_at) },
      ]}
    />
  );
}
