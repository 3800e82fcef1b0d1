// A supervisor's pending approvals: the plans submitted and the closures requested on the
// organisation's cases, oldest request first, each with a link to its case; then the possible
// duplicate clients to merge or dismiss (client.merge) and the referrals made without the
// person's consent (ConsentOverrides).
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { codeLabel } from '../codes/labels';
import { DataTable } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import { DuplicatesSection } from './DuplicatesSection';
import { pendingApprovals, refName, type PendingApproval } from './api';
import { ConsentOverrides } from './ConsentOverrides';
import { lists } from './lists';
import { mayMergeClients, mayOverrideConsent } from './permissions';
import { useLoaded } from './useLoaded';
import './cases.css';

export function ApprovalsPage({ api, codes, user }: { api: ApiClient; codes: CodeLists; user: User }) {
  const t = useT();
  const loaded = useLoaded(() => pendingApprovals(api, 'any'), []);
  const rows = loaded.value?.items ?? [];
  return (
    <section class="page approvals-page">
      <PageHeading title={t('cases.approvals.title')} />
      <StatusRegion notice={loaded.notice} />
      {loaded.value !== null && rows.length === 0 && <p>{t('cases.approvals.none')}</p>}
      {rows.length > 0 && (
        <DataTable<PendingApproval>
          name={t('cases.approvals.title')}
          caption={t('cases.approvals.caption', { count: rows.length })}
          rows={rows}
          rowKey={(r) => `${r.case_id}-${r.kind}`}
          columns={[
            {
              header: t('cases.approvals.case'),
              cell: (r) => (
                <a href={hrefFor({ name: 'case', id: r.case_id })} class="mono">
                  {r.case_code}
                </a>
              ),
            },
            { header: t('cases.clientCode'), cell: (r) => <span class="mono">{r.client_code}</span> },
            { header: t('cases.approvals.kind'), cell: (r) => t(`cases.approvals.kinds.${r.kind}`) },
            { header: t('cases.list.status'), cell: (r) => codeLabel(codes, lists.caseStatus, r.status) },
            { header: t('cases.approvals.requestedBy'), cell: (r) => refName(r.requested_by) },
            { header: t('cases.approvals.requestedAt'), cell: (r) => formatDateTime(r.requested_at) },
            { header: t('cases.list.worker'), cell: (r) => refName(r.assigned_to) || t('cases.unassigned') },
          ]}
        />
      )}
      {mayMergeClients(user) && <DuplicatesSection api={api} codes={codes} />}
      {mayOverrideConsent(user) && <ConsentOverrides api={api} codes={codes} />}
    </section>
  );
}
