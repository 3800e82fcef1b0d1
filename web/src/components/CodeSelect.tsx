import type { ComponentChildren, JSX, TargetedEvent } from 'preact';
import type { CodeLists } from '../api/types';
import { codeLabel, codesInOrder, frequentLanguages } from '../codes/labels';
import { useT } from '../i18n';
import { FormField } from './FormField';

interface SelectProps {
  id: string;
  name?: string;
  onChange: (e: TargetedEvent<HTMLSelectElement, Event>) => void;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
  list: string;
  codes: string[];
  value: string;
  /** The code lists of GET /api/v1/codes, to show their labels. */
  labels?: CodeLists;
  /** Offer the languages hotlines hear most often above the rest. */
  grouped?: boolean;
  placeholder?: string;
}

export function CodeSelect({ list, codes, value, labels, grouped, placeholder, ...rest }: SelectProps) {
  const t = useT();
  const option = (code: string) => (
    <option key={code} value={code}>
      {codeLabel(labels, list, code)}
    </option>
  );
  const ordered = codesInOrder(labels, list, codes);

  let options: JSX.Element | JSX.Element[];
  if (grouped) {
    const frequent = ordered.filter((c) => frequentLanguages.includes(c));
    const other = ordered.filter((c) => !frequentLanguages.includes(c));
    options = (
      <>
        <optgroup label={t('log.frequentLanguages')}>{frequent.map(option)}</optgroup>
        {other.length > 0 && <optgroup label={t('log.otherLanguages')}>{other.map(option)}</optgroup>}
      </>
    );
  } else {
    options = ordered.map(option);
  }

  return (
    <select value={value} {...rest}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options}
    </select>
  );
}

interface CodeFieldProps extends SelectProps {
  label: string;
  /** The error message element, or null when the field is fine. */
  error?: ComponentChildren;
}

/** A labelled CodeSelect with its error below. */
export function CodeField({ label, error, ...select }: CodeFieldProps) {
  return (
    <FormField inputId={select.id} label={label} error={error}>
      <CodeSelect {...select} />
    </FormField>
  );
}
