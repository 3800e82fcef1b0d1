// Everything the "Log a contact" screen holds for the call in its form: the form (reducer), the
// call timer, the autosaved draft, the status line, and the helpers the actions share
// (callActions.ts). The call survives the screen closing, in memory only.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import type { Notice } from '../components/StatusRegion';
import { currentUiLanguage, useT } from '../i18n';
import { errorMessage } from '../api/messages';
import { useConfirm } from './ConfirmDialog';
import type { DraftAutosave, DraftRef } from './draftAutosave';
import { inputIds } from './fieldIds';
import { toHotlinePayload, type HotlineFormValues } from './hotline';
import { emptyForm, isFilled } from './hotlineValues';
import { useFocusRequest, useLeaveWarning } from './pageHooks';
import type { SavedContact } from './SavedNotice';
import { useCallTimer } from './useCallTimer';
import { useContactForm } from './useContactForm';
import { newAutosave, useDraftAutosave } from './useDraftAutosave';
import { useRepeatCaller } from './useRepeatCaller';

/** The call in the form, kept while the screen is closed (another page, a session ending). */
interface KeptCall {
  values: HotlineFormValues;
  timerStart: number | null;
  agencyNames: Record<string, string>;
  autosave: DraftAutosave;
}

// In memory only (never in storage), so a consultant whose session ended mid-call signs in
// again without typing the contact twice; the autosaved draft is in My drafts besides.
let kept: KeptCall | null = null;

/** Forgets the call kept in memory (sign-out, another user); nothing more is saved. */
export function discardDraft(): void {
  kept?.autosave.dispose();
  kept = null;
}

/** The form, its timer and its autosaved draft, restored from memory when kept. */
function useCallForm(api: ApiClient, languages: string[]) {
  const fresh = () => emptyForm(languages, currentUiLanguage());
  const restored = useRef(kept).current;
  const form = useContactForm(() => ({
    values: restored?.values ?? fresh(),
    agencyNames: restored?.agencyNames ?? {},
    fieldError: null,
    edits: 0,
  }));
  const timer = useCallTimer(restored?.timerStart ?? null);
  // What the autosave sends: the values of the last render, or those just loaded.
  const latest = useRef(form.state.values);
  latest.current = form.state.values;
  const autosaveRef = useRef<DraftAutosave | null>(null);
  autosaveRef.current ??= restored?.autosave ?? newAutosave(api);
  const autosave = autosaveRef.current;
  const saving = useDraftAutosave(autosave, (asked) => {
    // A number typed to look a caller up is not yet a contact: no draft for it alone (it
    // would count as an earlier contact of that caller).
    const values = latest.current;
    if (!asked && autosave.draft.id === null && !isFilled({ ...values, callerIdentifier: '' }, fresh())) return null;
    const built = toHotlinePayload(values, 'draft', timer.seconds());
    return built.ok ? built : { ok: false, messageKey: built.messageKey };
  });
  kept = { values: form.state.values, timerStart: timer.runningSince, agencyNames: form.state.agencyNames, autosave };
  useEffect(() => {
    if (form.state.edits > 0) autosave.changed();
  }, [form.state.edits]);
  useLeaveWarning(() => autosave.unsaved);
  return { form, timer, latest, fresh, ...saving };
}

export function useNewContactCall(api: ApiClient, codes: CodeLists) {
  const t = useT();
  const call = useCallForm(api, codes.lists.language ?? []);
  const [status, setStatus] = useState<{ notice: Notice | null; saved: SavedContact | null }>({ notice: null, saved: null });
  const [busy, setBusy] = useState(false);
  const [draftsVersion, setDraftsVersion] = useState(0);
  const focusOn = useFocusRequest();
  const confirm = useConfirm();
  const tell = (notice: Notice | null, saved: SavedContact | null = null) => setStatus({ notice, saved });
  const showError = (field: string, text: string) => {
    const known = inputIds[field] !== undefined ? field : 'channel';
    call.form.showFieldError({ field: known, text });
    tell({ kind: 'error', text: t('log.notSaved') });
    focusOn(() => document.getElementById(inputIds[known] ?? ''));
  };
  const repeat = useRepeatCaller(api, {
    invalid: (message) => showError('caller_identifier', message),
    failed: (error) => tell({ kind: 'error', text: errorMessage(t, error) }),
  });
  return {
    ...call,
    t,
    api,
    codes,
    status,
    tell,
    showError,
    busy,
    setBusy,
    draftsVersion,
    refreshDrafts: () => setDraftsVersion((n) => n + 1),
    focusOn,
    confirm,
    repeat,
    /** Puts `next` in the form, tied to `ref`, with nothing unsaved. */
    loadForm: async (next: HotlineFormValues, ref: DraftRef) => {
      call.latest.current = next;
      call.form.load(next);
      repeat.clear();
      await call.autosave.adopt(ref);
    },
  };
}

export type HotlineCall = ReturnType<typeof useNewContactCall>;
