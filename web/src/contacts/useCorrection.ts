// Correcting a finished contact: loaded as stored, saved with the version it was loaded at
// (PUT), only the changed sealed fields sent again; 409 offers to reload it.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, Contact } from '../api/types';
import type { Notice } from '../components/StatusRegion';
import { currentUiLanguage, useT } from '../i18n';
import { getAgencyName, updateContact } from './api';
import { keepUnchanged } from './correction';
import { inputIds } from './fieldIds';
import { toHotlinePayload, type HotlineFormValues } from './hotline';
import { emptyForm, formOf } from './hotlineValues';
import { useFocusRequest, useLeaveWarning } from './pageHooks';
import { useContactForm } from './useContactForm';
import { useRepeatCaller } from './useRepeatCaller';

/** The finished contact being corrected, and the form as it was filled from it. */
export interface LoadedContact {
  contact: Contact;
  values: HotlineFormValues;
  conflict: boolean;
}

export function useCorrection(api: ApiClient, codes: CodeLists, id: string) {
  const t = useT();
  const languages = codes.lists.language ?? [];
  const form = useContactForm(() => ({
    values: emptyForm(languages, currentUiLanguage()),
    agencyNames: {},
    fieldError: null,
    edits: 0,
  }));
  const [loaded, setLoaded] = useState<LoadedContact | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const focusOn = useFocusRequest();
  const showError = (field: string, text: string) => {
    const known = inputIds[field] !== undefined ? field : 'channel';
    form.showFieldError({ field: known, text });
    setNotice({ kind: 'error', text: t('log.notSaved') });
    focusOn(() => document.getElementById(inputIds[known] ?? ''));
  };
  const repeat = useRepeatCaller(api, {
    invalid: (message) => showError('caller_identifier', message),
    failed: (error) => setNotice({ kind: 'error', text: errorMessage(t, error) }),
  });
  useLeaveWarning(() => form.state.edits > 0);
  const fill = (c: Contact) => {
    const values = formOf(c, languages, currentUiLanguage());
    setLoaded({ contact: c, values, conflict: false });
    form.load(values);
    repeat.clear();
    for (const agency of c.referral_agency_ids ?? []) {
      getAgencyName(api, agency).then((name) => form.nameAgency(agency, name), () => undefined);
    }
  };
  const ctx = { api, id, t, form, loaded, setLoaded, setNotice, busy, setBusy, focusOn, showError, fill };
  useEffect(() => void loadCorrection(ctx, null), [id]);
  return {
    ...ctx,
    notice,
    repeat,
    reload: () => loadCorrection(ctx, { kind: 'info', text: t('correct.reloaded') }),
    save: () => saveCorrection(ctx),
  };
}

type Correction = Pick<
  ReturnType<typeof useCorrection>,
  'api' | 'id' | 't' | 'form' | 'loaded' | 'setLoaded' | 'setNotice' | 'busy' | 'setBusy' | 'focusOn' | 'showError' | 'fill'
>;

/** Fills the form with the contact as stored now, then shows `done`. */
async function loadCorrection(c: Correction, done: Notice | null) {
  c.setNotice({ kind: 'info', text: c.t('app.loading') });
  try {
    const contact = await c.api.getContact(c.id);
    if (contact.status !== 'final') {
      c.setLoaded(null);
      c.setNotice({ kind: 'error', text: c.t('correct.notFinal') });
      return;
    }
    c.fill(contact);
    c.setNotice(done);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    const notFound = error instanceof ApiError && error.status === 404;
    c.setNotice({ kind: 'error', text: notFound ? c.t('detail.notFound') : errorMessage(c.t, error) });
  }
}

async function saveCorrection(c: Correction) {
  const { loaded, t } = c;
  if (c.busy || loaded === null) return;
  const values = c.form.state.values;
  // An emptied duration keeps the stored one (there is no call timer here).
  const result = toHotlinePayload(values, 'final', loaded.contact.duration_s);
  if (!result.ok) {
    c.showError(result.field, t(result.messageKey));
    return;
  }
  c.setBusy(true);
  c.setNotice({ kind: 'info', text: t('log.saving') });
  try {
    const payload = keepUnchanged(result.payload, values, loaded.values, loaded.contact);
    c.fill(await updateContact(c.api, c.id, payload, loaded.contact.version ?? 1));
    c.setNotice({ kind: 'success', text: t('correct.saved') });
    c.focusOn(() => document.getElementById('contact-status'));
  } catch (error) {
    correctionFailed(c, error);
  } finally {
    c.setBusy(false);
  }
}

function correctionFailed(c: Correction, error: unknown) {
  if (!(error instanceof ApiError)) {
    c.setNotice({ kind: 'error', text: errorMessage(c.t, error) });
    return;
  }
  if (error.status === 401) return;
  if (error.status === 400 && inputIds[error.field] !== undefined) {
    c.showError(error.field, error.message || c.t('log.notSaved'));
    return;
  }
  c.form.showFieldError(null);
  if (error.status === 409) c.setLoaded((l) => l && { ...l, conflict: true });
  const texts: Record<number, string> = { 409: 'correct.conflict', 403: 'correct.forbidden', 404: 'detail.notFound' };
  const key = texts[error.status];
  c.setNotice({ kind: 'error', text: key ? c.t(key) : errorMessage(c.t, error) });
}
