// The consultant's screen as data: which fields each category needs, the single-key shortcuts,
// and the conversion of the hotline form to the API payload. Pure functions, unit-tested.
import type { ContactInput } from '../api/types';
import { callFields, dateTimeLocalToRfc3339, minutesToSeconds, type ContactFormValues } from './form';

/** Optional parts of the data form; each category shows only those it needs. */
export type Section =
  | 'destination'
  | 'exploitation'
  | 'industry'
  | 'indicators'
  | 'imminent_danger'
  | 'assistance'
  | 'referrals'
  | 'follow_up'
  | 'safety_plan';

const categorySections: Record<string, Section[]> = {
  crisis: ['imminent_danger', 'safety_plan', 'assistance', 'referrals', 'follow_up'],
  tip: ['exploitation', 'industry', 'indicators', 'destination', 'referrals'],
  referral_request: ['assistance', 'referrals', 'follow_up'],
  safe_migration: ['destination', 'assistance'],
  general_information: [],
  follow_up: ['assistance', 'follow_up'],
  professional_consultation: ['exploitation', 'indicators', 'assistance', 'referrals'],
  training_request: ['follow_up'],
  related_not_trafficking: ['assistance', 'referrals'],
};

/** Sections of a category; an unknown or empty category shows none of them. */
export function sectionsFor(category: string): Set<Section> {
  return new Set(categorySections[category] ?? []);
}

// Single-key shortcuts, active while the focus is not in a text field. D and N switch the kind,
// so neither panel uses them for anything else.
export const kindKeys: Record<'data' | 'non_data', string> = { data: 'd', non_data: 'n' };

export const categoryKeys: Record<string, string> = {
  crisis: 'c',
  tip: 't',
  referral_request: 'r',
  safe_migration: 'm',
  general_information: 'i',
  follow_up: 'f',
  professional_consultation: 'p',
  training_request: 'l',
  related_not_trafficking: 'o',
};

export const nonDataKeys: Record<string, string> = {
  silent: 's',
  hang_up: 'h',
  wrong_number: 'w',
  prank: 'p',
  abusive: 'a',
  test: 't',
  missed: 'm',
};

/** The most frequent caller types on digits 1 to 9; the rest are in the list beside them. */
export const callerTypeKeys: Record<string, string> = {
  possible_victim: '1',
  family_member: '2',
  friend: '3',
  partner: '4',
  community_member: '5',
  professional_ngo: '6',
  employer: '7',
  other: '8',
  unknown: '9',
};

/** The code whose key is `key` (case-insensitive), or null. */
export function codeForKey(keys: Record<string, string>, key: string): string | null {
  const lower = key.toLowerCase();
  for (const [code, k] of Object.entries(keys)) if (k === lower) return code;
  return null;
}

/** "mm:ss" of whole seconds; hours roll into the minutes ("75:03"). */
export function formatTimer(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export interface HotlineFormValues extends ContactFormValues {
  kind: 'data' | 'non_data';
  nonDataType: string;
  category: string;
  callerGender: string;
  callerAgeBand: string;
  callerCountry: string;
  destinationCountry: string;
  exploitation: string[];
  industry: string[];
  indicators: string[];
  imminentDanger: boolean;
  assistance: string[];
  referralAgencyIds: string[];
  outcome: string;
  followUpNeeded: boolean;
  followUpDue: string; // <input type="date"> value
  callerIdentifier: string;
}

/** A contact body as the hotline form sends it: a non-data contact has no caller fields. */
export type HotlinePayload = Omit<ContactInput, 'caller_type' | 'anonymous' | 'language'> &
  Partial<Pick<ContactInput, 'caller_type' | 'anonymous' | 'language'>>;

type HotlineResult =
  | { ok: true; payload: HotlinePayload }
  | { ok: false; field: keyof ContactInput; messageKey: string };

/**
 * The payload of the form. `status` draft skips the checks only a finished contact needs.
 * `timerSeconds` is the call timer's reading, used unless the consultant typed a duration.
 * Fields the chosen category does not show are not sent, so a category switch cannot leave
 * hidden values behind.
 */
export function toHotlinePayload(
  values: HotlineFormValues,
  status: 'draft' | 'final',
  timerSeconds: number | null,
): HotlineResult {
  if (values.channel === '') return { ok: false, field: 'channel', messageKey: 'log.chooseChannel' };
  const startedAt = dateTimeLocalToRfc3339(values.startedAt);
  if (startedAt === null) return { ok: false, field: 'started_at', messageKey: 'log.startedInvalid' };
  let duration: number | null;
  if (values.durationMinutes.trim() === '' && timerSeconds !== null) duration = Math.floor(timerSeconds);
  else if (values.durationMinutes.trim() === '' && status === 'draft') duration = 0;
  else duration = minutesToSeconds(values.durationMinutes);
  if (duration === null) return { ok: false, field: 'duration_s', messageKey: 'log.durationInvalid' };

  if (values.kind === 'non_data') {
    if (values.nonDataType === '' && status === 'final') {
      return { ok: false, field: 'non_data_type', messageKey: 'hotline.chooseNonDataType' };
    }
    const payload: HotlinePayload = {
      status,
      kind: 'non_data',
      channel: values.channel,
      started_at: startedAt,
      duration_s: duration,
    };
    if (values.nonDataType !== '') payload.non_data_type = values.nonDataType;
    return { ok: true, payload };
  }

  if (status === 'final') {
    if (values.category === '') return { ok: false, field: 'category', messageKey: 'hotline.chooseCategory' };
    if (values.callerType === '') return { ok: false, field: 'caller_type', messageKey: 'log.chooseCallerType' };
    if (values.language === '') return { ok: false, field: 'language', messageKey: 'log.chooseLanguage' };
  }
  const shown = sectionsFor(values.category);
  let followUpDue: string | null = null;
  if (shown.has('follow_up') && values.followUpNeeded) {
    followUpDue = values.followUpDue === '' ? null : dateTimeLocalToRfc3339(`${values.followUpDue}T17:00`);
    if (followUpDue === null) return { ok: false, field: 'follow_up_due', messageKey: 'hotline.followUpDueInvalid' };
  }
  const payload: HotlinePayload = {
    status,
    kind: 'data',
    ...callFields(values, startedAt, duration),
    category: values.category,
    caller_gender: values.callerGender,
    caller_age_band: values.callerAgeBand,
    caller_country: values.callerCountry,
    destination_country: shown.has('destination') ? values.destinationCountry : '',
    exploitation: shown.has('exploitation') ? values.exploitation : [],
    industry: shown.has('industry') ? values.industry : [],
    indicators: shown.has('indicators') ? values.indicators : [],
    imminent_danger: shown.has('imminent_danger') && values.imminentDanger,
    assistance: shown.has('assistance') ? values.assistance : [],
    referral_agency_ids: shown.has('referrals') ? values.referralAgencyIds : [],
    outcome: values.outcome,
    follow_up_needed: followUpDue !== null,
  };
  if (followUpDue !== null) payload.follow_up_due = followUpDue;
  if (values.summary.trim() !== '') payload.summary = values.summary;
  if (values.callerIdentifier.trim() !== '') payload.caller_identifier = values.callerIdentifier.trim();
  return { ok: true, payload };
}

/** Toggles `code` in a multi-valued list. */
export function toggled(list: string[], code: string): string[] {
  return list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
}
