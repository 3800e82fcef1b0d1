// The server ends a session after 30 minutes without a request (docs/openapi.yaml, idle
// timeout). Typing in a form sends nothing, so a long call could end the session unseen: the UI
// warns two minutes before, and says afterwards why the person was signed out.
export const idleTimeoutMs = 30 * 60 * 1000;
const warnBeforeMs = 2 * 60 * 1000;

type IdleState = 'active' | 'warn' | 'expired';

/** Where a session stands `now`, given the time of its last request to the server. */
export function idleState(lastRequestAt: number, now: number): IdleState {
  const idle = now - lastRequestAt;
  if (idle >= idleTimeoutMs) return 'expired';
  if (idle >= idleTimeoutMs - warnBeforeMs) return 'warn';
  return 'active';
}
