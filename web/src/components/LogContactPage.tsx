// The consultant's screen: a call timer, a draft on the server from the first second, and a
// keyboard-first form that shows only what the chosen category needs. Single-key shortcuts work
// while the focus is not in a text field; Ctrl+S saves the draft and Ctrl+Enter finishes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CallerFlag, CodeLists, Contact, User } from '../api/types';
import {
  createContact,
  getAgencyName,
  lookupCaller,
  updateContact,
  type EarlierContact,
} from '../contacts/api';
import { AgencyPicker } from '../contacts/AgencyPicker';
import { CodeChecks, CodeToggles } from '../contacts/CodeToggles';
import { keepUnchanged } from '../contacts/correction';
import { toDateTimeLocal } from '../contacts/form';
import {
  callerTypeKeys,
  categoryKeys,
  codeForKey,
  formatTimer,
  kindKeys,
  nonDataKeys,
  sectionsFor,
  toHotlinePayload,
  toggled,
  type HotlineFormValues,
} from '../contacts/hotline';
import { MyDrafts } from '../contacts/MyDrafts';
import { mayFlagCallers } from '../contacts/permissions';
import { RepeatCallerBox } from '../contacts/RepeatCallerBox';
import { currentUiLanguage, useT } from '../i18n';
import { hrefFor } from '../router';
import { CodeField } from './CodeSelect';
import { CheckField, FormField } from './FormField';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';

// Input id for each payload field, so a server error can be shown beside the right input.
const inputIds: Record<string, string> = {
  channel: 'contact-channel',
  started_at: 'contact-started-at',
  duration_s: 'contact-duration',
  caller_type: 'contact-caller-type',
  anonymous: 'contact-anonymous',
  language: 'contact-language',
  summary: 'contact-summary',
  kind: 'contact-kind',
  non_data_type: 'contact-non-data-type',
  category: 'contact-category',
  caller_gender: 'contact-gender',
  caller_age_band: 'contact-age-band',
  caller_country: 'contact-caller-country',
  destination_country: 'contact-destination',
  outcome: 'contact-outcome',
  follow_up_due: 'contact-follow-up-due',
  follow_up_needed: 'contact-follow-up',
  referral_agency_ids: 'contact-agency-search',
  caller_identifier: 'contact-caller-identifier',
  exploitation: 'contact-exploitation',
  industry: 'contact-industry',
  indicators: 'contact-indicators',
  assistance: 'contact-assistance',
  imminent_danger: 'contact-imminent-danger',
};

function emptyForm(languages: string[]): HotlineFormValues {
  const ui = currentUiLanguage();
  return {
    channel: 'phone',
    startedAt: toDateTimeLocal(new Date()),
    durationMinutes: '',
    callerType: '',
    anonymous: true,
    language: languages.includes(ui) ? ui : 'en',
    summary: '',
    kind: 'data',
    nonDataType: '',
    category: '',
    callerGender: '',
    callerAgeBand: '',
    callerCountry: '',
    destinationCountry: '',
    exploitation: [],
    industry: [],
    indicators: [],
    imminentDanger: false,
    assistance: [],
    referralAgencyIds: [],
    outcome: '',
    followUpNeeded: false,
    followUpDue: '',
    callerIdentifier: '',
  };
}

/** A stored contact back in the form (to continue a draft). */
function formOf(c: Contact, languages: string[]): HotlineFormValues {
  const base = emptyForm(languages);
  const due = c.follow_up_due ? toDateTimeLocal(new Date(c.follow_up_due)).slice(0, 10) : '';
  return {
    ...base,
    channel: c.channel,
    startedAt: toDateTimeLocal(new Date(c.started_at)),
    durationMinutes: c.duration_s > 0 ? String(Math.round((c.duration_s / 60) * 10) / 10) : '',
    callerType: c.caller_type ?? '',
    anonymous: c.anonymous ?? true,
    language: c.language || base.language,
    summary: c.summary ?? '',
    kind: c.kind ?? 'data',
    nonDataType: c.non_data_type ?? '',
    category: c.category ?? '',
    callerGender: c.caller_gender ?? '',
    callerAgeBand: c.caller_age_band ?? '',
    callerCountry: c.caller_country ?? '',
    destinationCountry: c.destination_country ?? '',
    exploitation: c.exploitation ?? [],
    industry: c.industry ?? [],
    indicators: c.indicators ?? [],
    imminentDanger: c.imminent_danger ?? false,
    assistance: c.assistance ?? [],
    referralAgencyIds: c.referral_agency_ids ?? [],
    outcome: c.outcome ?? '',
    followUpNeeded: c.follow_up_needed ?? false,
    followUpDue: due,
    callerIdentifier: c.caller_identifier ?? '',
  };
}

interface InProgress {
  values: HotlineFormValues;
  contactId: string | null; // the server draft, once there is one
  version: number;
  timerStart: number | null; // Date.now() when "New contact" was pressed
  agencyNames: Record<string, string>;
}

// The unsaved form survives a session ending mid-call, in memory only (never in storage),
// so the consultant can sign in again without typing the contact twice.
let draft: InProgress | null = null;
export function discardDraft(): void {
  draft = null;
}

interface CallerInfo {
  identifier: string; // as looked up (flags are set on this one)
  count: number;
  flags: CallerFlag[];
  earlier: EarlierContact[];
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  }
  return target.isContentEditable;
}

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The id of a finished contact to correct in this form (PUT with its version). */
  correct?: string;
}

/** The form values chosen from a code list with a select. */
type CodeValue = 'channel' | 'callerType' | 'outcome' | 'callerGender' | 'callerAgeBand' | 'callerCountry' | 'destinationCountry';

/** The finished contact being corrected, and the form as it was filled from it. */
interface Correction {
  contact: Contact;
  values: HotlineFormValues;
}

export function LogContactPage({ api, codes, user, correct }: Props) {
  const t = useT();
  const lists = codes.lists;
  const languages = lists.language ?? [];
  const correcting = correct !== undefined;
  // A correction never touches the unsaved form of a call kept in memory.
  const initial = correcting ? null : draft;
  const [values, setValues] = useState<HotlineFormValues>(() => initial?.values ?? emptyForm(languages));
  const [contactId, setContactId] = useState<string | null>(initial?.contactId ?? null);
  const [version, setVersion] = useState(initial?.version ?? 0);
  const [timerStart, setTimerStart] = useState<number | null>(initial?.timerStart ?? null);
  const [agencyNames, setAgencyNames] = useState<Record<string, string>>(initial?.agencyNames ?? {});
  const [now, setNow] = useState(Date.now());
  const [fieldError, setFieldError] = useState<{ field: string; text: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saved, setSaved] = useState<{ id: string; crisis: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const [caller, setCaller] = useState<CallerInfo | null>(null);
  const [draftsVersion, setDraftsVersion] = useState(0);
  const [correction, setCorrection] = useState<Correction | null>(null);
  const [conflict, setConflict] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const keyHandler = useRef<(e: KeyboardEvent) => void>(() => undefined);

  useEffect(() => {
    if (!correcting) draft = { values, contactId, version, timerStart, agencyNames };
  }, [values, contactId, version, timerStart, agencyNames]);

  useEffect(() => {
    if (correct !== undefined) void loadCorrection(correct, null);
  }, [correct]);

  useEffect(() => {
    if (timerStart === null) return;
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, [timerStart]);

  // Shortcuts work anywhere on this screen, not only inside the form.
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // Focus the field in error once it has rendered its message.
  useEffect(() => {
    if (fieldError) document.getElementById(inputIds[fieldError.field] ?? '')?.focus();
  }, [focusRequest]);

  const elapsed = timerStart === null ? null : Math.max(0, (now - timerStart) / 1000);
  const set = <K extends keyof HotlineFormValues>(key: K, value: HotlineFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const shown = sectionsFor(values.category);
  const nonData = values.kind === 'non_data';

  function showError(field: string, text: string) {
    setFieldError({ field: inputIds[field] !== undefined ? field : 'channel', text });
    setNotice({ kind: 'error', text: t('log.notSaved') });
    setFocusRequest((n) => n + 1);
  }

  function reset() {
    setValues(emptyForm(languages));
    setContactId(null);
    setVersion(0);
    setTimerStart(null);
    setAgencyNames({});
    setCaller(null);
    setFieldError(null);
  }

  async function newContact() {
    if (busy) return;
    reset();
    setSaved(null);
    const start = Date.now();
    setTimerStart(start);
    setNow(start);
    const fresh = { ...emptyForm(languages), startedAt: toDateTimeLocal(new Date(start)) };
    setValues(fresh);
    setNotice({ kind: 'info', text: t('hotline.started') });
    // Focus on the kind switch itself (not a button), so Enter is free to finish.
    document.getElementById('contact-kind')?.focus();
    // The draft exists on the server from the start: a lost browser loses nothing.
    const result = toHotlinePayload(fresh, 'draft', 0);
    if (!result.ok) return;
    try {
      const created = await createContact(api, result.payload);
      setContactId(created.id);
      setVersion(created.version ?? 1);
      setDraftsVersion((n) => n + 1);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    }
  }

  async function save(status: 'draft' | 'final') {
    if (correcting) {
      // A finished contact never becomes a draft again.
      if (status === 'final') await saveCorrection();
      return;
    }
    if (busy) return;
    setSaved(null);
    const result = toHotlinePayload(values, status, elapsed);
    if (!result.ok) {
      showError(result.field, t(result.messageKey));
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      const stored =
        contactId === null
          ? await createContact(api, result.payload)
          : await updateContact(api, contactId, result.payload, version);
      setFieldError(null);
      setDraftsVersion((n) => n + 1);
      if (status === 'final') {
        const crisis = values.kind === 'data' && values.category === 'crisis';
        reset();
        setSaved({ id: stored.id, crisis });
        setNotice({ kind: 'success', text: t('log.saved') });
      } else {
        setContactId(stored.id);
        setVersion(stored.version ?? version + 1);
        setNotice({ kind: 'success', text: t('hotline.draftSaved') });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && inputIds[error.field] !== undefined) {
        showError(error.field, error.message || t('log.notSaved'));
      } else if (error instanceof ApiError && error.status === 409) {
        setNotice({ kind: 'error', text: t('hotline.conflict') });
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setFieldError(null);
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  /** Fills the form with the finished contact `id`, as stored now. */
  async function loadCorrection(id: string, done: Notice | null) {
    setNotice({ kind: 'info', text: t('app.loading') });
    try {
      const c = await api.getContact(id);
      if (c.status !== 'final') {
        setCorrection(null);
        setNotice({ kind: 'error', text: t('correct.notFinal') });
        return;
      }
      fillCorrection(c);
      setConflict(false);
      setNotice(done);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      const text =
        error instanceof ApiError && error.status === 404 ? t('detail.notFound') : errorMessage(t, error);
      setNotice({ kind: 'error', text });
    }
  }

  function fillCorrection(c: Contact) {
    const filled = formOf(c, languages);
    setCorrection({ contact: c, values: filled });
    setValues(filled);
    setContactId(c.id);
    setVersion(c.version ?? 1);
    setCaller(null);
    setFieldError(null);
    for (const id of c.referral_agency_ids ?? []) {
      getAgencyName(api, id).then(
        (name) => setAgencyNames((n) => ({ ...n, [id]: name })),
        () => undefined,
      );
    }
  }

  async function saveCorrection() {
    if (busy || correction === null || contactId === null) return;
    setSaved(null);
    // An emptied duration keeps the stored one (there is no call timer here).
    const result = toHotlinePayload(values, 'final', correction.contact.duration_s);
    if (!result.ok) {
      showError(result.field, t(result.messageKey));
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      const payload = keepUnchanged(result.payload, values, correction.values, correction.contact);
      const stored = await updateContact(api, contactId, payload, version);
      fillCorrection(stored);
      setSaved({ id: stored.id, crisis: false });
      setNotice({ kind: 'success', text: t('correct.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && inputIds[error.field] !== undefined) {
        showError(error.field, error.message || t('log.notSaved'));
      } else if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        setNotice({ kind: 'error', text: t('correct.conflict') });
      } else if (error instanceof ApiError && error.status === 403) {
        setNotice({ kind: 'error', text: t('correct.forbidden') });
      } else if (error instanceof ApiError && error.status === 404) {
        setNotice({ kind: 'error', text: t('detail.notFound') });
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setFieldError(null);
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  function continueDraft(c: Contact) {
    setValues(formOf(c, languages));
    setContactId(c.id);
    setVersion(c.version ?? 1);
    setTimerStart(null);
    setCaller(null);
    setSaved(null);
    setFieldError(null);
    setNotice({ kind: 'info', text: t('hotline.draftOpened') });
    document.getElementById('contact-kind')?.focus();
    for (const id of c.referral_agency_ids ?? []) {
      getAgencyName(api, id).then(
        (name) => setAgencyNames((n) => ({ ...n, [id]: name })),
        () => undefined,
      );
    }
  }

  async function checkCaller() {
    const text = values.callerIdentifier.trim();
    if (text === '') {
      setCaller(null);
      return;
    }
    try {
      const found = await lookupCaller(api, text);
      // This contact's own draft does not make the caller a repeat caller.
      const earlier = found.earlier_contacts.filter((c) => c.id !== contactId);
      const own = found.earlier_contacts.length - earlier.length;
      setCaller({ identifier: text, count: Math.max(0, found.count - own), flags: found.flags, earlier });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        showError('caller_identifier', error.message);
      } else if (!(error instanceof ApiError && (error.status === 401 || error.status === 403))) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.defaultPrevented) return;
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void save('final');
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      void save('draft');
      return;
    }
    if (e.altKey && (e.key === 'n' || e.key === 'N' || e.code === 'KeyN')) {
      e.preventDefault();
      if (!correcting) void newContact();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTextEntry(e.target)) return;
    if (e.key === 'Enter' && nonData && values.nonDataType !== '' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      void save('final');
      return;
    }
    if (e.key.length !== 1) return;
    const key = e.key.toLowerCase();
    let handled = true;
    if (key === kindKeys.data) set('kind', 'data');
    else if (key === kindKeys.non_data) set('kind', 'non_data');
    else if (nonData) {
      const code = codeForKey(nonDataKeys, key);
      if (code !== null) set('nonDataType', code);
      else handled = false;
    } else {
      const category = codeForKey(categoryKeys, key);
      const callerType = codeForKey(callerTypeKeys, key);
      if (category !== null) set('category', category);
      else if (callerType !== null) set('callerType', callerType);
      else handled = false;
    }
    if (handled) e.preventDefault();
  }

  keyHandler.current = onKeyDown;

  // Props that tie an input to its label, hint and error.
  const describe = (field: string, hintId?: string) => {
    const id = inputIds[field] ?? field;
    const errorId = fieldError?.field === field ? `${id}-error` : undefined;
    const describedBy = [errorId, hintId].filter(Boolean).join(' ');
    return {
      id,
      name: field,
      'aria-invalid': errorId ? true : undefined,
      'aria-describedby': describedBy === '' ? undefined : describedBy,
    };
  };
  const errorFor = (field: string) =>
    fieldError?.field === field ? (
      <p id={`${inputIds[field] ?? field}-error`} class="field-error">
        {fieldError.text}
      </p>
    ) : null;
  const checks = (field: 'exploitation' | 'industry' | 'indicators' | 'assistance', list: string) => (
    <>
      <CodeChecks
        id={inputIds[field] ?? field}
        legend={t(`hotline.${field}`)}
        list={list}
        codes={codes}
        value={values[field]}
        onToggle={(code) => set(field, toggled(values[field], code))}
      />
      {errorFor(field)}
    </>
  );
  // One code of `list` (also the payload field) as a row of shortcut buttons, with its error.
  const toggles = (field: 'nonDataType' | 'category', list: string, keys: Record<string, string>, label: string) => (
    <>
      <CodeToggles
        id={inputIds[list] ?? ''}
        label={label}
        list={list}
        codes={codes}
        value={values[field]}
        keys={keys}
        onChange={(code) => set(field, code)}
        invalid={fieldError?.field === list}
      />
      {errorFor(list)}
    </>
  );
  // A choice from one code list: the form value `field`, sent as the payload field `name`.
  const codeField = (field: CodeValue, list: string, name: string, label: string) => (
    <CodeField
      label={label}
      list={list}
      codes={lists[list] ?? []}
      labels={codes}
      value={values[field]}
      placeholder={t('log.choose')}
      onChange={(e) => set(field, e.currentTarget.value)}
      {...describe(name)}
      error={errorFor(name)}
    />
  );
  const country = (field: 'callerCountry' | 'destinationCountry', name: string) =>
    codeField(field, 'country', name, t(`hotline.${field}`));
  const channelField = codeField('channel', 'channel', 'channel', t('log.channel'));

  const back = correct !== undefined && (
    <p class="back">
      <a href={hrefFor({ name: 'contact', id: correct })}>← {t('correct.back')}</a>
    </p>
  );
  if (correcting && correction === null) {
    // Nothing to correct until the contact is loaded (or when it cannot be).
    return (
      <section class="page">
        {back}
        <PageHeading title={t('correct.title')} />
        <StatusRegion notice={notice} />
      </section>
    );
  }

  return (
    <div class="log-layout">
      <section class="page">
        {back}
        <PageHeading title={correcting ? t('correct.title') : t('log.title')} />
        {!correcting && (
          <div class="call-bar">
            <button type="button" class="primary" onClick={() => void newContact()} aria-keyshortcuts="Alt+N">
              {t('hotline.newContact')} <kbd>Alt+N</kbd>
            </button>
            <p class="call-timer">
              <span class="visually-hidden">{t('hotline.callTime')} </span>
              <span role="timer" aria-label={t('hotline.callTime')} class={timerStart === null ? 'muted' : ''}>
                {formatTimer(elapsed ?? 0)}
              </span>
            </p>
            {contactId !== null && <p class="muted draft-badge">{t('hotline.draftBadge')}</p>}
          </div>
        )}
        <p class="muted">{correcting ? t('correct.intro') : t('hotline.intro')}</p>
        <StatusRegion notice={notice}>
          {notice?.kind === 'error' && conflict && correct !== undefined && (
            <>
              {' '}
              <button
                type="button"
                class="link-button"
                onClick={() => void loadCorrection(correct, { kind: 'info', text: t('correct.reloaded') })}
              >
                {t('correct.reload')}
              </button>
            </>
          )}
          {notice?.kind === 'success' && saved !== null && (
            <>
              {' '}
              <a href={hrefFor({ name: 'contact', id: saved.id })}>{t('log.openSaved')}</a>
              {saved.crisis && (
                <>
                  {' '}
                  <a class="button primary" href={hrefFor({ name: 'safetyPlan', id: saved.id })}>
                    {t('safetyPlan.write')}
                  </a>
                </>
              )}
            </>
          )}
        </StatusRegion>
        <form
          ref={formRef}
          class="contact-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save('final');
          }}
          noValidate
        >
          <div class="kind-switch" role="group" aria-label={t('hotline.kind')} id={inputIds.kind} tabIndex={-1}>
            <button
              type="button"
              id="contact-kind-data"
              class="toggle"
              aria-pressed={!nonData}
              aria-keyshortcuts="D"
              onClick={() => set('kind', 'data')}
            >
              <kbd aria-hidden="true">D</kbd>
              {t('hotline.kindData')}
            </button>
            <button
              type="button"
              id="contact-kind-non-data"
              class="toggle"
              aria-pressed={nonData}
              aria-keyshortcuts="N"
              onClick={() => set('kind', 'non_data')}
            >
              <kbd aria-hidden="true">N</kbd>
              {t('hotline.kindNonData')}
            </button>
          </div>

          {nonData ? (
            <div class="non-data-panel">
              {toggles('nonDataType', 'non_data_type', nonDataKeys, t('hotline.nonDataType'))}
              <div class="grid">{channelField}</div>
              <p class="hint">{t('hotline.nonDataHint')}</p>
            </div>
          ) : (
            <>
              {toggles('category', 'category', categoryKeys, t('hotline.category'))}
              <div class="caller-type-row">
                <CodeToggles
                  id="contact-caller-type-keys"
                  label={t('log.callerType')}
                  list="caller_type"
                  codes={codes}
                  only={Object.keys(callerTypeKeys).filter((c) => (lists.caller_type ?? []).includes(c))}
                  value={values.callerType}
                  keys={callerTypeKeys}
                  onChange={(code) => set('callerType', code)}
                />
                {codeField('callerType', 'caller_type', 'caller_type', t('hotline.callerTypeAll'))}
              </div>
              <div class="grid">
                {channelField}
                <CodeField
                  label={t('log.language')}
                  list="language"
                  codes={languages}
                  value={values.language}
                  grouped
                  onChange={(e) => set('language', e.currentTarget.value)}
                  {...describe('language')}
                  error={errorFor('language')}
                />
                <CheckField
                  label={t('log.anonymous')}
                  checked={values.anonymous}
                  onChange={(on) => set('anonymous', on)}
                  {...describe('anonymous')}
                  error={errorFor('anonymous')}
                />
                <FormField
                  inputId={inputIds.caller_identifier}
                  label={t('hotline.callerIdentifier')}
                  hint={{ id: 'contact-caller-identifier-hint', text: t('hotline.callerIdentifierHint') }}
                  error={errorFor('caller_identifier')}
                >
                  <input
                    type="text"
                    autocomplete="off"
                    inputMode="tel"
                    value={values.callerIdentifier}
                    onInput={(e) => set('callerIdentifier', e.currentTarget.value)}
                    onBlur={() => void checkCaller()}
                    {...describe('caller_identifier', 'contact-caller-identifier-hint')}
                  />
                </FormField>
              </div>
              {caller !== null && (
                <RepeatCallerBox
                  codes={codes}
                  count={caller.count}
                  flags={caller.flags}
                  earlier={caller.earlier}
                  flagging={
                    mayFlagCallers(user)
                      ? {
                          api,
                          identifier: caller.identifier,
                          onFlagsChanged: (flags) => setCaller((c) => c && { ...c, flags }),
                          onNotice: (n) => {
                            setSaved(null);
                            setNotice(n);
                          },
                        }
                      : undefined
                  }
                />
              )}

              {shown.has('imminent_danger') && (
                <CheckField
                  label={t('hotline.imminentDanger')}
                  tone="danger"
                  checked={values.imminentDanger}
                  onChange={(on) => set('imminentDanger', on)}
                  {...describe('imminent_danger')}
                />
              )}
              {shown.has('safety_plan') && <p class="safety-plan-note">{t('safetyPlan.afterFinish')}</p>}
              {shown.has('destination') && <div class="grid">{country('destinationCountry', 'destination_country')}</div>}
              {shown.has('exploitation') && checks('exploitation', 'exploitation')}
              {shown.has('industry') && checks('industry', 'industry')}
              {shown.has('indicators') && checks('indicators', 'indicator')}
              {shown.has('assistance') && checks('assistance', 'assistance')}
              {shown.has('referrals') && (
                <>
                  <AgencyPicker
                    api={api}
                    value={values.referralAgencyIds}
                    names={agencyNames}
                    onChange={(ids, names) => {
                      set('referralAgencyIds', ids);
                      setAgencyNames(names);
                    }}
                  />
                  {errorFor('referral_agency_ids')}
                </>
              )}
              {shown.has('follow_up') && (
                <div class="grid">
                  <CheckField
                    label={t('hotline.followUp')}
                    checked={values.followUpNeeded}
                    onChange={(on) => set('followUpNeeded', on)}
                    {...describe('follow_up_needed')}
                  />
                  {values.followUpNeeded && (
                    <FormField
                      inputId={inputIds.follow_up_due}
                      label={t('hotline.followUpDue')}
                      error={errorFor('follow_up_due')}
                    >
                      <input
                        type="date"
                        value={values.followUpDue}
                        onInput={(e) => set('followUpDue', e.currentTarget.value)}
                        {...describe('follow_up_due')}
                      />
                    </FormField>
                  )}
                </div>
              )}
              <div class="grid">{codeField('outcome', 'outcome', 'outcome', t('hotline.outcome'))}</div>
              <details class="more-caller">
                <summary>{t('hotline.moreAboutCaller')}</summary>
                <div class="grid">
                  {codeField('callerGender', 'gender', 'caller_gender', t('hotline.callerGender'))}
                  {codeField('callerAgeBand', 'age_band', 'caller_age_band', t('hotline.callerAgeBand'))}
                  {country('callerCountry', 'caller_country')}
                </div>
              </details>
              <FormField
                inputId={inputIds.summary}
                label={t('log.summary')}
                hint={{ id: 'contact-summary-hint', text: t('log.summaryHint') }}
                error={errorFor('summary')}
              >
                <textarea
                  rows={5}
                  value={values.summary}
                  onInput={(e) => set('summary', e.currentTarget.value)}
                  {...describe('summary', 'contact-summary-hint')}
                />
              </FormField>
            </>
          )}

          <div class="grid timing">
            <FormField inputId={inputIds.started_at} label={t('log.startedAt')} error={errorFor('started_at')}>
              <input
                type="datetime-local"
                value={values.startedAt}
                onInput={(e) => set('startedAt', e.currentTarget.value)}
                {...describe('started_at')}
              />
            </FormField>
            <FormField
              inputId={inputIds.duration_s}
              label={t('log.duration')}
              hint={{ id: 'contact-duration-hint', text: t('hotline.durationHint') }}
              error={errorFor('duration_s')}
            >
              <input
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={values.durationMinutes}
                placeholder={elapsed === null ? '' : String(Math.ceil(elapsed / 60))}
                onInput={(e) => set('durationMinutes', e.currentTarget.value)}
                {...describe('duration_s', 'contact-duration-hint')}
              />
            </FormField>
          </div>

          <div class="actions">
            <button type="submit" class="primary" aria-disabled={busy} aria-describedby="contact-shortcut">
              {busy ? t('log.saving') : correcting ? t('correct.save') : t('hotline.finish')}
            </button>
            {!correcting && (
              <button type="button" class="secondary" aria-disabled={busy} onClick={() => void save('draft')}>
                {t('hotline.saveDraft')}
              </button>
            )}
            <p id="contact-shortcut" class="hint">
              {correcting ? t('correct.shortcuts') : t('hotline.shortcuts')}
            </p>
          </div>
        </form>
      </section>
      {!correcting && (
        <MyDrafts api={api} codes={codes} refresh={draftsVersion} current={contactId} onOpen={continueDraft} />
      )}
    </div>
  );
}
