// The assistance plan: goals per domain with a target date, an owner and a status; saved as a
// whole, submitted for approval, and approved by a supervisor who did not submit it.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { useT } from '../i18n';
import { caseAction, type CaseRecord } from './api';
import { failureText } from './errors';
import { CodeChoice, Section, SectionNotice, TextInput } from './fields';
import { lists } from './lists';
import { useSectionDoc } from './useSectionDoc';

export interface Goal {
  domain: string;
  goal: string;
  target_date: string;
  owner: string;
  status: string;
}

export interface Plan {
  goals: Goal[];
  version?: number;
}

const blankGoal: Goal = { domain: '', goal: '', target_date: '', owner: '', status: '' };

/** The first goal missing its domain or its text, as [index, field], or null when all are whole. */
export function incompleteGoal(goals: Goal[]): [number, 'domain' | 'goal'] | null {
  for (const [i, g] of goals.entries()) {
    if (g.domain === '') return [i, 'domain'];
    if (g.goal.trim() === '') return [i, 'goal'];
  }
  return null;
}

interface Props {
  api: ApiClient;
  codes: CodeLists;
  record: CaseRecord;
  mayWrite: boolean;
  mayApprove: boolean;
  onCaseChanged: () => void;
}

export function PlanSection({ api, codes, record, mayWrite, mayApprove, onCaseChanged }: Props) {
  const t = useT();
  const s = useSectionDoc<Plan>(api, record.id, 'plan');
  const [goals, setGoals] = useState<Goal[]>([]);
  useEffect(() => {
    if (s.doc !== null) setGoals(s.doc.goals);
  }, [s.doc]);
  const change = (i: number, part: Partial<Goal>) => setGoals((all) => all.map((g, at) => (at === i ? { ...g, ...part } : g)));

  function save(e: Event) {
    e.preventDefault();
    const missing = incompleteGoal(goals);
    if (missing !== null) {
      const [i, field] = missing;
      const text = t(field === 'domain' ? 'cases.plan.needDomain' : 'cases.plan.needGoal');
      s.setError({ field: `goals[${i}].${field}`, text });
      s.setNotice({ kind: 'error', text });
      document.getElementById(`goal-${i}-${field}`)?.focus();
      return;
    }
    void s.save({ goals: goals.map((g) => ({ ...g, goal: g.goal.trim() })) }, t('cases.plan.saved'));
  }

  async function act(action: string, done: string) {
    if (s.busy) return;
    s.setBusy(true);
    try {
      await caseAction(api, record.id, action, { version: record.version });
      s.setNotice({ kind: 'success', text: done });
      onCaseChanged();
    } catch (err) {
      const text = failureText(t, err);
      if (text !== null) s.setNotice({ kind: 'error', text });
    } finally {
      s.setBusy(false);
    }
  }

  const field = (i: number, name: keyof Goal) => `goals[${i}].${name}`;
  return (
    <Section id="case-plan" title={t('cases.plan.title')}>
      <p>{t('cases.plan.status', { status: t(`cases.view.planStatus.${record.plan_status}`) })}</p>
      <SectionNotice notice={s.notice} conflict={s.conflict} onReload={s.reload} />
      {s.loaded && (
        <form onSubmit={save} noValidate aria-label={t('cases.plan.title')}>
          <fieldset disabled={!mayWrite}>
            <legend class="visually-hidden">{t('cases.plan.title')}</legend>
            {goals.length === 0 && <p class="muted">{t('cases.plan.none')}</p>}
            {goals.map((g, i) => (
              <fieldset class="plan-goal" key={i}>
                <legend>{t('cases.plan.goalN', { n: i + 1 })}</legend>
                <div class="grid">
                  <CodeChoice id={`goal-${i}-domain`} name={field(i, 'domain')} label={t('cases.plan.domain')} codes={codes} list={lists.needDomain} value={g.domain} error={s.error} onValue={(domain) => change(i, { domain })} />
                  <TextInput id={`goal-${i}-goal`} name={field(i, 'goal')} label={t('cases.plan.goal')} value={g.goal} error={s.error} onValue={(goal) => change(i, { goal })} />
                  <TextInput id={`goal-${i}-target_date`} name={field(i, 'target_date')} kind="date" label={t('cases.plan.targetDate')} value={g.target_date} error={s.error} onValue={(target_date) => change(i, { target_date })} />
                  <TextInput id={`goal-${i}-owner`} name={field(i, 'owner')} label={t('cases.plan.owner')} value={g.owner} error={s.error} onValue={(owner) => change(i, { owner })} />
                  <CodeChoice id={`goal-${i}-status`} name={field(i, 'status')} label={t('cases.plan.goalStatus')} codes={codes} list={lists.goalStatus} value={g.status} error={s.error} onValue={(status) => change(i, { status })} />
                </div>
              </fieldset>
            ))}
            {mayWrite && (
              <p class="actions">
                <button type="button" class="secondary" onClick={() => setGoals((all) => [...all, blankGoal])}>
                  {t('cases.plan.addGoal')}
                </button>
                <button type="submit" class="secondary" aria-disabled={s.busy}>
                  {t('cases.plan.save')}
                </button>
              </p>
            )}
          </fieldset>
        </form>
      )}
      <p class="actions">
        {mayWrite && s.doc !== null && (record.plan_status === 'draft' || record.plan_status === 'approved') && (
          <button type="button" class="primary" aria-disabled={s.busy} onClick={() => void act('plan/submission', t('cases.plan.submitted'))}>
            {t('cases.plan.submit')}
          </button>
        )}
        {mayApprove && record.plan_status === 'submitted' && (
          <button type="button" class="primary" aria-disabled={s.busy} onClick={() => void act('plan/approval', t('cases.plan.approved'))}>
            {t('cases.plan.approve')}
          </button>
        )}
      </p>
    </Section>
  );
}
