import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists } from '../api/types';
import { toDateTimeLocal, toPayload, type ContactField, type ContactFormValues } from '../contacts/form';
import { currentUiLanguage, useT } from '../i18n';
import { hrefFor } from '../router';
import { CodeSelect } from './CodeSelect';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';

// Input id for each payload field, so a server error can be shown beside the right input.
const inputIds: Record<ContactField, string> = {
  channel: 'contact-channel',
  started_at: 'contact-started-at',
  duration_s: 'contact-duration',
  caller_type: 'contact-caller-type',
  anonymous: 'contact-anonymous',
  language: 'contact-language',
  summary: 'contact-summary',
};

function isContactField(name: string): name is ContactField {
  return Object.hasOwn(inputIds, name);
}

function emptyForm(languages: string[]): ContactFormValues {
  const ui = currentUiLanguage();
  return {
    channel: '',
    startedAt: toDateTimeLocal(new Date()),
    durationMinutes: '',
    callerType: '',
    anonymous: true,
    language: languages.includes(ui) ? ui : 'en',
    summary: '',
  };
}

// The unsaved form survives a session ending mid-call, in memory only (never in storage),
// so the consultant can sign in again without typing the contact twice.
let draft: ContactFormValues | null = null;
export function discardDraft(): void {
  draft = null;
}

interface Props {
  api: ApiClient;
  codes: CodeLists;
}

export function LogContactPage({ api, codes }: Props) {
  const t = useT();
  const lists = codes.lists;
  const [values, setValues] = useState<ContactFormValues>(() => draft ?? emptyForm(lists.language ?? []));
  const [fieldError, setFieldError] = useState<{ field: ContactField; text: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    draft = values;
  }, [values]);

  // Focus the field in error once it has rendered its message.
  useEffect(() => {
    if (fieldError) document.getElementById(inputIds[fieldError.field])?.focus();
  }, [focusRequest]);

  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    setSavedId(null);
    const result = toPayload(values);
    if (!result.ok) {
      setFieldError({ field: result.field, text: t(result.messageKey) });
      setNotice({ kind: 'error', text: t('log.notSaved') });
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(true);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      const contact = await api.createContact(result.payload);
      setFieldError(null);
      setValues(emptyForm(lists.language ?? []));
      setSavedId(contact.id);
      setNotice({ kind: 'success', text: t('log.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && isContactField(error.field)) {
        setFieldError({ field: error.field, text: error.message || t('log.notSaved') });
        setNotice({ kind: 'error', text: t('log.notSaved') });
        setFocusRequest((n) => n + 1);
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setFieldError(null);
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  // Props that tie an input to its label, hint and error.
  const describe = (field: ContactField, hintId?: string) => {
    const errorId = fieldError?.field === field ? `${inputIds[field]}-error` : undefined;
    const describedBy = [errorId, hintId].filter(Boolean).join(' ');
    return {
      id: inputIds[field],
      name: field,
      'aria-invalid': errorId ? true : undefined,
      'aria-describedby': describedBy === '' ? undefined : describedBy,
    };
  };
  const errorFor = (field: ContactField) =>
    fieldError?.field === field ? (
      <p id={`${inputIds[field]}-error`} class="field-error">
        {fieldError.text}
      </p>
    ) : null;

  return (
    <section class="page">
      <PageHeading title={t('log.title')} />
      <p class="muted">{t('log.intro')}</p>
      <StatusRegion notice={notice}>
        {notice?.kind === 'success' && savedId !== null && (
          <>
            {' '}
            <a href={hrefFor({ name: 'contact', id: savedId })}>{t('log.openSaved')}</a>
          </>
        )}
      </StatusRegion>
      <form ref={formRef} class="contact-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate>
        <div class="grid">
          <div class="field">
            <label for={inputIds.channel}>{t('log.channel')}</label>
            <CodeSelect
              list="channel"
              codes={lists.channel ?? []}
              value={values.channel}
              placeholder={t('log.choose')}
              onChange={(e) => set('channel', e.currentTarget.value)}
              {...describe('channel')}
            />
            {errorFor('channel')}
          </div>
          <div class="field">
            <label for={inputIds.started_at}>{t('log.startedAt')}</label>
            <input
              type="datetime-local"
              value={values.startedAt}
              onInput={(e) => set('startedAt', e.currentTarget.value)}
              {...describe('started_at')}
            />
            {errorFor('started_at')}
          </div>
          <div class="field">
            <label for={inputIds.duration_s}>{t('log.duration')}</label>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={values.durationMinutes}
              onInput={(e) => set('durationMinutes', e.currentTarget.value)}
              {...describe('duration_s')}
            />
            {errorFor('duration_s')}
          </div>
          <div class="field">
            <label for={inputIds.caller_type}>{t('log.callerType')}</label>
            <CodeSelect
              list="caller_type"
              codes={lists.caller_type ?? []}
              value={values.callerType}
              placeholder={t('log.choose')}
              onChange={(e) => set('callerType', e.currentTarget.value)}
              {...describe('caller_type')}
            />
            {errorFor('caller_type')}
          </div>
          <div class="field">
            <label for={inputIds.language}>{t('log.language')}</label>
            <CodeSelect
              list="language"
              codes={lists.language ?? []}
              value={values.language}
              grouped
              onChange={(e) => set('language', e.currentTarget.value)}
              {...describe('language')}
            />
            {errorFor('language')}
          </div>
          <div class="field field-check">
            <div class="check">
              <input
                type="checkbox"
                checked={values.anonymous}
                onChange={(e) => set('anonymous', e.currentTarget.checked)}
                {...describe('anonymous')}
              />
              <label for={inputIds.anonymous}>{t('log.anonymous')}</label>
            </div>
            {errorFor('anonymous')}
          </div>
        </div>
        <div class="field">
          <label for={inputIds.summary}>{t('log.summary')}</label>
          <textarea
            rows={6}
            value={values.summary}
            onInput={(e) => set('summary', e.currentTarget.value)}
            {...describe('summary', 'contact-summary-hint')}
          />
          <p id="contact-summary-hint" class="hint">
            {t('log.summaryHint')}
          </p>
          {errorFor('summary')}
        </div>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled={busy} aria-describedby="contact-shortcut">
            {busy ? t('log.saving') : t('log.submit')}
          </button>
          <p id="contact-shortcut" class="hint">
            {t('log.shortcut')}
          </p>
        </div>
      </form>
    </section>
  );
}
