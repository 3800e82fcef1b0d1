// The hotline form's values at their start: empty for a new call, or filled from a stored
// contact (a draft to continue, a finished contact to correct). Pure functions, unit-tested.
import type { Contact } from '../api/types';
import { toDateTimeLocal } from './form';
import type { HotlineFormValues } from './hotline';

/** An empty form started at `now`, in `uiLanguage` when contacts may be in it, else English. */
export function emptyForm(languages: string[], uiLanguage: string, now = new Date()): HotlineFormValues {
  return {
    channel: 'phone',
    startedAt: toDateTimeLocal(now),
    durationMinutes: '',
    callerType: '',
    anonymous: true,
    language: languages.includes(uiLanguage) ? uiLanguage : 'en',
    summary: '',
    kind: 'data',
    nonDataType: '',
    category: '',
    callerGender: '',
    callerAgeBand: '',
    callerCountry: '',
    destinationCountry: '',
    exploitation: [],
    industry: [],
    indicators: [],
    imminentDanger: false,
    assistance: [],
    referralAgencyIds: [],
    outcome: '',
    followUpNeeded: false,
    followUpDue: '',
    callerIdentifier: '',
  };
}

/** A stored contact back in the form. */
export function formOf(c: Contact, languages: string[], uiLanguage: string): HotlineFormValues {
  const base = emptyForm(languages, uiLanguage);
  const due = c.follow_up_due ? toDateTimeLocal(new Date(c.follow_up_due)).slice(0, 10) : '';
  return {
    ...base,
    channel: c.channel,
    startedAt: toDateTimeLocal(new Date(c.started_at)),
    durationMinutes: c.duration_s > 0 ? String(Math.round((c.duration_s / 60) * 10) / 10) : '',
    callerType: c.caller_type ?? '',
    anonymous: c.anonymous ?? true,
    language: c.language || base.language,
    summary: c.summary ?? '',
    kind: c.kind ?? 'data',
    nonDataType: c.non_data_type ?? '',
    category: c.category ?? '',
    callerGender: c.caller_gender ?? '',
    callerAgeBand: c.caller_age_band ?? '',
    callerCountry: c.caller_country ?? '',
    destinationCountry: c.destination_country ?? '',
    exploitation: c.exploitation ?? [],
    industry: c.industry ?? [],
    indicators: c.indicators ?? [],
    imminentDanger: c.imminent_danger ?? false,
    assistance: c.assistance ?? [],
    referralAgencyIds: c.referral_agency_ids ?? [],
    outcome: c.outcome ?? '',
    followUpNeeded: c.follow_up_needed ?? false,
    followUpDue: due,
    callerIdentifier: c.caller_identifier ?? '',
  };
}

/**
 * Whether the consultant entered anything beyond what an empty form holds (its start time
 * aside, which the form fills itself): replacing such a form needs their say.
 */
export function isFilled(values: HotlineFormValues, empty: HotlineFormValues): boolean {
  const strip = (v: HotlineFormValues) => JSON.stringify({ ...v, startedAt: '' });
  return strip(values) !== strip(empty);
}
