// What waits for the user who works cases, on their home screen: their open tasks across cases
// (overdue first, each linking to its case) and the cases other workers offer them (accept or
// decline).
import type { ApiClient } from '../api/client';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { hrefFor, navigate } from '../router';
import { codeLabel } from '../codes/labels';
import type { CodeLists } from '../api/types';
import { refName } from './api';
import { Section } from './fields';
import { lists } from './lists';
import { decideTransfer, myOpenTasks, myTransfers, overdueFirst, type MyTransfer } from './tasksApi';
import { useCaseForm } from './useCaseForm';
import { useLoaded } from './useLoaded';

export function MyTasks({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const tasks = useLoaded(() => myOpenTasks(api), []);
  const items = overdueFirst(tasks.value?.items ?? []);
  return (
    <Section id="my-tasks" title={t('cases.myTasks.title')}>
      <StatusRegion notice={tasks.notice} />
      {tasks.value !== null && items.length === 0 && <p class="muted">{t('cases.myTasks.none')}</p>}
      <ul class="case-entries case-tasks">
        {items.map((task) => (
          <li key={task.id} class={task.overdue ? 'overdue' : undefined}>
            <a href={hrefFor({ name: 'case', id: task.case_id })}>{task.title ?? t('cases.tasks.sealed')}</a>{' '}
            <span class="muted">· {t('cases.tasks.due', { date: task.due_on })}</span>
            {task.overdue && <strong class="badge-overdue"> {t('cases.tasks.overdue')}</strong>}
          </li>
        ))}
      </ul>
      <TransfersToAccept api={api} codes={codes} />
    </Section>
  );
}

function TransfersToAccept({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const transfers = useLoaded(() => myTransfers(api), []);
  const form = useCaseForm('transfer-answer', {});
  const items = transfers.value?.items ?? [];
  function answer(transfer: MyTransfer, accept: boolean) {
    void form.send(async () => {
      await decideTransfer(api, transfer.case_id, accept);
      if (accept) navigate({ name: 'case', id: transfer.case_id });
      else transfers.reload();
    }, { done: accept ? t('cases.transfer.accepted') : t('cases.transfer.declined') });
  }
  if (items.length === 0 && form.notice === null) return null;
  return (
    <>
      <h3 id="transfers-title">{t('cases.transfer.toAccept')}</h3>
      <StatusRegion notice={form.notice} />
      <ul class="case-entries" aria-labelledby="transfers-title">
        {items.map((tr) => (
          <li key={tr.id}>
            <p>
              {t('cases.transfer.offered', { code: tr.case_code, client: tr.client_code, from: refName(tr.requested_by) })} ·{' '}
              {codeLabel(codes, lists.caseStatus, tr.case_status)}
            </p>
            <p class="summary">{tr.reason}</p>
            <button type="button" onClick={() => answer(tr, true)} aria-disabled={form.busy}>
              {t('cases.transfer.accept', { code: tr.case_code })}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => answer(tr, false)} aria-disabled={form.busy}>
              {t('cases.transfer.decline', { code: tr.case_code })}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
