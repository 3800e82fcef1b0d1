// Moving a case to its next stage, and a supervisor's approval of a requested closure. A stale
// version (409) says so and offers to reload the case instead of overwriting anything.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { approveClosure, moveCase, refName, type CaseRecord } from './api';
import { badField, failureText, isConflict } from './errors';
import { CodeChoice, TextInput, type FieldError } from './fields';
import { lists } from './lists';
import { checkMove, moveBody, nextStatuses, type MoveForm } from './status';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  record: CaseRecord;
  mayMove: boolean;
  mayApprove: boolean;
  onChanged: (c: CaseRecord) => void;
  onReload: () => void;
}

const blankMove: MoveForm = { to: '', reason: '', outcome: '', reflectionStart: '', reflectionEnd: '' };

const serverField: Record<string, keyof MoveForm> = {
  to: 'to',
  reason: 'reason',
  outcome: 'outcome',
  reflection_start: 'reflectionStart',
  reflection_end: 'reflectionEnd',
};

export function StatusActions({ api, codes, record, mayMove, mayApprove, onChanged, onReload }: Props) {
  const t = useT();
  const [form, setForm] = useState<MoveForm>(blankMove);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const closurePending = record.pending_approval?.kind === 'closure';
  const moves = nextStatuses(record.status, closurePending);

  async function run(action: () => Promise<CaseRecord>, done: string) {
    setBusy(true);
    setConflict(false);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      onChanged(await action());
      setForm(blankMove);
      setError(null);
      setNotice({ kind: 'success', text: done });
    } catch (err) {
      const text = failureText(t, err);
      if (isConflict(err)) setConflict(true);
      const field = serverField[badField(err)];
      if (field !== undefined) setError({ field, text: text ?? '' });
      if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  function move(e: Event) {
    e.preventDefault();
    if (busy) return;
    const checked = checkMove(form);
    if (!checked.ok) {
      setError({ field: checked.field, text: t(checked.messageKey) });
      setNotice({ kind: 'error', text: t(checked.messageKey) });
      document.getElementById(`move-${checked.field}`)?.focus();
      return;
    }
    const done = form.to === 'closed' ? t('cases.status.closureRequested') : t('cases.status.moved');
    void run(() => moveCase(api, record.id, moveBody(form, record.version)), done);
  }

  const set = (key: keyof MoveForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <div class="status-actions">
      {closurePending && record.pending_approval && (
        <div class="pending-approval">
          <p>
            {t('cases.status.closurePending', {
              who: refName(record.pending_approval.requested_by),
              reason: codeLabel(codes, lists.closureReason, record.closure?.reason ?? ''),
              outcome: codeLabel(codes, lists.closureOutcome, record.closure?.outcome ?? ''),
            })}
          </p>
          {mayApprove && (
            <button
              type="button"
              class="primary"
              aria-disabled={busy}
              onClick={() => {
                if (!busy) void run(() => approveClosure(api, record.id, record.version), t('cases.status.closed'));
              }}
            >
              {t('cases.status.approveClosure')}
            </button>
          )}
        </div>
      )}
      {mayMove && moves.length > 0 && (
        <NextStageForm codes={codes} status={record.status} moves={moves} form={form} set={set} error={error} busy={busy} onSubmit={move} />
      )}
      <StatusRegion notice={notice}>
        {conflict && (
          <>
            {' '}
            <button
              type="button"
              class="link-button"
              onClick={() => {
                setConflict(false);
                setNotice(null);
                onReload();
              }}
            >
              {t('cases.reload')}
            </button>
          </>
        )}
      </StatusRegion>
    </div>
  );
}

interface NextStageProps {
  codes: CodeLists;
  status: string;
  moves: string[];
  form: MoveForm;
  set: (key: keyof MoveForm) => (value: string) => void;
  error: FieldError | null;
  busy: boolean;
  onSubmit: (e: Event) => void;
}

/** The next stage, and what a move there needs (closure reason and outcome, reflection dates). */
function NextStageForm({ codes, status, moves, form, set, error, busy, onSubmit }: NextStageProps) {
  const t = useT();
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('cases.status.moveTitle')} class="move-form">
      <div class="field">
        <label for="move-to">{t('cases.status.moveTo')}</label>
        <select
          id="move-to"
          value={form.to}
          aria-invalid={error?.field === 'to' ? true : undefined}
          onChange={(e) => set('to')(e.currentTarget.value)}
        >
          <option value="">{t('log.choose')}</option>
          {moves.map((s) => (
            <option key={s} value={s}>
              {status === 'closed'
                ? t('cases.status.reopenAs', { status: codeLabel(codes, lists.caseStatus, s) })
                : codeLabel(codes, lists.caseStatus, s)}
            </option>
          ))}
        </select>
      </div>
      {form.to === 'closed' && (
        <div class="grid">
          <CodeChoice id="move-reason" name="reason" label={t('cases.status.reason')} codes={codes} list={lists.closureReason} value={form.reason} error={error} onValue={set('reason')} />
          <CodeChoice id="move-outcome" name="outcome" label={t('cases.status.outcome')} codes={codes} list={lists.closureOutcome} value={form.outcome} error={error} onValue={set('outcome')} />
        </div>
      )}
      {form.to === 'first_assistance' && (
        <div class="grid">
          <TextInput id="move-reflectionStart" name="reflectionStart" kind="date" label={t('cases.status.reflectionStart')} value={form.reflectionStart} error={error} onValue={set('reflectionStart')} />
          <TextInput id="move-reflectionEnd" name="reflectionEnd" kind="date" label={t('cases.status.reflectionEnd')} value={form.reflectionEnd} error={error} onValue={set('reflectionEnd')} />
        </div>
      )}
      <button type="submit" class="primary" aria-disabled={busy}>
        {form.to === 'closed' ? t('cases.status.requestClosure') : t('cases.status.move')}
      </button>
    </form>
  );
}
