// What the signed-in user may do with a contact or a caller, as far as the UI needs to know to
// offer an action. The server decides, and says so: GET /api/v1/me lists the user's permissions
// and a single contact read carries "may_correct"; nothing here repeats its rules.
import type { Contact, User } from '../api/types';
import { can } from '../permissions';

/** Whether to offer "Flag this caller" and "Remove" on a caller's flags. */
export function mayFlagCallers(user: User): boolean {
  return can(user, 'caller.flag_write');
}

/** Whether to offer "Correct" on a finished contact: the server says the user may change it now. */
export function mayCorrect(contact: Contact): boolean {
  return contact.status === 'final' && contact.may_correct === true;
}
