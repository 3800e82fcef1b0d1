// The case's tasks and follow-ups: add one with a due day and an owner, tick it done, change it
// (its owner, the case's worker or a supervisor). Overdue tasks say so in words, not colour alone.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { User } from '../api/types';
import { FormField } from '../components/FormField';
import { useT } from '../i18n';
import { refName, type CaseRecord } from './api';
import { Section, SectionNotice, TextInput } from './fields';
import { mayApprove } from './permissions';
import { useWorkers, WorkerSelect } from './WorkerSelect';
import { changeTask, type Assignable, type CaseTask } from './tasksApi';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';

interface Props {
  api: ApiClient;
  record: CaseRecord;
  user: User;
  onChanged: () => void;
}

interface TaskValues {
  title: string;
  due_on: string;
  assigned_to: string;
}

export function TasksSection({ api, record, user, onChanged }: Props) {
  const t = useT();
  const loaded = useEntries<CaseTask>(api, record.id, 'tasks', onChanged);
  const form = useCaseForm<TaskValues>('task', { title: '', due_on: '', assigned_to: user.id });
  const [editing, setEditing] = useState<string | null>(null);
  const workers = useWorkers(api);

  function add() {
    const { title, due_on, assigned_to } = form.values;
    if (title.trim() === '') return form.invalid('title', t('cases.tasks.needTitle'));
    if (due_on === '') return form.invalid('due_on', t('cases.tasks.needDue'));
    void form.send(async () => {
      await loaded.add({ title: title.trim(), due_on, assigned_to });
      form.setValues({ title: '', due_on: '', assigned_to: user.id });
    }, { done: t('cases.tasks.added') });
  }

  function tick(task: CaseTask, done: boolean) {
    void form.send(async () => {
      await changeTask(api, record.id, task.id, { done, version: task.version });
      loaded.changed();
    }, { done: done ? t('cases.tasks.ticked', { title: task.title ?? '' }) : t('cases.tasks.reopened', { title: task.title ?? '' }) });
  }

  const mayRevise = (task: CaseTask) =>
    task.assigned_to?.id === user.id || record.assigned_to?.id === user.id || mayApprove(user);
  return (
    <Section id="case-tasks" title={t('cases.tasks.title')}>
      <SectionNotice notice={loaded.notice ?? form.notice} conflict={form.conflict} onReload={loaded.reload} />
      {loaded.value !== null && loaded.items.length === 0 && <p class="muted">{t('cases.tasks.none')}</p>}
      <ul class="case-entries case-tasks">
        {loaded.items.map((task) => (
          <li key={task.id} class={task.overdue ? 'overdue' : undefined}>
            <label>
              <input type="checkbox" checked={task.done} onChange={(e) => tick(task, e.currentTarget.checked)} />{' '}
              <span class={task.done ? 'done' : undefined}>{task.title ?? t('cases.tasks.sealed')}</span>
            </label>{' '}
            <span class="muted">
              · {t('cases.tasks.due', { date: task.due_on })} · {refName(task.assigned_to)}
            </span>
            {task.overdue && <strong class="badge-overdue"> {t('cases.tasks.overdue')}</strong>}{' '}
            {mayRevise(task) && editing !== task.id && (
              <button type="button" class="link-button" onClick={() => setEditing(task.id)} aria-label={t('cases.tasks.changeOne', { title: task.title ?? '' })}>
                {t('cases.tasks.change')}
              </button>
            )}
            {editing === task.id && (
              <EditTask api={api} caseId={record.id} task={task} workers={workers} onDone={() => { setEditing(null); loaded.changed(); }} />
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={form.onSubmit(add)} noValidate aria-label={t('cases.tasks.add')}>
        <TaskFields bind={form.bind} workers={workers} />
        <button type="submit" class="secondary" aria-disabled={form.busy}>
          {t('cases.tasks.add')}
        </button>
      </form>
    </Section>
  );
}

type Bind = ReturnType<typeof useCaseForm<TaskValues>>['bind'];

/** The title, the due day and the owner of a task. */
function TaskFields({ bind, workers }: { bind: Bind; workers: Assignable[] }) {
  const t = useT();
  const owner = bind('assigned_to', t('cases.tasks.owner'));
  return (
    <>
      <TextInput {...bind('title', t('cases.tasks.taskTitle'))} hint={t('cases.tasks.hint')} />
      <TextInput {...bind('due_on', t('cases.tasks.dueOn'))} kind="date" />
      <FormField inputId={owner.id} label={owner.label}>
        <WorkerSelect id={owner.id} workers={workers} value={owner.value} onValue={owner.onValue} />
      </FormField>
    </>
  );
}

function EditTask({ api, caseId, task, workers, onDone }: { api: ApiClient; caseId: string; task: CaseTask; workers: Assignable[]; onDone: () => void }) {
  const t = useT();
  const form = useCaseForm<TaskValues>(`task-${task.id}`, {
    title: task.title ?? '',
    due_on: task.due_on,
    assigned_to: task.assigned_to?.id ?? '',
  });
  function save() {
    void form.send(async () => {
      await changeTask(api, caseId, task.id, { ...form.values, version: task.version });
      onDone();
    });
  }
  return (
    <form onSubmit={form.onSubmit(save)} noValidate aria-label={t('cases.tasks.changeOne', { title: task.title ?? '' })}>
      <SectionNotice notice={form.notice} conflict={form.conflict} onReload={onDone} />
      <TaskFields bind={form.bind} workers={workers} />
      <button type="submit" aria-disabled={form.busy}>
        {t('cases.tasks.save')}
      </button>{' '}
      <button type="button" class="secondary" onClick={onDone}>
        {t('cases.tasks.cancel')}
      </button>
    </form>
  );
}
