// Who works the case: a supervisor assigns the worker and the team directly; the assigned worker
// asks another worker to take the case (a transfer), which that worker (or a supervisor) accepts
// or declines. A pending transfer is shown to everyone on the case.
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import { FormField } from '../components/FormField';
import { useT } from '../i18n';
import { refName, type CaseRecord } from './api';
import { Section, SectionNotice, TextInput } from './fields';
import { mayApprove } from './permissions';
import { assignCase, decideTransfer, requestTransfer } from './tasksApi';
import { useCaseForm } from './useCaseForm';
import { useWorkers, WorkerSelect } from './WorkerSelect';

interface Props {
  api: ApiClient;
  record: CaseRecord;
  user: User;
  onChanged: (c: CaseRecord | null) => void;
}

export function AssignmentSection({ api, record, user, onChanged }: Props) {
  const t = useT();
  const workers = useWorkers(api);
  const supervisor = mayApprove(user);
  const form = useCaseForm('assign', () => ({
    assigned_to: record.assigned_to?.id ?? '',
    team: record.team.map((u) => u.id),
    to: '',
    reason: '',
  }));
  const { values } = form;
  const transfer = record.transfer;

  function assign() {
    void form.send(async () => {
      onChanged(await assignCase(api, record.id, { assigned_to: values.assigned_to, team: values.team, version: record.version }));
    }, { done: t('cases.assign.saved') });
  }
  function ask() {
    if (values.to === '') return form.invalid('to', t('cases.transfer.needTo'));
    if (values.reason.trim() === '') return form.invalid('reason', t('cases.transfer.needReason'));
    void form.send(async () => {
      onChanged(await requestTransfer(api, record.id, { to: values.to, reason: values.reason.trim(), version: record.version }));
    }, { done: t('cases.transfer.requested') });
  }
  function answer(accept: boolean) {
    void form.send(async () => {
      await decideTransfer(api, record.id, accept);
      onChanged(null);
    }, { done: accept ? t('cases.transfer.accepted') : t('cases.transfer.declined') });
  }
  const toggle = (id: string, on: boolean) => form.set('team')(on ? [...values.team, id] : values.team.filter((m) => m !== id));

  return (
    <Section id="case-assignment" title={t('cases.assign.title')}>
      <SectionNotice notice={form.notice} conflict={form.conflict} onReload={() => onChanged(null)} />
      {transfer && (
        <div class="pending-approval">
          <p>{t('cases.transfer.pending', { to: refName(transfer.to), by: refName(transfer.requested_by) })}</p>
          <p class="summary">{transfer.reason}</p>
          {(supervisor || transfer.to.id === user.id) && (
            <p>
              <button type="button" onClick={() => answer(true)} aria-disabled={form.busy}>
                {t('cases.transfer.accept', { code: record.case_code })}
              </button>{' '}
              <button type="button" class="secondary" onClick={() => answer(false)} aria-disabled={form.busy}>
                {t('cases.transfer.decline', { code: record.case_code })}
              </button>
            </p>
          )}
        </div>
      )}
      {supervisor && (
        <form onSubmit={form.onSubmit(assign)} noValidate aria-label={t('cases.assign.title')}>
          <FormField inputId="assign-assigned_to" label={t('cases.assign.worker')}>
            <WorkerSelect id="assign-assigned_to" workers={workers} value={values.assigned_to} onValue={form.set('assigned_to')} />
          </FormField>
          <fieldset>
            <legend>{t('cases.assign.team')}</legend>
            {workers
              .filter((w) => w.id !== values.assigned_to)
              .map((w) => (
                <label key={w.id} class="check">
                  <input type="checkbox" checked={values.team.includes(w.id)} onChange={(e) => toggle(w.id, e.currentTarget.checked)} /> {w.name}
                </label>
              ))}
          </fieldset>
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {t('cases.assign.save')}
          </button>
        </form>
      )}
      {!supervisor && !transfer && record.assigned_to?.id === user.id && (
        <form onSubmit={form.onSubmit(ask)} noValidate aria-label={t('cases.transfer.request')}>
          <FormField inputId="assign-to" label={t('cases.transfer.to')} error={form.error?.field === 'to' ? <p id="assign-to-error" class="field-error">{form.error.text}</p> : null}>
            <WorkerSelect
              id="assign-to"
              workers={workers}
              value={values.to}
              onValue={form.set('to')}
              empty={t('cases.transfer.choose')}
              except={user.id}
              errorId={form.error?.field === 'to' ? 'assign-to-error' : undefined}
            />
          </FormField>
          <TextInput {...form.bind('reason', t('cases.transfer.reason'))} hint={t('cases.transfer.reasonHint')} />
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {t('cases.transfer.request')}
          </button>
        </form>
      )}
    </Section>
  );
}
