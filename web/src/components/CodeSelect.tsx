import type { ComponentChildren, JSX, TargetedEvent } from 'preact';
import type { CodeLists } from '../api/types';
import { codeText } from '../contacts/CodeToggles';
import { codeLabel, i18n, useT } from '../i18n';
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
  /** The code lists of GET /api/v1/codes, to show their labels; else ours or the browser's. */
  labels?: CodeLists;
  /** Group codes we have our own label for ("frequent") above the rest. */
  grouped?: boolean;
  placeholder?: string;
}

export function CodeSelect({ list, codes, value, labels, grouped, placeholder, ...rest }: SelectProps) {
  const t = useT();
  const text = (code: string) => (labels ? codeText(labels, list, code) : codeLabel(list, code));
  const option = (code: string) => (
    <option key={code} value={code}>
      {text(code)}
    </option>
  );
  const byLabel = (a: string, b: string) => text(a).localeCompare(text(b));

  let options: JSX.Element | JSX.Element[];
  if (grouped) {
    const frequent = codes.filter((c) => i18n.exists(`codes.${list}.${c}`)).sort(byLabel);
    const other = codes.filter((c) => !i18n.exists(`codes.${list}.${c}`)).sort(byLabel);
    options = (
      <>
        <optgroup label={t('log.frequentLanguages')}>{frequent.map(option)}</optgroup>
        {other.length > 0 && <optgroup label={t('log.otherLanguages')}>{other.map(option)}</optgroup>}
      </>
    );
  } else {
    options = codes.map(option);
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
