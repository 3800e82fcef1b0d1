// The stages of a case (the referral mechanism's): which moves the screen offers from each, and
// what a move needs. The server decides every move (409 or 400 when it disagrees); this only
// keeps the screen from offering a move it would refuse.

/** The stages in order; return_reintegration applies only when the person goes home. */
export const caseStatuses = [
  'intake',
  'identification',
  'first_assistance',
  'long_term_assistance',
  'return_reintegration',
  'closed',
] as const;

const forward: Record<string, string[]> = {
  intake: ['identification', 'closed'],
  identification: ['first_assistance', 'closed'],
  first_assistance: ['long_term_assistance', 'closed'],
  long_term_assistance: ['return_reintegration', 'closed'],
  return_reintegration: ['closed'],
  // Reopening: back to long-term assistance, or to intake when it starts over.
  closed: ['long_term_assistance', 'intake'],
};

/** The moves offered from `status`; none while a closure waits for a supervisor. */
export function nextStatuses(status: string, closurePending: boolean): string[] {
  if (closurePending) return [];
  return forward[status] ?? [];
}

export interface MoveForm {
  to: string;
  reason: string;
  outcome: string;
  reflectionStart: string;
  reflectionEnd: string;
  /** Closing: the social-inclusion outcomes chosen, in the order of the domains' list. */
  inclusion: { domain: string; status: string }[];
}

export type MoveCheck = { ok: true } | { ok: false; field: keyof MoveForm; messageKey: string };

/**
 * What a move needs before it is sent: closing names a reason and an outcome; first assistance
 * starts the reflection and recovery period, whose end is not before its start.
 */
export function checkMove(form: MoveForm): MoveCheck {
  if (form.to === '') return { ok: false, field: 'to', messageKey: 'cases.status.chooseMove' };
  if (form.to === 'closed') {
    if (form.reason === '') return { ok: false, field: 'reason', messageKey: 'cases.status.needReason' };
    if (form.outcome === '') return { ok: false, field: 'outcome', messageKey: 'cases.status.needOutcome' };
  }
  if (form.to === 'first_assistance') {
    if (form.reflectionStart === '') {
      return { ok: false, field: 'reflectionStart', messageKey: 'cases.status.needReflectionStart' };
    }
    if (form.reflectionEnd !== '' && form.reflectionEnd < form.reflectionStart) {
      return { ok: false, field: 'reflectionEnd', messageKey: 'cases.status.reflectionOrder' };
    }
  }
  return { ok: true };
}

/** The body of POST /cases/{id}/status: only what the move uses. */
export function moveBody(form: MoveForm, version: number) {
  return {
    to: form.to,
    version,
    ...(form.to === 'closed'
      ? { reason: form.reason, outcome: form.outcome, ...(form.inclusion.length > 0 ? { inclusion_outcomes: form.inclusion } : {}) }
      : {}),
    ...(form.to === 'first_assistance'
      ? {
          reflection_start: form.reflectionStart,
          ...(form.reflectionEnd !== '' ? { reflection_end: form.reflectionEnd } : {}),
        }
      : {}),
  };
}
