import type { JSX, TargetedEvent } from 'preact';
import { codeLabel, i18n, useT } from '../i18n';

interface SelectProps {
  id: string;
  name: string;
  onChange: (e: TargetedEvent<HTMLSelectElement, Event>) => void;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
  list: string;
  codes: string[];
  value: string;
  /** Group codes we have our own label for ("frequent") above the rest. */
  grouped?: boolean;
  placeholder?: string;
}

export function CodeSelect({ list, codes, value, grouped, placeholder, ...rest }: SelectProps) {
  const t = useT();
  const option = (code: string) => (
    <option key={code} value={code}>
      {codeLabel(list, code)}
    </option>
  );
  const byLabel = (a: string, b: string) => codeLabel(list, a).localeCompare(codeLabel(list, b));

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
