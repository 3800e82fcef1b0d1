// The consultant's screen: a call timer, a keyboard-first form that shows only what the chosen
// category needs, and a draft on the server that follows the typing (autosave). Single keys
// work while the focus is not in a text field; Ctrl+S saves the draft and Ctrl+Enter finishes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, Contact, User } from '../api/types';
import { discardContact, getAgencyName } from '../contacts/api';
import { CallBar } from '../contacts/CallBar';
import { useConfirm } from '../contacts/ConfirmDialog';
import { ContactFormBody } from '../contacts/ContactFormBody';
import { DraftFinishedError, noDraft, storeContact, type DraftRef } from '../contacts/draftAutosave';
import { inputIds } from '../contacts/fieldIds';
import { toHotlinePayload, type HotlineFormValues } from '../contacts/hotline';
import { emptyForm, formOf, isFilled } from '../contacts/hotlineValues';
import { MyDrafts } from '../contacts/MyDrafts';
import { useFocusRequest, useLeaveWarning } from '../contacts/pageHooks';
import { RepeatCallerPanel } from '../contacts/RepeatCallerPanel';
import { SavedNotice, type SavedContact } from '../contacts/SavedNotice';
import { ShortcutHelp } from '../contacts/ShortcutHelp';
import { useCallTimer } from '../contacts/useCallTimer';
import { useContactForm } from '../contacts/useContactForm';
import { useDraftAutosave } from '../contacts/useDraftAutosave';
import { useFormShortcuts } from '../contacts/useFormShortcuts';
import { useRepeatCaller } from '../contacts/useRepeatCaller';
import { currentUiLanguage, useT } from '../i18n';
import { CorrectContactPage } from './CorrectContactPage';
import { PageHeading } from './PageHeading';
import type { Notice } from './StatusRegion';

/** The call in the form, kept while the screen is closed (another page, a session ending). */
interface InProgress {
  values: HotlineFormValues;
  draft: DraftRef;
  timerStart: number | null;
  agencyNames: Record<string, string>;
}

// In memory only (never in storage), so a consultant whose session ended mid-call signs in
// again without typing the contact twice; the autosaved draft is in My drafts besides.
let kept: InProgress | null = null;
export function discardDraft(): void {
  kept = null;
}

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The id of a finished contact to correct in this form (PUT with its version). */
  correct?: string;
}

export function LogContactPage({ api, codes, user, correct }: Props) {
  if (correct !== undefined) return <CorrectContactPage api={api} codes={codes} user={user} id={correct} />;
  return <NewContactPage api={api} codes={codes} user={user} />;
}

function NewContactPage({ api, codes, user }: Omit<Props, 'correct'>) {
  const t = useT();
  const languages = codes.lists.language ?? [];
  const fresh = () => emptyForm(languages, currentUiLanguage());
  const restored = useRef(kept).current;
  const form = useContactForm(() => ({
    values: restored?.values ?? fresh(),
    agencyNames: restored?.agencyNames ?? {},
    fieldError: null,
    edits: 0,
  }));
  const values = form.state.values;
  const timer = useCallTimer(restored?.timerStart ?? null);
  // What the autosave sends: the values of the last render, or those just loaded.
  const latest = useRef(values);
  latest.current = values;
  const { autosave, state: autosaveState, draft } = useDraftAutosave({
    api,
    initial: restored?.draft ?? noDraft,
    payload: () => {
      const built = toHotlinePayload(latest.current, 'draft', timer.seconds());
      return built.ok ? built : { ok: false, messageKey: built.messageKey };
    },
    onDraft: (ref) => {
      if (kept) kept.draft = ref;
    },
  });
  kept = { values, draft, timerStart: timer.runningSince, agencyNames: form.state.agencyNames };
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saved, setSaved] = useState<SavedContact | null>(null);
  const [busy, setBusy] = useState(false);
  const [draftsVersion, setDraftsVersion] = useState(0);
  const focusOn = useFocusRequest();
  const { ask, dialog } = useConfirm();
  const tell = (next: Notice | null, savedContact: SavedContact | null = null) => {
    setNotice(next);
    setSaved(savedContact);
  };
  const showError = (field: string, text: string) => {
    const known = inputIds[field] !== undefined ? field : 'channel';
    form.showFieldError({ field: known, text });
    tell({ kind: 'error', text: t('log.notSaved') });
    focusOn(() => document.getElementById(inputIds[known] ?? ''));
  };
  const repeat = useRepeatCaller(api, {
    invalid: (message) => showError('caller_identifier', message),
    failed: (error) => tell({ kind: 'error', text: errorMessage(t, error) }),
  });
  useLeaveWarning(() => autosave.unsaved);
  useEffect(() => {
    if (form.state.edits > 0) autosave.changed();
  }, [form.state.edits]);

  /** Puts `next` in the form, tied to `ref`, with nothing unsaved. */
  async function loadForm(next: HotlineFormValues, ref: DraftRef) {
    latest.current = next;
    form.load(next);
    repeat.clear();
    await autosave.adopt(ref);
  }

  /** Saves what the form holds before it is replaced; false (with a notice) if that failed. */
  async function keepCurrent(): Promise<boolean> {
    if (await autosave.flush()) return true;
    tell({ kind: 'error', text: t('hotline.notReplaced') });
    return false;
  }

  async function newContact() {
    if (busy) return;
    const filled = isFilled(values, fresh());
    if (filled && !(await ask(replaceQuestion()))) return;
    if (!(await keepCurrent())) return;
    if (!filled && draft.id !== null) {
      // An untouched draft (New contact pressed twice) would only pile up in My drafts.
      await autosave.run((ref) => (ref.id === null ? Promise.resolve() : discardContact(api, ref.id))).catch(() => undefined);
    }
    const start = Date.now();
    timer.start(start);
    tell({ kind: 'info', text: t('hotline.started') });
    await loadForm(fresh(), noDraft);
    focusOn(() => document.getElementById('contact-kind'));
    // The draft exists on the server from the start: a lost browser loses nothing.
    await autosave.saveNow();
    setDraftsVersion((n) => n + 1);
  }

  const replaceQuestion = () => ({
    title: t('hotline.replaceTitle'),
    text: t('hotline.replaceText'),
    confirm: t('hotline.replaceConfirm'),
    cancel: t('hotline.replaceCancel'),
  });

  async function saveDraft() {
    if (busy) return;
    const built = toHotlinePayload(values, 'draft', timer.seconds());
    if (!built.ok) {
      showError(built.field, t(built.messageKey));
      return;
    }
    form.showFieldError(null);
    if (await autosave.saveNow()) tell({ kind: 'success', text: t('hotline.draftSaved') });
    setDraftsVersion((n) => n + 1);
  }

  async function finish() {
    if (busy) return;
    const result = toHotlinePayload(values, 'final', timer.seconds());
    if (!result.ok) {
      showError(result.field, t(result.messageKey));
      return;
    }
    setBusy(true);
    tell({ kind: 'info', text: t('log.saving') });
    try {
      const stored = await autosave.run((ref) => storeContact(autosave.requests, ref, result.payload));
      const crisis = values.kind === 'data' && values.category === 'crisis';
      timer.stop();
      await loadForm(fresh(), noDraft);
      tell({ kind: 'success', text: t('log.saved') }, { id: stored.id, crisis });
      // The form empties: the confirmation takes the focus, in view wherever the form was.
      focusOn(() => document.getElementById('contact-status'));
      setDraftsVersion((n) => n + 1);
    } catch (error) {
      autosave.retryLater();
      finishFailed(error);
    } finally {
      setBusy(false);
    }
  }

  function finishFailed(error: unknown) {
    if (error instanceof ApiError && error.status === 400 && inputIds[error.field] !== undefined) {
      showError(error.field, error.message || t('log.notSaved'));
    } else if (error instanceof DraftFinishedError || (error instanceof ApiError && error.status === 409)) {
      tell({ kind: 'error', text: t('hotline.conflict') });
    } else if (!(error instanceof ApiError && error.status === 401)) {
      form.showFieldError(null);
      tell({ kind: 'error', text: errorMessage(t, error) });
    }
  }

  async function discard() {
    if (busy || draft.id === null) return;
    if (!(await ask(discardQuestion()))) return;
    setBusy(true);
    try {
      await autosave.run((ref) => (ref.id === null ? Promise.resolve() : discardContact(api, ref.id)));
      timer.stop();
      await loadForm(fresh(), noDraft);
      tell({ kind: 'success', text: t('hotline.discarded') });
      focusOn(() => document.getElementById('contact-status'));
      setDraftsVersion((n) => n + 1);
    } catch (error) {
      autosave.retryLater();
      tell({ kind: 'error', text: discardFailure(error) });
    } finally {
      setBusy(false);
    }
  }

  const discardQuestion = () => ({
    title: t('hotline.discardTitle'),
    text: t('hotline.discardText'),
    confirm: t('hotline.discardConfirm'),
    cancel: t('hotline.discardCancel'),
    destructive: true,
  });

  function discardFailure(error: unknown): string {
    if (error instanceof ApiError && error.status === 404) return t('hotline.discardGone');
    if (error instanceof ApiError && error.status === 409) return t('hotline.discardFinished');
    return errorMessage(t, error);
  }

  async function discardListed(c: Contact) {
    if (!(await ask(discardQuestion()))) return;
    try {
      await discardContact(api, c.id);
      tell({ kind: 'success', text: t('hotline.discarded') });
    } catch (error) {
      tell({ kind: 'error', text: discardFailure(error) });
    }
    setDraftsVersion((n) => n + 1);
  }

  async function continueDraft(c: Contact) {
    if (!(await keepCurrent())) return;
    timer.stop();
    await loadForm(formOf(c, languages, currentUiLanguage()), { id: c.id, version: c.version ?? 1 });
    tell({ kind: 'info', text: t('hotline.draftOpened') });
    focusOn(() => document.getElementById('contact-kind'));
    for (const id of c.referral_agency_ids ?? []) {
      getAgencyName(api, id).then((name) => form.nameAgency(id, name), () => undefined);
    }
  }

  const binding = { values, set: form.set, fieldError: form.state.fieldError, codes };
  useFormShortcuts(binding, focusOn, {
    finish: () => void finish(),
    saveDraft: () => void saveDraft(),
    newContact: () => void newContact(),
  });

  return (
    <div class="log-layout">
      <section class="page">
        <PageHeading title={t('log.title')} />
        <CallBar
          timerSeconds={timer.shown}
          hasDraft={draft.id !== null}
          autosave={autosaveState}
          busy={busy}
          onNewContact={() => void newContact()}
          onDiscard={() => void discard()}
        />
        <p class="muted">{t('hotline.intro')}</p>
        <SavedNotice notice={notice} saved={saved} />
        <ContactFormBody
          form={binding}
          api={api}
          agencyNames={form.state.agencyNames}
          onAgencies={form.setAgencies}
          onCallerIdentifierDone={() => void repeat.check(values.callerIdentifier, draft.id)}
          repeatCaller={<RepeatCallerPanel api={api} codes={codes} user={user} repeat={repeat} onNotice={(n) => tell(n)} />}
          timerSeconds={timer.shown}
          busy={busy}
          submitLabel={t('hotline.finish')}
          onSubmit={() => void finish()}
          actions={
            <>
              <button type="button" class="secondary" aria-disabled={busy} onClick={() => void saveDraft()}>
                {t('hotline.saveDraft')}
              </button>
              <p id="contact-shortcut" class="hint">
                {t('hotline.shortcuts')}
              </p>
              <ShortcutHelp />
            </>
          }
        />
        {dialog}
      </section>
      <MyDrafts
        api={api}
        codes={codes}
        refresh={draftsVersion}
        current={draft.id}
        onOpen={(c) => void continueDraft(c)}
        onDiscard={(c) => void discardListed(c)}
      />
    </div>
  );
}
