// Correcting a finished contact in the hotline form: loaded as stored, saved with the version
// it was loaded at (PUT), only the changed sealed fields sent again. Ctrl+Enter saves.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, Contact, User } from '../api/types';
import { getAgencyName, updateContact } from '../contacts/api';
import { ContactFormBody } from '../contacts/ContactFormBody';
import { keepUnchanged } from '../contacts/correction';
import { inputIds } from '../contacts/fieldIds';
import { toHotlinePayload, type HotlineFormValues } from '../contacts/hotline';
import { emptyForm, formOf } from '../contacts/hotlineValues';
import { useFocusRequest, useLeaveWarning } from '../contacts/pageHooks';
import { RepeatCallerPanel } from '../contacts/RepeatCallerPanel';
import { useContactForm } from '../contacts/useContactForm';
import { useFormShortcuts } from '../contacts/useFormShortcuts';
import { useRepeatCaller } from '../contacts/useRepeatCaller';
import { currentUiLanguage, useT } from '../i18n';
import { hrefFor } from '../router';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The id of the finished contact to correct. */
  id: string;
}

/** The finished contact being corrected, and the form as it was filled from it. */
interface Loaded {
  contact: Contact;
  values: HotlineFormValues;
  conflict: boolean;
}

export function CorrectContactPage({ api, codes, user, id }: Props) {
  const t = useT();
  const languages = codes.lists.language ?? [];
  const form = useContactForm(() => ({
    values: emptyForm(languages, currentUiLanguage()),
    agencyNames: {},
    fieldError: null,
    edits: 0,
  }));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
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

  function fill(c: Contact) {
    const values = formOf(c, languages, currentUiLanguage());
    setLoaded({ contact: c, values, conflict: false });
    form.load(values);
    repeat.clear();
    for (const agency of c.referral_agency_ids ?? []) {
      getAgencyName(api, agency).then((name) => form.nameAgency(agency, name), () => undefined);
    }
  }

  async function load(done: Notice | null) {
    setNotice({ kind: 'info', text: t('app.loading') });
    try {
      const c = await api.getContact(id);
      if (c.status !== 'final') {
        setLoaded(null);
        setNotice({ kind: 'error', text: t('correct.notFinal') });
        return;
      }
      fill(c);
      setNotice(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const notFound = error instanceof ApiError && error.status === 404;
      setNotice({ kind: 'error', text: notFound ? t('detail.notFound') : errorMessage(t, error) });
    }
  }

  useEffect(() => void load(null), [id]);

  async function save() {
    if (busy || loaded === null) return;
    // An emptied duration keeps the stored one (there is no call timer here).
    const result = toHotlinePayload(form.state.values, 'final', loaded.contact.duration_s);
    if (!result.ok) {
      showError(result.field, t(result.messageKey));
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      const payload = keepUnchanged(result.payload, form.state.values, loaded.values, loaded.contact);
      fill(await updateContact(api, id, payload, loaded.contact.version ?? 1));
      setNotice({ kind: 'success', text: t('correct.saved') });
      focusOn(() => document.getElementById('contact-status'));
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  function failed(error: unknown) {
    if (!(error instanceof ApiError) || error.status === 401) {
      if (!(error instanceof ApiError)) setNotice({ kind: 'error', text: errorMessage(t, error) });
      return;
    }
    if (error.status === 400 && inputIds[error.field] !== undefined) {
      showError(error.field, error.message || t('log.notSaved'));
      return;
    }
    form.showFieldError(null);
    if (error.status === 409) setLoaded((l) => l && { ...l, conflict: true });
    const texts: Record<number, string> = { 409: 'correct.conflict', 403: 'correct.forbidden', 404: 'detail.notFound' };
    const key = texts[error.status];
    setNotice({ kind: 'error', text: key ? t(key) : errorMessage(t, error) });
  }

  const binding = { values: form.state.values, set: form.set, fieldError: form.state.fieldError, codes };
  useFormShortcuts(binding, focusOn, { finish: () => void save() });

  const back = (
    <p class="back">
      <a href={hrefFor({ name: 'contact', id })}>← {t('correct.back')}</a>
    </p>
  );
  const status = (
    <div id="contact-status" tabIndex={-1} class="status-anchor">
      <StatusRegion notice={notice}>
        {notice?.kind === 'error' && loaded?.conflict && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={() => void load({ kind: 'info', text: t('correct.reloaded') })}>
              {t('correct.reload')}
            </button>
          </>
        )}
        {notice?.kind === 'success' && (
          <>
            {' '}
            <a href={hrefFor({ name: 'contact', id })}>{t('log.openSaved')}</a>
          </>
        )}
      </StatusRegion>
    </div>
  );
  if (loaded === null) {
    return (
      <section class="page">
        {back}
        <PageHeading title={t('correct.title')} />
        {status}
      </section>
    );
  }
  return (
    <div class="log-layout">
      <section class="page">
        {back}
        <PageHeading title={t('correct.title')} />
        <p class="muted">{t('correct.intro')}</p>
        {status}
        <ContactFormBody
          form={binding}
          api={api}
          agencyNames={form.state.agencyNames}
          onAgencies={form.setAgencies}
          onCallerIdentifierDone={() => void repeat.check(form.state.values.callerIdentifier, id)}
          repeatCaller={<RepeatCallerPanel api={api} codes={codes} user={user} repeat={repeat} onNotice={setNotice} />}
          timerSeconds={null}
          busy={busy}
          submitLabel={t('correct.save')}
          onSubmit={() => void save()}
          actions={
            <p id="contact-shortcut" class="hint">
              {t('correct.shortcuts')}
            </p>
          }
        />
      </section>
    </div>
  );
}
