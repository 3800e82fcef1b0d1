// Where each payload field lives in the hotline form, so an error (the browser's or the server's
// 400, which names the payload field) is shown beside the right input and focus goes there.

/** Input id for each payload field. */
export const inputIds: Record<string, string> = {
  channel: 'contact-channel',
  started_at: 'contact-started-at',
  duration_s: 'contact-duration',
  caller_type: 'contact-caller-type',
  anonymous: 'contact-anonymous',
  language: 'contact-language',
  summary: 'contact-summary',
  kind: 'contact-kind',
  non_data_type: 'contact-non-data-type',
  category: 'contact-category',
  caller_gender: 'contact-gender',
  caller_age_band: 'contact-age-band',
  caller_country: 'contact-caller-country',
  destination_country: 'contact-destination',
  outcome: 'contact-outcome',
  follow_up_due: 'contact-follow-up-due',
  follow_up_needed: 'contact-follow-up',
  referral_agency_ids: 'contact-agency-search',
  caller_identifier: 'contact-caller-identifier',
  exploitation: 'contact-exploitation',
  industry: 'contact-industry',
  indicators: 'contact-indicators',
  assistance: 'contact-assistance',
  imminent_danger: 'contact-imminent-danger',
};

/** A message shown beside one payload field. */
export interface FieldError {
  field: string;
  text: string;
}

/** The id of the element that shows `field`'s error. */
export const errorIdOf = (field: string) => `${inputIds[field] ?? field}-error`;

/** Props that tie the input of `field` to its label, its hint and its error. */
export function describeField(field: string, error: FieldError | null, hintId?: string) {
  const id = inputIds[field] ?? field;
  const errorId = error?.field === field ? errorIdOf(field) : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return {
    id,
    name: field,
    'aria-invalid': errorId ? true : undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
  };
}
