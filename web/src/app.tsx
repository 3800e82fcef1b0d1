import { useEffect, useState } from 'preact/hooks';
import { ApiClient, ApiError } from './api/client';
import { errorMessage } from './api/messages';
import type { CodeLists, Session, User } from './api/types';
import { AgencyForm } from './components/AgencyForm';
import { AgencyView } from './components/AgencyView';
import { ContactDetail } from './components/ContactDetail';
import { ContactsPage } from './components/ContactsPage';
import { KnowledgePage } from './components/KnowledgePage';
import { DirectoryPage } from './components/DirectoryPage';
import { LogContactPage, discardDraft } from './components/LogContactPage';
import { LoginPage, type LoginReason } from './components/LoginPage';
import { LookupPanel } from './components/LookupPanel';
import { SafetyPlanPage } from './components/SafetyPlanPage';
import { Shell } from './components/Shell';
import { StatsPage } from './components/StatsPage';
import { SupervisionPage } from './components/SupervisionPage';
import { StatusRegion, type Notice } from './components/StatusRegion';
import { useT } from './i18n';
import { can } from './permissions';
import { useRoute } from './router';

type State =
  | { phase: 'loading' }
  | { phase: 'signedOut'; reason: LoginReason }
  | { phase: 'signedIn'; user: User };

const api = new ApiClient();
let lastUserId: string | null = null;

export function App() {
  const t = useT();
  const route = useRoute();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [codes, setCodes] = useState<CodeLists | 'loading' | 'failed'>('loading');
  const [shellNotice, setShellNotice] = useState<Notice | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  function signedIn(session: Session) {
    // A different person on this browser must not see the previous person's unsaved form.
    if (lastUserId !== session.user.id) discardDraft();
    lastUserId = session.user.id;
    setShellNotice(null);
    setState({ phase: 'signedIn', user: session.user });
  }

  function loadCodes() {
    setCodes('loading');
    api.codes().then(setCodes, (error: unknown) => {
      if (!(error instanceof ApiError && error.status === 401)) setCodes('failed');
    });
  }

  useEffect(() => {
    api.onSessionEnded = () => setState({ phase: 'signedOut', reason: 'sessionEnded' });
    api.me().then(signedIn, (error: unknown) => {
      setState({
        phase: 'signedOut',
        reason: error instanceof ApiError && error.isNetwork ? 'unreachable' : null,
      });
    });
  }, []);

  const signedInNow = state.phase === 'signedIn';
  useEffect(() => {
    // Code lists are not personal data: loaded once, kept across sign-ins.
    if (signedInNow && typeof codes === 'string') loadCodes();
  }, [signedInNow]);

  async function signOut() {
    if (signingOut) return;
    setSigningOut(true);
    try {
      await api.signOut();
      discardDraft();
      setState({ phase: 'signedOut', reason: 'signedOut' });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        // Already signed out on the server.
        discardDraft();
        setState({ phase: 'signedOut', reason: 'signedOut' });
      } else {
        setShellNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setSigningOut(false);
    }
  }

  if (state.phase === 'loading') {
    return (
      <main id="main" class="loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  if (state.phase === 'signedOut') {
    return <LoginPage api={api} reason={state.reason} onSignedIn={signedIn} />;
  }

  let page;
  if (codes === 'loading') {
    page = <StatusRegion notice={{ kind: 'info', text: t('app.loading') }} />;
  } else if (codes === 'failed') {
    page = (
      <>
        <StatusRegion notice={{ kind: 'error', text: t('app.codesFailed') }} />
        <button type="button" class="secondary" onClick={loadCodes}>
          {t('app.retry')}
        </button>
      </>
    );
  } else if (route.name === 'contacts') {
    page = <ContactsPage api={api} codes={codes} user={state.user} query={route.query} />;
  } else if (route.name === 'supervision') {
    page = <SupervisionPage api={api} codes={codes} user={state.user} />;
  } else if (route.name === 'stats') {
    page = <StatsPage api={api} codes={codes} />;
  } else if (route.name === 'contact') {
    page = <ContactDetail key={route.id} api={api} id={route.id} codes={codes} user={state.user} />;
  } else if (route.name === 'contactCorrect') {
    page = (
      <LogContactPage key={`correct-${route.id}`} api={api} codes={codes} user={state.user} correct={route.id} />
    );
  } else if (route.name === 'safetyPlan') {
    page = <SafetyPlanPage key={route.id} api={api} contactId={route.id} />;
  } else if (route.name === 'directory') {
    page = <DirectoryPage api={api} codes={codes} user={state.user} />;
  } else if (route.name === 'agency') {
    page = <AgencyView key={route.id} api={api} codes={codes} id={route.id} user={state.user} />;
  } else if (route.name === 'agencyNew') {
    page = <AgencyForm key="new" api={api} codes={codes} />;
  } else if (route.name === 'agencyEdit') {
    page = <AgencyForm key={route.id} api={api} codes={codes} id={route.id} />;
  } else if (route.name === 'knowledge' || route.name === 'knowledgeArticle') {
    const id = route.name === 'knowledgeArticle' ? route.id : null;
    page = <KnowledgePage api={api} codes={codes} user={state.user} id={id} />;
  } else if (!can(state.user, 'contact.create')) {
    // The start page of those who do not answer the hotline (data officers, case workers,
    // administrators): the first thing their permissions open, never a form they cannot save.
    if (can(state.user, 'contact.list')) {
      page = <ContactsPage api={api} codes={codes} user={state.user} />;
    } else if (can(state.user, 'knowledge.read')) {
      page = <KnowledgePage api={api} codes={codes} user={state.user} id={null} />;
    } else {
      page = <StatusRegion notice={{ kind: 'info', text: t('shell.nothingHere') }} />;
    }
  } else {
    // The knowledge base beside the form: look things up during the call without losing it.
    page = (
      <div class="with-lookup">
        <LogContactPage api={api} codes={codes} user={state.user} />
        <LookupPanel api={api} />
      </div>
    );
  }

  return (
    <Shell user={state.user} route={route} signingOut={signingOut} onSignOut={() => void signOut()}>
      {shellNotice && <StatusRegion notice={shellNotice} />}
      {page}
    </Shell>
  );
}
