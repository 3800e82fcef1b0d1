// Moving a case to its next stage, and a supervisor's approval of a requested closure. A stale
// version (409) says so and offers to reload the case instead of overwriting anything.
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { useT } from '../i18n';
import { approveClosure, moveCase, refName, type CaseRecord } from './api';
import { CodeChoice, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { chosenOutcomes, OutcomeChoices } from './FollowUpsSection';
import { checkMove, moveBody, nextStatuses, type MoveForm } from './status';
import { useCaseForm } from './useCaseForm';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  record: CaseRecord;
  mayMove: boolean;
  mayApprove: boolean;
  onChanged: (c: CaseRecord) => void;
  onReload: () => void;
}

const blankMove: MoveForm = { to: '', reason: '', outcome: '', reflectionStart: '', reflectionEnd: '', inclusion: [] };

const serverField: Record<string, keyof MoveForm> = {
  to: 'to',
  reason: 'reason',
  outcome: 'outcome',
  reflection_start: 'reflectionStart',
  reflection_end: 'reflectionEnd',
};

export function StatusActions({ api, codes, record, mayMove, mayApprove, onChanged, onReload }: Props) {
  const t = useT();
  const form = useCaseForm('move', blankMove, (field) => serverField[field] ?? '');
  const closurePending = record.pending_approval?.kind === 'closure';
  const moves = nextStatuses(record.status, closurePending);

  function run(action: () => Promise<CaseRecord>, done: string) {
    void form.send(async () => {
      onChanged(await action());
      form.setValues(blankMove);
    }, { saving: t('log.saving'), done });
  }

  function move() {
    const checked = checkMove(form.values);
    if (!checked.ok) {
      form.invalid(checked.field, t(checked.messageKey));
      return;
    }
    const done = form.values.to === 'closed' ? t('cases.status.closureRequested') : t('cases.status.moved');
    run(() => moveCase(api, record.id, moveBody(form.values, record.version)), done);
  }

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
              aria-disabled={form.busy}
              onClick={() => {
                if (!form.busy) run(() => approveClosure(api, record.id, record.version), t('cases.status.closed'));
              }}
            >
              {t('cases.status.approveClosure')}
            </button>
          )}
        </div>
      )}
      {mayMove && moves.length > 0 && (
        <NextStageForm codes={codes} status={record.status} moves={moves} form={form} onSubmit={form.onSubmit(move)} />
      )}
      <SectionNotice
        notice={form.notice}
        conflict={form.conflict}
        onReload={() => {
          form.setConflict(false);
          form.setNotice(null);
          onReload();
        }}
      />
    </div>
  );
}

interface NextStageProps {
  codes: CodeLists;
  status: string;
  moves: string[];
  form: ReturnType<typeof useCaseForm<MoveForm>>;
  onSubmit: (e: Event) => void;
}

/** The next stage, and what a move there needs (closure reason and outcome, reflection dates). */
function NextStageForm({ codes, status, moves, form, onSubmit }: NextStageProps) {
  const t = useT();
  const { values, error } = form;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('cases.status.moveTitle')} class="move-form">
      <div class="field">
        <label for="move-to">{t('cases.status.moveTo')}</label>
        <select
          id="move-to"
          value={values.to}
          aria-invalid={error?.field === 'to' ? true : undefined}
          onChange={(e) => form.set('to')(e.currentTarget.value)}
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
      {values.to === 'closed' && (
        <>
          <div class="grid">
            <CodeChoice {...form.bind('reason', t('cases.status.reason'))} codes={codes} list={lists.closureReason} />
            <CodeChoice {...form.bind('outcome', t('cases.status.outcome'))} codes={codes} list={lists.closureOutcome} />
          </div>
          <OutcomeChoices
            codes={codes}
            idPrefix="move"
            legend={t('cases.status.inclusionOutcomes')}
            hint={t('cases.status.inclusionOutcomesHint')}
            value={Object.fromEntries(values.inclusion.map((o) => [o.domain, o.status]))}
            error={error}
            onValue={(chosen) => form.set('inclusion')(chosenOutcomes(codes, chosen))}
          />
        </>
      )}
      {values.to === 'first_assistance' && (
        <div class="grid">
          <TextInput {...form.bind('reflectionStart', t('cases.status.reflectionStart'))} kind="date" />
          <TextInput {...form.bind('reflectionEnd', t('cases.status.reflectionEnd'))} kind="date" />
        </div>
      )}
      <button type="submit" class="primary" aria-disabled={form.busy}>
        {values.to === 'closed' ? t('cases.status.requestClosure') : t('cases.status.move')}
      </button>
    </form>
  );
}
