// What every part of the hotline form needs from the page: the values, a way to change one,
// the field in error and the code lists; and the small pieces the parts share.
import type { ComponentChildren } from 'preact';
import type { CodeLists } from '../api/types';
import { CodeField } from '../components/CodeSelect';
import { CheckField, FormField } from '../components/FormField';
import { useT } from '../i18n';
import { CodeChecks, CodeToggles } from './CodeToggles';
import { describeField, errorIdOf, inputIds, type FieldError } from './fieldIds';
import { categoryKeys, nonDataKeys, toggled, type HotlineFormValues } from './hotline';
import { jumpKeys } from './shortcuts';

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

type ValuesOfType<T> = { [K in keyof HotlineFormValues]: HotlineFormValues[K] extends T ? K : never }[keyof HotlineFormValues];

/** What ties an input (or textarea) to its form value, label, hint and error. */
interface Bound {
  value: string;
  onInput: (e: { currentTarget: { value: string } }) => void;
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface BoundInputProps {
  form: FormBinding;
  /** The form value. */
  field: ValuesOfType<string>;
  /** The payload field. */
  name: string;
  label: string;
  /** Shown under the input, which names it in aria-describedby. */
  hint?: string;
  /** The input or textarea, given what binds it. */
  children: (bound: Bound) => ComponentChildren;
}

/** A labelled input of one text, number or date form value, with its hint and error. */
export function BoundInput({ form, field, name, label, hint, children }: BoundInputProps) {
  const hintId = `${inputIds[name] ?? name}-hint`;
  const bound = {
    value: form.values[field],
    onInput: (e: { currentTarget: { value: string } }) => form.set(field, e.currentTarget.value),
    ...describeField(name, form.fieldError, hint === undefined ? undefined : hintId),
  };
  return (
    <FormField
      inputId={bound.id}
      label={label}
      hint={hint === undefined ? undefined : { id: hintId, text: hint }}
      error={<FieldErrorText field={name} error={form.fieldError} />}
    >
      {children(bound)}
    </FormField>
  );
}

interface BoundCheckProps {
  form: FormBinding;
  field: ValuesOfType<boolean>;
  name: string;
  label: string;
  tone?: string;
  /** Show the field's error below it (else the form shows it elsewhere). */
  withError?: boolean;
}

/** A checkbox of one yes/no form value. */
export function BoundCheck({ form, field, name, label, tone, withError }: BoundCheckProps) {
  return (
    <CheckField
      label={label}
      tone={tone}
      checked={form.values[field]}
      onChange={(on) => form.set(field, on)}
      {...describeField(name, form.fieldError)}
      error={withError ? <FieldErrorText field={name} error={form.fieldError} /> : undefined}
    />
  );
}

// The choices the form offers as a row of keyed buttons: the category of a data contact, the type
// of a non-data one (they take the same place in the form, so the same Alt+key jumps to either).
const keyedChoices = {
  category: { field: 'category', label: 'hotline.category', keys: categoryKeys },
  non_data_type: { field: 'nonDataType', label: 'hotline.nonDataType', keys: nonDataKeys },
} as const;

/** A required single choice as a row of toggle buttons with shortcut keys, with its error. */
export function KeyedChoice({ form, list }: { form: FormBinding; list: keyof typeof keyedChoices }) {
  const t = useT();
  const { field, label, keys } = keyedChoices[list];
  return (
    <>
      <CodeToggles
        id={inputIds[list] ?? ''}
        label={t(label)}
        list={list}
        codes={form.codes}
        value={form.values[field]}
        keys={keys}
        onChange={(code) => form.set(field, code)}
        invalid={form.fieldError?.field === list}
        jumpKey={jumpKeys.category}
      />
      <FieldErrorText field={list} error={form.fieldError} />
    </>
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
