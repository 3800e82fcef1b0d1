import { useEffect, useRef, useState } from 'preact/hooks';
import { SignInStepPage } from './account/SignInStepPage';
import { ApiClient, ApiError } from './api/client';
import { errorMessage } from './api/messages';
import type { CodeLists, Session, User } from './api/types';
import { IdleWarning } from './components/IdleWarning';
import { discardDraft } from './components/LogContactPage';
import { LoginPage, type LoginReason } from './components/LoginPage';
import { Shell } from './components/Shell';
import { StatusRegion, type Notice } from './components/StatusRegion';
import { currentUiLanguage, useT } from './i18n';
import { pageFor } from './pages';
import { useRoute } from './router';

type State =
  | { phase: 'loading' }
  | { phase: 'signedOut'; reason: LoginReason }
  // A sign-in short of its end: the code, a second factor to set up, or a new password.
  | { phase: 'step'; session: Session }
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
    api.lastRequestAt = Date.now();
    setShellNotice(null);
    setState(session.stage === 'full' ? { phase: 'signedIn', user: session.user } : { phase: 'step', session });
  }

  // The code lists come labelled in the UI language (and English): asked again when it changes.
  const language = currentUiLanguage();
  const codesLanguage = useRef<string | null>(null);

  // The labels of the UI language. `keepPage`: another UI language, whose labels replace the old
  // ones when they arrive; meanwhile (and if they do not arrive) the page stays as it is, labelled
  // in the old language or English, so that a form being filled in is not thrown away. Otherwise
  // the page waits for them ("loading"), and says so if they fail.
  function fetchCodes(keepPage: boolean) {
    if (!keepPage) setCodes('loading');
    codesLanguage.current = language;
    api.codes(language).then(
      (loaded) => {
        if (codesLanguage.current === language) setCodes(loaded);
      },
      (error: unknown) => {
        if (!keepPage && codesLanguage.current === language && !(error instanceof ApiError && error.status === 401)) {
          setCodes('failed');
        }
      },
    );
  }
  const loadCodes = () => fetchCodes(false);

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
  useEffect(() => {
    if (signedInNow && typeof codes !== 'string' && codesLanguage.current !== language) fetchCodes(true);
  }, [signedInNow, language, codes]);

  function idleSignOut() {
    discardDraft();
    setState({ phase: 'signedOut', reason: 'idle' });
    // The server has ended the session already; this only makes sure the cookie goes too.
    api.signOut().catch(() => undefined);
  }

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
  if (state.phase === 'step') {
    return (
      <SignInStepPage
        api={api}
        session={state.session}
        onStep={signedIn}
        onSignOut={() => void signOut()}
        onEnded={() => setState({ phase: 'signedOut', reason: 'sessionEnded' })}
      />
    );
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
  } else {
    page = pageFor(route, { api, codes, user: state.user, onSession: signedIn });
  }

  return (
    <Shell user={state.user} route={route} signingOut={signingOut} onSignOut={() => void signOut()}>
      {shellNotice && <StatusRegion notice={shellNotice} />}
      {page}
      <IdleWarning api={api} onExpired={idleSignOut} />
    </Shell>
  );
}
