// What every part of the hotline form needs from the page: the values, a way to change one,
// the field in error and the code lists; and the small pieces the parts share.
import type { CodeLists } from '../api/types';
import { CodeField } from '../components/CodeSelect';
import { useT } from '../i18n';
import { CodeChecks } from './CodeToggles';
import { describeField, errorIdOf, inputIds, type FieldError } from './fieldIds';
import { toggled, type HotlineFormValues } from './hotline';

export interface FormBinding {
  values: HotlineFormValues;
  set: <K extends keyof HotlineFormValues>(key: K, value: HotlineFormValues[K]) => void;
  fieldError: FieldError | null;
  codes: CodeLists;
}

/** The error message of payload field `field`, when it is the one in error. */
export function FieldErrorText({ field, error }: { field: string; error: FieldError | null }) {
  if (error?.field !== field) return null;
  return (
    <p id={errorIdOf(field)} class="field-error">
      {error.text}
    </p>
  );
}

/** The form values chosen from a code list with a select. */
export type CodeValue =
  | 'channel'
  | 'callerType'
  | 'outcome'
  | 'callerGender'
  | 'callerAgeBand'
  | 'callerCountry'
  | 'destinationCountry';

interface CodeChoiceProps {
  form: FormBinding;
  /** The form value. */
  field: CodeValue;
  list: string;
  /** The payload field. */
  name: string;
  label: string;
}

/** A choice from one code list as a labelled select. */
export function CodeChoice({ form, field, list, name, label }: CodeChoiceProps) {
  const t = useT();
  return (
    <CodeField
      label={label}
      list={list}
      codes={form.codes.lists[list] ?? []}
      labels={form.codes}
      value={form.values[field]}
      placeholder={t('log.choose')}
      onChange={(e) => form.set(field, e.currentTarget.value)}
      {...describeField(name, form.fieldError)}
      error={<FieldErrorText field={name} error={form.fieldError} />}
    />
  );
}

/** A multi-valued code as checkboxes, with its error. */
export function CodeCheckGroup({ form, field, list }: { form: FormBinding; field: 'exploitation' | 'industry' | 'indicators' | 'assistance'; list: string }) {
  const t = useT();
  return (
    <>
      <CodeChecks
        id={inputIds[field] ?? field}
        legend={t(`hotline.${field}`)}
        list={list}
        codes={form.codes}
        value={form.values[field]}
        onToggle={(code) => form.set(field, toggled(form.values[field], code))}
      />
      <FieldErrorText field={field} error={form.fieldError} />
    </>
  );
}
