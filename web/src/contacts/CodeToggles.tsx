// Rows of toggle buttons (one Tab stop each) and checkboxes for code lists, labelled from the server's code labels.
import { useEffect, useState } from 'preact/hooks';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { onToolbarKeyDown, rovingTabIndex } from './rovingFocus';

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
  /** Alt+key that moves the focus here, announced with the row. */
  jumpKey?: string | undefined;
}

/**
 * A single choice as a row of buttons (aria-pressed); pressing the chosen one clears it. The row
 * is one Tab stop (WAI-ARIA toolbar): the arrow keys, Home and End move between its buttons.
 */
export function CodeToggles({ id, label, list, codes, only, value, keys, onChange, invalid, describedBy, jumpKey }: TogglesProps) {
  const all = only ?? codes.lists[list] ?? [];
  // The button the arrows last moved to; forgotten when the choice changes, so Tab then
  // enters the row on the chosen button.
  const [stop, setStop] = useState<number | null>(null);
  useEffect(() => setStop(null), [value]);
  const chosen = all.indexOf(value);
  return (
    <div
      class="toggles"
      role="toolbar"
      id={id}
      aria-labelledby={`${id}-label`}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      aria-keyshortcuts={jumpKey === undefined ? undefined : `Alt+${jumpKey}`}
      onKeyDown={(e) => {
        onToolbarKeyDown(e);
        const at = all.indexOf((document.activeElement as HTMLElement | null)?.dataset.code ?? '');
        if (at >= 0) setStop(at);
      }}
    >
      <p class="toggles-label" id={`${id}-label`}>
        {label}
      </p>
      <div class="toggles-row">
        {all.map((code, index) => {
          const key = keys?.[code];
          return (
            <button
              key={code}
              type="button"
              class="toggle"
              data-code={code}
              tabIndex={stop !== null ? (index === stop ? 0 : -1) : rovingTabIndex(index, chosen)}
              aria-pressed={value === code}
              aria-keyshortcuts={key?.toUpperCase()}
              onClick={() => onChange(value === code ? '' : code)}
            >
              {key !== undefined && <kbd aria-hidden="true">{key.toUpperCase()}</kbd>}
              {codeLabel(codes, list, code)}
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
            {codeLabel(codes, list, code)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
