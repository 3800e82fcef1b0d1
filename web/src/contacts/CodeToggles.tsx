// Rows of toggle buttons and checkboxes for code lists, labelled from the server's code labels.
import type { CodeLists } from '../api/types';
import { codeLabel, currentUiLanguage } from '../i18n';

/** The server's label of a code in the UI language, else ours, else the raw code. */
export function codeText(codes: CodeLists, list: string, code: string): string {
  if (code === '') return '';
  const fromServer = codes.labels?.[list]?.[code]?.[currentUiLanguage()];
  return fromServer !== undefined && fromServer !== '' ? fromServer : codeLabel(list, code);
}

interface TogglesProps {
  id: string;
  label: string;
  list: string;
  codes: CodeLists;
  /** Which codes to show, in order; defaults to the whole list. */
  only?: string[];
  value: string;
  /** Single-key shortcut per code, shown on its button. */
  keys?: Record<string, string>;
  onChange: (code: string) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/** A single choice as a row of buttons (aria-pressed); pressing the chosen one clears it. */
export function CodeToggles({ id, label, list, codes, only, value, keys, onChange, invalid, describedBy }: TogglesProps) {
  const all = only ?? codes.lists[list] ?? [];
  return (
    <div
      class="toggles"
      role="group"
      id={id}
      tabIndex={-1}
      aria-labelledby={`${id}-label`}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
    >
      <p class="toggles-label" id={`${id}-label`}>
        {label}
      </p>
      <div class="toggles-row">
        {all.map((code) => {
          const key = keys?.[code];
          return (
            <button
              key={code}
              type="button"
              class="toggle"
              data-code={code}
              aria-pressed={value === code}
              aria-keyshortcuts={key?.toUpperCase()}
              onClick={() => onChange(value === code ? '' : code)}
            >
              {key !== undefined && <kbd aria-hidden="true">{key.toUpperCase()}</kbd>}
              {codeText(codes, list, code)}
            </button>
          );
        })}
      </div>
    </div>
  );
}

interface ChecksProps {
  id: string;
  legend: string;
  list: string;
  codes: CodeLists;
  value: string[];
  onToggle: (code: string) => void;
}

/** A multi-valued code as a group of checkboxes. */
export function CodeChecks({ id, legend, list, codes, value, onToggle }: ChecksProps) {
  return (
    <fieldset class="checks" id={id}>
      <legend>{legend}</legend>
      <div class="checks-grid">
        {(codes.lists[list] ?? []).map((code) => (
          <label key={code} class="check">
            <input
              type="checkbox"
              name={`${id}-${code}`}
              value={code}
              checked={value.includes(code)}
              onChange={() => onToggle(code)}
            />
            {codeText(codes, list, code)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
