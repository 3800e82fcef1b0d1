// What the signed-in user may do with a contact or a caller, as far as the UI needs to know to
// offer an action. The server decides in the end (403); these mirror its policy so that nobody
// is shown a button that can only fail.
import type { Contact, User } from '../api/types';

const has = (user: User, role: string) => user.roles.includes(role);

/** A flag changes how every consultant treats a caller: only supervisors set or remove one. */
export function mayFlagCallers(user: User): boolean {
  return has(user, 'supervisor');
}

/** How long the author may correct a finished contact (the server's correction window). */
export const correctionWindowMs = 24 * 60 * 60 * 1000;

/**
 * Whether to offer "Correct" on a contact: finished, and the user is a supervisor, or the
 * consultant who logged it within 24 hours of finishing it.
 */
export function mayCorrect(user: User, contact: Contact, now = Date.now()): boolean {
  if (contact.status !== 'final') return false;
  if (has(user, 'supervisor')) return true;
  if (!has(user, 'consultant') || contact.created_by !== user.id) return false;
  const finished = contact.finalised_at ? Date.parse(contact.finalised_at) : Number.NaN;
  return Number.isFinite(finished) && now - finished <= correctionWindowMs;
}
