// What every case form keeps while it is filled in and sent: its values, the field in error,
// its status line, whether a request is under way and whether the last write was stale (409).
// A field is bound by its name: its input's id is `${prefix}-${name}`, and the name is the one
// the server's 400 answers use (`formField` turns the server's name into the form's).
import { useState } from 'preact/hooks';
import type { Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { badField, failureText, isConflict } from './errors';
import type { FieldError } from './fields';

const sameName = (serverField: string) => serverField;

export function useCaseForm<V extends object>(prefix: string, initial: V | (() => V), formField = sameName) {
  const t = useT();
  const [values, setValues] = useState<V>(initial);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  const set =
    <K extends keyof V>(key: K) =>
    (value: V[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

  /** The props that tie a field (TextInput, CodeChoice...) to its value, its error and its id. */
  const bind = <K extends keyof V & string>(name: K, label: string) => ({
    id: `${prefix}-${name}`,
    name,
    label,
    value: values[name],
    error,
    onValue: set(name),
  });

  /** Says what to correct, on the field and in the status line (`status` when it differs), and focuses the field. */
  function invalid(field: string, text: string, status = text) {
    setError({ field, text });
    setNotice({ kind: 'error', text: status });
    document.getElementById(`${prefix}-${field}`)?.focus();
  }

  /** The form's submit handler: the page stays, and nothing happens while a request is under way. */
  const onSubmit = (go: () => void) => (e: Event) => {
    e.preventDefault();
    if (!busy) go();
  };

  /**
   * Sends `request`, saying `saving` meanwhile and `done` after, when given. A failure is said in
   * the status line, and on the field when the server names one of the form's. True when it succeeded.
   */
  async function send(request: () => Promise<void>, say: { saving?: string; done?: string } = {}): Promise<boolean> {
    setBusy(true);
    setError(null);
    setConflict(false);
    if (say.saving !== undefined) setNotice({ kind: 'info', text: say.saving });
    try {
      await request();
      if (say.done !== undefined) setNotice({ kind: 'success', text: say.done });
      return true;
    } catch (err) {
      const text = failureText(t, err);
      setConflict(isConflict(err));
      const field = formField(badField(err));
      if (text !== null && field !== '') invalid(field, text);
      else if (text !== null) setNotice({ kind: 'error', text });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { values, setValues, set, bind, error, notice, setNotice, conflict, setConflict, busy, invalid, onSubmit, send };
}
