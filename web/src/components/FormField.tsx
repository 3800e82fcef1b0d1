// The parts every form field repeats: a label tied to its input, an optional hint, and the
// server's error message below (built by the form, which knows which field is in error).
import type { ComponentChildren } from 'preact';

interface FormFieldProps {
  /** The id of the input the label names. */
  inputId: string | undefined;
  label: string;
  /** Shown under the input; the input's aria-describedby names this id. */
  hint?: { id: string; text: string };
  /** The error message element, or null when the field is fine. */
  error?: ComponentChildren;
  children: ComponentChildren;
}

/** A labelled input (or select, or textarea) with its hint and error. */
export function FormField({ inputId, label, hint, error, children }: FormFieldProps) {
  return (
    <div class="field">
      <label for={inputId}>{label}</label>
      {children}
      {hint && (
        <p id={hint.id} class="hint">
          {hint.text}
        </p>
      )}
      {error}
    </div>
  );
}

interface CheckFieldProps {
  id: string;
  name?: string;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Extra class on the field, such as "danger". */
  tone?: string;
  /** The error message element, or null when the field is fine. */
  error?: ComponentChildren;
}

/** A checkbox with its label after it, and its error below. */
export function CheckField({ label, checked, onChange, tone, error, ...input }: CheckFieldProps) {
  return (
    <div class={tone ? `field field-check ${tone}` : 'field field-check'}>
      <div class="check">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} {...input} />
        <label for={input.id}>{label}</label>
      </div>
      {error}
    </div>
  );
}
