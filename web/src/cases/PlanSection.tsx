// The assistance plan: goals per domain with a target date, an owner and a status; saved as a
// whole, submitted for approval, and approved (or returned with a reason) by a supervisor who did
// not submit it. Every step names the plan's version; a change to an approved plan makes it a
// draft again (the server says so in its status).
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { caseAction, refName, type CasePlan, type CaseRecord } from './api';
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

const blankGoal: Goal = { domain: '', goal: '', target_date: '', owner: '', status: 'not_started' };

/** The first goal missing its domain or its text, as [index, field], or null when all are whole. */
export function incompleteGoal(goals: Goal[]): [number, 'domain' | 'goal'] | null {
  for (const [i, g] of goals.entries()) {
    if (g.domain === '') return [i, 'domain'];
    if (g.goal.trim() === '') return [i, 'goal'];
  }
  return null;
}

/** What a plan in `status` offers: submitting (its workers) and deciding (a supervisor). */
export function planActions(status: string, hasGoals: boolean, mayWrite: boolean, mayApprove: boolean) {
  return {
    submit: mayWrite && hasGoals && (status === 'draft' || status === 'returned'),
    decide: mayApprove && status === 'submitted',
  };
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
  const s = useSectionDoc<CasePlan>(api, record.id, 'plan');
  const [goals, setGoals] = useState<Goal[]>([]);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (s.doc !== null) setGoals(s.doc.goals.map((g) => ({ ...g, goal: g.goal ?? '' })));
  }, [s.doc]);
  const change = (i: number, part: Partial<Goal>) => setGoals((all) => all.map((g, at) => (at === i ? { ...g, ...part } : g)));

  async function save(e: Event) {
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
    if (await s.save({ goals: goals.map((g) => ({ ...g, goal: g.goal.trim() })) }, t('cases.plan.saved'))) onCaseChanged();
  }

  async function act(action: string, body: object, done: string) {
    if (s.busy || s.doc === null) return;
    s.setBusy(true);
    try {
      const plan = await caseAction<CasePlan>(api, record.id, action, { ...body, version: s.doc.version });
      s.setDoc(plan);
      s.setNotice({ kind: 'success', text: done });
      setReason('');
      onCaseChanged();
    } catch (err) {
      const text = failureText(t, err);
      if (text !== null) s.setNotice({ kind: 'error', text });
    } finally {
      s.setBusy(false);
    }
  }

  const status = s.doc?.status ?? record.plan_status;
  const can = planActions(status, (s.doc?.goals.length ?? 0) > 0, mayWrite, mayApprove);
  const field = (i: number, name: keyof Goal) => `goals[${i}].${name}`;
  return (
    <Section id="case-plan" title={t('cases.plan.title')}>
      <p id="plan-status">{t('cases.plan.status', { status: t(`cases.view.planStatus.${status}`) })}</p>
      {s.doc?.submitted_by && s.doc.submitted_at && (
        <p class="muted">{t('cases.plan.submittedBy', { name: refName(s.doc.submitted_by), at: formatDateTime(s.doc.submitted_at) })}</p>
      )}
      {s.doc?.decided_by && s.doc.decided_at && (
        <p class="muted">
          {t(s.doc.decision === 'return' ? 'cases.plan.returnedBy' : 'cases.plan.approvedBy', { name: refName(s.doc.decided_by), at: formatDateTime(s.doc.decided_at) })}
          {s.doc.return_reason && <> {t('cases.plan.reason', { reason: s.doc.return_reason })}</>}
        </p>
      )}
      <SectionNotice notice={s.notice} conflict={s.conflict} onReload={s.reload} />
      {s.loaded && (
        <form onSubmit={(e) => void save(e)} noValidate aria-label={t('cases.plan.title')}>
          <fieldset disabled={!mayWrite}>
            <legend class="visually-hidden">{t('cases.plan.title')}</legend>
            {goals.length === 0 && <p class="muted">{t('cases.plan.none')}</p>}
            {goals.map((g, i) => (
              <fieldset class="plan-goal" key={i}>
                <legend>{t('cases.plan.goalN', { n: i + 1 })}</legend>
                <div class="grid">
                  <CodeChoice id={`goal-${i}-domain`} name={field(i, 'domain')} label={t('cases.plan.domain')} codes={codes} list={lists.needDomain} value={g.domain} error={s.error} onValue={(domain) => change(i, { domain })} />
                  <TextInput id={`goal-${i}-goal`} name={field(i, 'goal')} label={t('cases.plan.goal')} value={g.goal} max={1000} error={s.error} onValue={(goal) => change(i, { goal })} />
                  <TextInput id={`goal-${i}-target_date`} name={field(i, 'target_date')} kind="date" label={t('cases.plan.targetDate')} value={g.target_date} error={s.error} onValue={(target_date) => change(i, { target_date })} />
                  <CodeChoice id={`goal-${i}-owner`} name={field(i, 'owner')} label={t('cases.plan.owner')} codes={codes} list={lists.goalOwner} value={g.owner} error={s.error} onValue={(owner) => change(i, { owner })} />
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
      {can.submit && (
        <p class="actions">
          <button type="button" class="primary" aria-disabled={s.busy} onClick={() => void act('plan/submission', {}, t('cases.plan.submitted'))}>
            {t('cases.plan.submit')}
          </button>
        </p>
      )}
      {can.decide && (
        <div class="plan-decision">
          <TextInput id="plan-return-reason" name="reason" kind="textarea" label={t('cases.plan.returnReason')} value={reason} error={null} onValue={setReason} />
          <p class="actions">
            <button type="button" class="primary" aria-disabled={s.busy} onClick={() => void act('plan/approval', { decision: 'approve' }, t('cases.plan.approved'))}>
              {t('cases.plan.approve')}
            </button>
            <button type="button" class="secondary" aria-disabled={s.busy} onClick={() => void act('plan/approval', { decision: 'return', reason }, t('cases.plan.returned'))}>
              {t('cases.plan.return')}
            </button>
          </p>
        </div>
      )}
    </Section>
  );
}
