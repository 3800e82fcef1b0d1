// What the consultant does with the call in the form: start a new contact, save the draft,
// finish, discard, continue a draft from My drafts. Each waits for the autosave's queue, so
// no request overtakes another on the same draft.
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Contact } from '../api/types';
import { discardContact, getAgencyName } from './api';
import { DraftFinishedError, noDraft, storeContact } from './draftAutosave';
import { inputIds } from './fieldIds';
import { toHotlinePayload } from './hotline';
import { formOf, isFilled } from './hotlineValues';
import { currentUiLanguage } from '../i18n';
import type { HotlineCall } from './useNewContactCall';

/** Saves what the form holds before it is replaced; false (with a notice) if that failed. */
async function keepCurrent(call: HotlineCall): Promise<boolean> {
  if (await call.autosave.flush()) return true;
  call.tell({ kind: 'error', text: call.t('hotline.notReplaced') });
  return false;
}

export async function startNewContact(call: HotlineCall) {
  const { t, autosave } = call;
  if (call.busy) return;
  const filled = isFilled(call.form.state.values, call.fresh());
  const replace = {
    title: t('hotline.replaceTitle'),
    text: t('hotline.replaceText'),
    confirm: t('hotline.replaceConfirm'),
    cancel: t('hotline.replaceCancel'),
  };
  if (filled && !(await call.confirm.ask(replace))) return;
  if (!(await keepCurrent(call))) return;
  if (!filled && call.draft.id !== null) {
    // An untouched draft (New contact pressed twice) would only pile up in My drafts.
    await autosave.run((ref) => (ref.id === null ? Promise.resolve() : discardContact(call.api, ref.id))).catch(() => undefined);
  }
  call.timer.start();
  await call.loadForm(call.fresh(), noDraft);
  // Said once the form is empty, so that it never announces a form still showing the old contact.
  call.tell({ kind: 'info', text: t('hotline.started') });
  call.focusOn(() => document.getElementById('contact-kind'));
  // The draft exists on the server from the start: a lost browser loses nothing.
  await autosave.saveNow();
  call.refreshDrafts();
}

export async function saveDraftNow(call: HotlineCall) {
  if (call.busy) return;
  const built = toHotlinePayload(call.form.state.values, 'draft', call.timer.seconds());
  if (!built.ok) {
    call.showError(built.field, call.t(built.messageKey));
    return;
  }
  call.form.showFieldError(null);
  if (await call.autosave.saveNow()) call.tell({ kind: 'success', text: call.t('hotline.draftSaved') });
  call.refreshDrafts();
}

export async function finishCall(call: HotlineCall) {
  const { t, autosave } = call;
  const values = call.form.state.values;
  if (call.busy) return;
  const result = toHotlinePayload(values, 'final', call.timer.seconds());
  if (!result.ok) {
    call.showError(result.field, t(result.messageKey));
    return;
  }
  call.setBusy(true);
  call.tell({ kind: 'info', text: t('log.saving') });
  try {
    const stored = await autosave.run((ref) => storeContact(autosave.requests, ref, result.payload));
    call.timer.stop();
    await call.loadForm(call.fresh(), noDraft);
    call.tell({ kind: 'success', text: t('log.saved') }, { id: stored.id, crisis: values.kind === 'data' && values.category === 'crisis' });
    // The form empties: the confirmation takes the focus, in view wherever the form was.
    call.focusOn(() => document.getElementById('contact-status'));
    call.refreshDrafts();
  } catch (error) {
    autosave.retryLater();
    finishFailed(call, error);
  } finally {
    call.setBusy(false);
  }
}

function finishFailed(call: HotlineCall, error: unknown) {
  if (error instanceof ApiError && error.status === 400 && inputIds[error.field] !== undefined) {
    call.showError(error.field, error.message || call.t('log.notSaved'));
  } else if (error instanceof DraftFinishedError || (error instanceof ApiError && error.status === 409)) {
    call.tell({ kind: 'error', text: call.t('hotline.conflict') });
  } else if (!(error instanceof ApiError && error.status === 401)) {
    call.form.showFieldError(null);
    call.tell({ kind: 'error', text: errorMessage(call.t, error) });
  }
}

const discardQuestion = (call: HotlineCall) => ({
  title: call.t('hotline.discardTitle'),
  text: call.t('hotline.discardText'),
  confirm: call.t('hotline.discardConfirm'),
  cancel: call.t('hotline.discardCancel'),
  destructive: true,
});

function discardFailure(call: HotlineCall, error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return call.t('hotline.discardGone');
  if (error instanceof ApiError && error.status === 409) return call.t('hotline.discardFinished');
  return errorMessage(call.t, error);
}

/** Discards the draft in the form (after asking), and empties the form. */
export async function discardCurrent(call: HotlineCall) {
  if (call.busy || call.draft.id === null) return;
  if (!(await call.confirm.ask(discardQuestion(call)))) return;
  call.setBusy(true);
  try {
    await call.autosave.run((ref) => (ref.id === null ? Promise.resolve() : discardContact(call.api, ref.id)));
    call.timer.stop();
    await call.loadForm(call.fresh(), noDraft);
    call.tell({ kind: 'success', text: call.t('hotline.discarded') });
    call.focusOn(() => document.getElementById('contact-status'));
    call.refreshDrafts();
  } catch (error) {
    call.autosave.retryLater();
    call.tell({ kind: 'error', text: discardFailure(call, error) });
  } finally {
    call.setBusy(false);
  }
}

/** Discards a draft listed in My drafts (after asking). */
export async function discardListed(call: HotlineCall, c: Contact) {
  if (!(await call.confirm.ask(discardQuestion(call)))) return;
  try {
    await discardContact(call.api, c.id);
    call.tell({ kind: 'success', text: call.t('hotline.discarded') });
  } catch (error) {
    call.tell({ kind: 'error', text: discardFailure(call, error) });
  }
  call.refreshDrafts();
}

/** Opens a draft from My drafts in the form, once the form's own call is saved. */
export async function continueDraft(call: HotlineCall, c: Contact) {
  if (!(await keepCurrent(call))) return;
  call.timer.stop();
  const languages = call.codes.lists.language ?? [];
  await call.loadForm(formOf(c, languages, currentUiLanguage()), { id: c.id, version: c.version ?? 1 });
  call.tell({ kind: 'info', text: call.t('hotline.draftOpened') });
  call.focusOn(() => document.getElementById('contact-kind'));
  for (const id of c.referral_agency_ids ?? []) {
    getAgencyName(call.api, id).then((name) => call.form.nameAgency(id, name), () => undefined);
  }
}
