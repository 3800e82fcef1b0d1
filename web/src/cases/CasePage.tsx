// One case: its header (codes, stage, worker, referral), the person (only for roles the server
// gives it to), the coded fields, the stage actions, and its sections. Every section loads on
// its own, so a slow one does not hold up the others.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { codeLabel } from '../codes/labels';
import { BackLink, PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { getCase, refName, type CaseRecord } from './api';
import { AccessHistory } from './AccessHistory';
import { AssignmentSection } from './AssignmentSection';
import { ClientDetails } from './ClientDetails';
import { ConsentsSection } from './ConsentsSection';
import { DocumentsSection } from './DocumentsSection';
import { EditClient } from './EditClient';
import { Section } from './fields';
import { IdentificationSection } from './IdentificationSection';
import { lists } from './lists';
import { NeedsSection } from './NeedsSection';
import { NotesSection } from './NotesSection';
import { PlanSection } from './PlanSection';
import { ProceedingsSection } from './ProceedingsSection';
import { ReferralsSection } from './ReferralsSection';
import { ReferAbroadSection } from '../network/ReferAbroadSection';
import { can } from '../permissions';
import { ServicesSection } from './ServicesSection';
import { BreakGlass } from './BreakGlass';
import { EraseClient } from './EraseClient';
import { FollowUpsSection } from './FollowUpsSection';
import { FlagDuplicate } from './FlagDuplicate';
import { mayApprove, mayBreakGlass, mayErase, mayExportClient, mayFlagDuplicates, mayListCases, maySeeAccessHistory, mayWithdrawDocuments, mayWorkCases } from './permissions';
import { SubjectAccessExport } from './SubjectAccessExport';
import { StatusActions } from './StatusActions';
import { TasksSection } from './TasksSection';
import { TimelineSection } from './TimelineSection';
import { useLoaded } from './useLoaded';
import './cases.css';
import { ReferralAgencyLink } from '../partner/ReferralAgencyLink';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  id: string;
}

export function CasePage({ api, codes, user, id }: Props) {
  const t = useT();
  const loaded = useLoaded(() => getCase(api, id), [id]);
  // Bumped after every change, so the timeline shows it.
  const [round, setRound] = useState(0);
  const changed = () => setRound((r) => r + 1);
  /** After a change that answers the case (or null: read it again). */
  const caseChanged = (c: CaseRecord | null) => {
    if (c) loaded.setValue(c);
    else loaded.reload();
    changed();
  };
  const [editing, setEditing] = useState(false);
  const record = loaded.value;
  const working = mayWorkCases(user) && record?.client.person !== null;

  return (
    <section class="page case-page">
      {mayListCases(user) && (
        <BackLink to={{ name: 'cases' }} label={t('cases.backToList')} />
      )}
      <PageHeading title={record ? t('cases.view.title', { code: record.case_code }) : t('cases.view.loading')} />
      <StatusRegion notice={loaded.notice} />
      {record === null && loaded.failedWith === 404 && mayBreakGlass(user) && (
        <BreakGlass api={api} caseId={id} onOpened={(c) => loaded.setValue(c)} />
      )}
      {record && (
        <>
          <CaseHeader codes={codes} record={record} />
          <StatusActions
            api={api}
            codes={codes}
            record={record}
            mayMove={working}
            mayApprove={mayApprove(user)}
            onChanged={(c) => {
              loaded.setValue(c);
              changed();
            }}
            onReload={loaded.reload}
          />
          {working && <AssignmentSection api={api} record={record} user={user} onChanged={caseChanged} />}
          <ClientDetails codes={codes} client={record.client} />
          {mayExportClient(user) && !record.client.erased_at && (
            <SubjectAccessExport clientId={record.client.id} clientCode={record.client.client_code} />
          )}
          {mayErase(user) && !record.client.erased_at && (
            <EraseClient api={api} clientId={record.client.id} clientCode={record.client.client_code} onErased={loaded.reload} />
          )}
          {working && !editing && (
            <p>
              <button type="button" class="secondary" onClick={() => setEditing(true)}>
                {t('cases.client.change')}
              </button>
            </p>
          )}
          {working && editing && (
            <Section id="case-edit-client" title={t('cases.client.change')}>
              <EditClient
                api={api}
                codes={codes}
                clientId={record.client.id}
                onSaved={() => {
                  setEditing(false);
                  loaded.reload();
                  changed();
                }}
              />
              <button type="button" class="secondary" onClick={() => setEditing(false)}>
                {t('cases.client.cancelChange')}
              </button>
            </Section>
          )}
          <ConsentsSection api={api} codes={codes} caseId={record.id} mayWrite={working} onChanged={changed} />
          <ReferralsSection api={api} codes={codes} caseId={record.id} mayWrite={working} user={user} onChanged={changed} />
          {working && can(user, 'network.referrals_work') && <ReferAbroadSection api={api} codes={codes} record={record} onChanged={changed} />}
          <IdentificationSection
            api={api}
            codes={codes}
            caseId={record.id}
            mayWrite={working}
            onChanged={() => {
              loaded.reload();
              changed();
            }}
          />
          <NeedsSection api={api} codes={codes} caseId={record.id} mayWrite={working} onChanged={changed} />
          <PlanSection
            api={api}
            codes={codes}
            record={record}
            mayWrite={working}
            mayApprove={mayApprove(user)}
            onCaseChanged={() => {
              loaded.reload();
              changed();
            }}
          />
          <ServicesSection api={api} codes={codes} caseId={record.id} mayWrite={working} onChanged={changed} />
          <ProceedingsSection api={api} codes={codes} caseId={record.id} mayWrite={working} onChanged={changed} />
          <FollowUpsSection key={record.closure === null ? 'open' : 'closing'} api={api} codes={codes} caseId={record.id} mayWrite={working} onChanged={changed} closureRequested={record.closure !== null} />
          {working && <NotesSection api={api} caseId={record.id} onChanged={changed} />}
          {working && <TasksSection api={api} record={record} user={user} onChanged={changed} />}
          {working && <DocumentsSection api={api} codes={codes} caseId={record.id} mayWithdraw={mayWithdrawDocuments(user)} onChanged={changed} />}
          <TimelineSection api={api} codes={codes} caseId={record.id} round={round} />
          {working && mayFlagDuplicates(user) && <FlagDuplicate api={api} clientId={record.client.id} />}
          {maySeeAccessHistory(user) && <AccessHistory api={api} clientId={record.client.id} />}
        </>
      )}
    </section>
  );
}

function CaseHeader({ codes, record }: { codes: CodeLists; record: CaseRecord }) {
  const t = useT();
  return (
    <dl class="details case-header">
      <dt>{t('cases.clientCode')}</dt>
      <dd class="mono">{record.client.client_code}</dd>
      <dt>{t('cases.list.status')}</dt>
      <dd>
        <strong>{codeLabel(codes, lists.caseStatus, record.status)}</strong>
      </dd>
      <dt>{t('cases.list.worker')}</dt>
      <dd>{refName(record.assigned_to) || t('cases.unassigned')}</dd>
      {record.team.length > 0 && (
        <>
          <dt>{t('cases.view.team')}</dt>
          <dd>{record.team.map((u) => u.name).join(', ')}</dd>
        </>
      )}
      <dt>{t('cases.view.referral')}</dt>
      <dd>
        {codeLabel(codes, lists.referralSource, record.referral.source_type)} · {record.referral.referred_on}
        <ReferralAgencyLink agencyId={record.referral.agency_id} />
      </dd>
      <dt>{t('cases.openedOn')}</dt>
      <dd>{record.opened_on}</dd>
      {record.reflection_period && (
        <>
          <dt>{t('cases.view.reflection')}</dt>
          <dd>
            {record.reflection_period.start} – {record.reflection_period.end ?? t('cases.view.openEnded')}
          </dd>
        </>
      )}
      <dt>{t('cases.view.plan')}</dt>
      <dd>{t(`cases.view.planStatus.${record.plan_status}`)}</dd>
      <dt>{t('cases.view.linkedContacts')}</dt>
      <dd>{record.linked_contacts.length}</dd>
      {record.closure?.approved_by && (
        <>
          <dt>{t('cases.view.closure')}</dt>
          <dd>
            {codeLabel(codes, lists.closureReason, record.closure.reason)} ·{' '}
            {codeLabel(codes, lists.closureOutcome, record.closure.outcome)} ·{' '}
            {t('cases.view.approvedBy', { name: record.closure.approved_by.name })}
          </dd>
        </>
      )}
    </dl>
  );
}
