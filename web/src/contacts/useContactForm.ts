// The hotline form's state in one reducer: the values, the error shown beside one field, the
// names of the chosen agencies, and a count of the consultant's edits (what the autosave and the
// "leave this page?" warning follow). Loading a form is not an edit.
import { useReducer } from 'preact/hooks';
import type { FieldError } from './fieldIds';
import type { HotlineFormValues } from './hotline';

export interface ContactFormState {
  values: HotlineFormValues;
  agencyNames: Record<string, string>;
  fieldError: FieldError | null;
  /** Edits since the form was loaded. */
  edits: number;
}

export type ContactFormAction =
  | { type: 'edit'; patch: Partial<HotlineFormValues> }
  | { type: 'agencies'; ids: string[]; names: Record<string, string> }
  | { type: 'agencyName'; id: string; name: string }
  | { type: 'load'; values: HotlineFormValues }
  | { type: 'fieldError'; error: FieldError | null };

export function contactFormReducer(state: ContactFormState, action: ContactFormAction): ContactFormState {
  switch (action.type) {
    case 'edit':
      return { ...state, values: { ...state.values, ...action.patch }, edits: state.edits + 1 };
    case 'agencies':
      return {
        ...state,
        values: { ...state.values, referralAgencyIds: action.ids },
        agencyNames: action.names,
        edits: state.edits + 1,
      };
    case 'agencyName':
      return { ...state, agencyNames: { ...state.agencyNames, [action.id]: action.name } };
    case 'load':
      return { values: action.values, agencyNames: {}, fieldError: null, edits: 0 };
    case 'fieldError':
      return { ...state, fieldError: action.error };
  }
}

/** The form's state and the changes the page makes to it. */
export function useContactForm(initial: () => ContactFormState) {
  const [state, dispatch] = useReducer(contactFormReducer, undefined, initial);
  return {
    state,
    /** The consultant changed `key`. */
    set: <K extends keyof HotlineFormValues>(key: K, value: HotlineFormValues[K]) =>
      dispatch({ type: 'edit', patch: { [key]: value } }),
    setAgencies: (ids: string[], names: Record<string, string>) => dispatch({ type: 'agencies', ids, names }),
    nameAgency: (id: string, name: string) => dispatch({ type: 'agencyName', id, name }),
    load: (values: HotlineFormValues) => dispatch({ type: 'load', values }),
    showFieldError: (error: FieldError | null) => dispatch({ type: 'fieldError', error }),
  };
}
