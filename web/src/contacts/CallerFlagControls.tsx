// A supervisor's controls on a caller's flags: "Flag this caller" (a flag from the caller_flag
// list and its last day) and the action behind each flag's "Remove" button. The identifier is
// the one that was looked up; it travels only in POST bodies, never in a URL.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CallerFlag, CodeLists } from '../api/types';
import { CodeField } from '../components/CodeSelect';
import { FormField } from '../components/FormField';
import type { Notice } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { flagCaller, unflagCaller } from './api';
import { flagExpiresAt, flagExpiryRange, withFlag, withoutFlag } from './callerFlags';
import { codeLabel } from '../codes/labels';

export interface CallerFlagging {
  api: ApiClient;
  /** The caller identifier as it was looked up. */
  identifier: string;
  /** The caller's active flags after a change. */
  onFlagsChanged: (flags: CallerFlag[]) => void;
  /** A message for the screen's status region. */
  onNotice: (notice: Notice) => void;
}

type Busy = { action: 'add' } | { action: 'remove'; flag: string } | null;

/** Sets and removes flags; `busy` says which request is under way. */
export function useCallerFlagActions(flagging: CallerFlagging | undefined, flags: CallerFlag[], codes: CodeLists) {
  const t = useT();
  const [busy, setBusy] = useState<Busy>(null);
  const label = (flag: string) => codeLabel(codes, 'caller_flag', flag);

  function failed(error: unknown): Notice | null {
    if (error instanceof ApiError) {
      if (error.status === 401) return null; // the app shows the sign-in page
      if (error.status === 403) return { kind: 'error', text: t('callerFlags.forbidden') };
      if (error.status === 400 && error.field === 'expires_at') {
        return { kind: 'error', text: t('callerFlags.expiryInvalid') };
      }
      if (error.status === 400 && error.field === 'flag') return { kind: 'error', text: t('callerFlags.chooseFlag') };
      if (error.status === 400 && error.field === 'caller_identifier') {
        return { kind: 'error', text: t('callerFlags.identifierInvalid') };
      }
    }
    return { kind: 'error', text: errorMessage(t, error) };
  }

  /** True when the flag was set. */
  async function add(flag: string, expiresAt: string): Promise<boolean> {
    if (!flagging || busy !== null) return false;
    setBusy({ action: 'add' });
    try {
      const stored = await flagCaller(flagging.api, flagging.identifier, flag, expiresAt);
      flagging.onFlagsChanged(withFlag(flags, stored));
      const when = formatDateTime(stored.expires_at);
      flagging.onNotice({ kind: 'success', text: t('callerFlags.set', { flag: label(stored.flag), when }) });
      return true;
    } catch (error) {
      const notice = failed(error);
      if (notice) flagging.onNotice(notice);
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function remove(flag: string): Promise<void> {
    if (!flagging || busy !== null) return;
    setBusy({ action: 'remove', flag });
    try {
      await unflagCaller(flagging.api, flagging.identifier, flag);
      flagging.onFlagsChanged(withoutFlag(flags, flag));
      flagging.onNotice({ kind: 'success', text: t('callerFlags.removed', { flag: label(flag) }) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // Removed by someone else, or expired meanwhile: the caller has no such flag any more.
        flagging.onFlagsChanged(withoutFlag(flags, flag));
        flagging.onNotice({ kind: 'info', text: t('callerFlags.alreadyGone') });
      } else {
        const notice = failed(error);
        if (notice) flagging.onNotice(notice);
      }
    } finally {
      setBusy(null);
    }
  }

  return { busy, add, remove };
}

interface FormProps {
  codes: CodeLists;
  busy: boolean;
  onNotice: (notice: Notice) => void;
  onSave: (flag: string, expiresAt: string) => Promise<boolean>;
}

/**
 * "Flag this caller", folded away until opened. Not a <form>: it can sit inside the contact
 * form, so Enter in its fields saves the flag instead of finishing the contact.
 */
export function CallerFlagForm({ codes, busy, onNotice, onSave }: FormProps) {
  const t = useT();
  const range = flagExpiryRange();
  const [flag, setFlag] = useState('');
  const [day, setDay] = useState(range.initial);
  const [invalid, setInvalid] = useState<'flag' | 'day' | null>(null);

  async function save() {
    if (busy) return;
    if (flag === '') {
      setInvalid('flag');
      onNotice({ kind: 'error', text: t('callerFlags.chooseFlag') });
      document.getElementById('caller-flag-code')?.focus();
      return;
    }
    const expiresAt = flagExpiresAt(day);
    if (expiresAt === null) {
      setInvalid('day');
      onNotice({ kind: 'error', text: t('callerFlags.expiryInvalid') });
      document.getElementById('caller-flag-expires')?.focus();
      return;
    }
    setInvalid(null);
    if (await onSave(flag, expiresAt)) {
      setFlag('');
      setDay(flagExpiryRange().initial);
    }
  }

  return (
    <details class="caller-flag-form">
      <summary>{t('callerFlags.title')}</summary>
      <div
        class="caller-flag-row"
        role="group"
        aria-label={t('callerFlags.title')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && e.target instanceof HTMLInputElement) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <CodeField
          id="caller-flag-code"
          label={t('callerFlags.flag')}
          list="caller_flag"
          codes={codes.lists.caller_flag ?? []}
          labels={codes}
          value={flag}
          placeholder={t('log.choose')}
          aria-invalid={invalid === 'flag' ? true : undefined}
          onChange={(e) => setFlag(e.currentTarget.value)}
        />
        <FormField
          inputId="caller-flag-expires"
          label={t('callerFlags.expires')}
          hint={{ id: 'caller-flag-expires-hint', text: t('callerFlags.expiresHint') }}
        >
          <input
            id="caller-flag-expires"
            type="date"
            min={range.min}
            max={range.max}
            value={day}
            aria-invalid={invalid === 'day' ? true : undefined}
            aria-describedby="caller-flag-expires-hint"
            onInput={(e) => setDay(e.currentTarget.value)}
          />
        </FormField>
        <button type="button" class="secondary" aria-disabled={busy} onClick={() => void save()}>
          {busy ? t('callerFlags.saving') : t('callerFlags.save')}
        </button>
      </div>
    </details>
  );
}
