// Which screen each route shows: one entry per route name (the type checks that none is
// missing), instead of a chain of ifs.
import type { JSX } from 'preact';
import type { ApiClient } from './api/client';
import type { CodeLists, Session, User } from './api/types';
import { AccountSecurityPage } from './account/AccountSecurityPage';
import { RetentionPage } from './account/RetentionPage';
import { PublicProfilePage } from './publicProfile/PublicProfilePage';
import { UsersAdminPage } from './account/UsersAdminPage';
import { AgencyForm } from './components/AgencyForm';
import { AgencyView } from './components/AgencyView';
import { ContactDetail } from './components/ContactDetail';
import { ContactsPage } from './components/ContactsPage';
import { DirectoryPage } from './components/DirectoryPage';
import { KnowledgePage } from './components/KnowledgePage';
import { LogContactPage } from './components/LogContactPage';
import { LookupPanel } from './components/LookupPanel';
import { SafetyPlanPage } from './components/SafetyPlanPage';
import { StatsPage } from './components/StatsPage';
import { StatusRegion } from './components/StatusRegion';
import { SupervisionPage } from './components/SupervisionPage';
import { ApprovalsPage } from './cases/ApprovalsPage';
import { CasePage } from './cases/CasePage';
import { CasesPage } from './cases/CasesPage';
import { LinkContactPage } from './cases/LinkContactPage';
import { NewClientPage } from './cases/NewClientPage';
import { mayListCases } from './cases/permissions';
import { ExportsPage } from './exports/ExportsPage';
import { i18n } from './i18n';
import { NewsPage } from './news/NewsPage';
import { SitePagesPage } from './sitePages/SitePagesPage';
import { NetworkMembersPage } from './network/NetworkMembersPage';
import { NetworkOverviewPage } from './network/NetworkOverviewPage';
import { ReferralsPage, ReferralView } from './network/ReferralsPage';
import { PartnerIntakePage } from './partner/PartnerIntakePage';
import { ReportsPage } from './reports/ReportsPage';
import { ReportView } from './reports/ReportView';
import { TrainingsPage } from './trainings/TrainingsPage';
import { can } from './permissions';
import type { Route, RouteName } from './router';

interface PageContext {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The session changed on a page (a new password): the app takes it. */
  onSession: (session: Session) => void;
}

type PageOf<N extends RouteName> = (route: Extract<Route, { name: N }>, c: PageContext) => JSX.Element;

const pages: { [N in RouteName]: PageOf<N> } = {
  log: (_, c) => startPage(c),
  contacts: (r, c) => <ContactsPage api={c.api} codes={c.codes} user={c.user} query={r.query} />,
  contact: (r, c) => <ContactDetail key={r.id} api={c.api} id={r.id} codes={c.codes} user={c.user} />,
  contactCorrect: (r, c) => (
    <LogContactPage key={`correct-${r.id}`} api={c.api} codes={c.codes} user={c.user} correct={r.id} />
  ),
  safetyPlan: (r, c) => <SafetyPlanPage key={r.id} api={c.api} contactId={r.id} user={c.user} />,
  supervision: (_, c) => <SupervisionPage api={c.api} codes={c.codes} user={c.user} />,
  stats: (_, c) => <StatsPage api={c.api} codes={c.codes} user={c.user} />,
  knowledge: (_, c) => <KnowledgePage api={c.api} codes={c.codes} user={c.user} id={null} />,
  knowledgeArticle: (r, c) => <KnowledgePage api={c.api} codes={c.codes} user={c.user} id={r.id} />,
  directory: (_, c) => <DirectoryPage api={c.api} codes={c.codes} user={c.user} />,
  agency: (r, c) => <AgencyView key={r.id} api={c.api} codes={c.codes} id={r.id} user={c.user} />,
  agencyNew: (_, c) => <AgencyForm key="new" api={c.api} codes={c.codes} />,
  agencyEdit: (r, c) => <AgencyForm key={r.id} api={c.api} codes={c.codes} id={r.id} />,
  contactLinkCase: (r, c) => <LinkContactPage key={r.id} api={c.api} codes={c.codes} contactId={r.id} />,
  cases: (r, c) => <CasesPage api={c.api} codes={c.codes} user={c.user} query={r.query} />,
  caseNew: (_, c) => <NewClientPage api={c.api} codes={c.codes} />,
  case: (r, c) => <CasePage key={r.id} api={c.api} codes={c.codes} user={c.user} id={r.id} />,
  approvals: (_, c) => <ApprovalsPage api={c.api} codes={c.codes} user={c.user} />,
  exports: (_, c) => <ExportsPage api={c.api} />,
  network: (_, c) => <NetworkMembersPage api={c.api} />,
  networkOverview: (_, c) => <NetworkOverviewPage api={c.api} user={c.user} />,
  reports: (_, c) => <ReportsPage api={c.api} user={c.user} />,
  report: (r, c) => <ReportView key={r.id} api={c.api} codes={c.codes} user={c.user} id={r.id} />,
  referrals: (_, c) => <ReferralsPage api={c.api} codes={c.codes} />,
  referral: (r, c) => <ReferralView key={r.id} api={c.api} codes={c.codes} id={r.id} />,
  account: (_, c) => <AccountSecurityPage api={c.api} onSession={c.onSession} />,
  usersAdmin: (_, c) => <UsersAdminPage api={c.api} />,
  retention: (_, c) => <RetentionPage api={c.api} />,
  trainings: (_, c) => <TrainingsPage api={c.api} codes={c.codes} user={c.user} />,
  publicProfile: (_, c) => <PublicProfilePage api={c.api} />,
  news: (_, c) => <NewsPage api={c.api} />,
  sitePages: (_, c) => <SitePagesPage api={c.api} />,
};

/** The screen of `route`. */
export function pageFor(route: Route, c: PageContext): JSX.Element {
  return (pages[route.name] as (r: Route, c: PageContext) => JSX.Element)(route, c);
}

/**
 * The start page: the intake form for a partner agency; the contact form beside the knowledge
 * base for those who answer the hotline; for the others (data officers, case workers, administrators) the first screen their
 * permissions open, never a form they cannot save.
 */
function startPage(c: PageContext): JSX.Element {
  // A partner agency's account: its intake form and its own referrals, nothing else.
  if (can(c.user, 'referral.submit')) return <PartnerIntakePage api={c.api} codes={c.codes} />;
  if (can(c.user, 'contact.create')) {
    return (
      <div class="with-lookup">
        <LogContactPage api={c.api} codes={c.codes} user={c.user} />
        <LookupPanel api={c.api} />
      </div>
    );
  }
  if (can(c.user, 'contact.list')) return <ContactsPage api={c.api} codes={c.codes} user={c.user} />;
  if (mayListCases(c.user)) return <CasesPage api={c.api} codes={c.codes} user={c.user} />;
  if (can(c.user, 'knowledge.read')) return <KnowledgePage api={c.api} codes={c.codes} user={c.user} id={null} />;
  if (can(c.user, 'network.members_read')) return <NetworkMembersPage api={c.api} />;
  return <StatusRegion notice={{ kind: 'info', text: i18n.t('shell.nothingHere') }} />;
}
