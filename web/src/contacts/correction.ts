// Correcting a finished contact in the hotline form. The form shows times to the minute, the
// duration in tenths of minutes and the follow-up as a day, and has no field for the caller's
// region: what the person did not change is sent back exactly as it was stored, so a correction
// never shifts a value nobody touched.
import type { Contact } from '../api/types';
import type { HotlineFormValues, HotlinePayload } from './hotline';

export function keepUnchanged(
  payload: HotlinePayload,
  values: HotlineFormValues,
  before: HotlineFormValues,
  original: Contact,
): HotlinePayload {
  const out: HotlinePayload = { ...payload };
  if (values.startedAt === before.startedAt) out.started_at = original.started_at;
  if (values.durationMinutes === before.durationMinutes) out.duration_s = original.duration_s;
  if (out.kind === 'non_data') return out;
  if (
    out.follow_up_needed === true &&
    original.follow_up_due &&
    values.followUpNeeded === before.followUpNeeded &&
    values.followUpDue === before.followUpDue
  ) {
    out.follow_up_due = original.follow_up_due;
  }
  if (original.caller_region) out.caller_region = original.caller_region;
  return out;
}
