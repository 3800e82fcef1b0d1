// The fields of the case forms: each labelled, tied to its error message (aria-describedby), with
// codes and their labels from GET /api/v1/codes. `error` is the form's one field in error.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CodeLists } from '../api/types';
import { codeLabel, codesInOrder } from '../codes/labels';
import { CodeSelect } from '../components/CodeSelect';
import { FormField } from '../components/FormField';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';

export interface FieldError {
  field: string;
  text: string;
}

interface Base {
  id: string;
  /** The field's name in the form and in the server's 400 answers. */
  name: string;
  label: string;
  error: FieldError | null;
  hint?: string;
}

function describe(id: string, name: string, error: FieldError | null, hint?: string) {
  const wrong = error?.field === name;
  const ids = [hint ? `${id}-hint` : '', wrong ? `${id}-error` : ''].filter((s) => s !== '').join(' ');
  return {
    id,
    'aria-invalid': wrong ? true : undefined,
    'aria-describedby': ids === '' ? undefined : ids,
    errorText: wrong ? (
      <p id={`${id}-error`} class="field-error">
        {error.text}
      </p>
    ) : null,
    hint: hint ? { id: `${id}-hint`, text: hint } : undefined,
  };
}

type Kind = 'text' | 'date' | 'tel' | 'email' | 'number' | 'textarea';

export function TextInput(p: Base & { value: string; onValue: (v: string) => void; kind?: Kind; max?: number }) {
  const { errorText, hint, ...attrs } = describe(p.id, p.name, p.error, p.hint);
  const common = { ...attrs, value: p.value, maxLength: p.max ?? 500 };
  return (
    <FormField inputId={p.id} label={p.label} hint={hint} error={errorText}>
      {p.kind === 'textarea' ? (
        <textarea {...common} rows={3} onInput={(e) => p.onValue(e.currentTarget.value)} />
      ) : p.kind === 'date' ? (
        <input {...common} type="date" onInput={(e) => p.onValue(e.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={p.kind === 'number' ? 'numeric' : p.kind === 'tel' ? 'tel' : p.kind === 'email' ? 'email' : 'text'}
          onInput={(e) => p.onValue(e.currentTarget.value)}
        />
      )}
    </FormField>
  );
}

export function CodeChoice(p: Base & { codes: CodeLists; list: string; value: string; onValue: (v: string) => void }) {
  const t = useT();
  const { errorText, hint, ...attrs } = describe(p.id, p.name, p.error, p.hint);
  return (
    <FormField inputId={p.id} label={p.label} hint={hint} error={errorText}>
      <CodeSelect
        {...attrs}
        list={p.list}
        codes={p.codes.lists[p.list] ?? []}
        labels={p.codes}
        value={p.value}
        placeholder={t('log.choose')}
        onChange={(e) => p.onValue(e.currentTarget.value)}
      />
    </FormField>
  );
}

/** A multi-valued code from a short list: a group of checkboxes. */
export function CodeCheckList(p: Base & { codes: CodeLists; list: string; value: string[]; onValue: (v: string[]) => void }) {
  const wrong = p.error?.field === p.name;
  return (
    <fieldset class="checks" id={p.id} aria-describedby={wrong ? `${p.id}-error` : undefined}>
      <legend>{p.label}</legend>
      <div class="checks-grid">
        {codesInOrder(p.codes, p.list).map((code) => (
          <label key={code} class="check">
            <input
              type="checkbox"
              value={code}
              checked={p.value.includes(code)}
              onChange={(e) =>
                p.onValue(e.currentTarget.checked ? [...p.value, code] : p.value.filter((c) => c !== code))
              }
            />
            {codeLabel(p.codes, p.list, code)}
          </label>
        ))}
      </div>
      {wrong && (
        <p id={`${p.id}-error`} class="field-error">
          {p.error?.text}
        </p>
      )}
    </fieldset>
  );
}

/** A multi-valued code from a long list (countries): chosen codes as chips, one more added by a select. */
export function CodeChips(p: Base & { codes: CodeLists; list: string; value: string[]; onValue: (v: string[]) => void }) {
  const t = useT();
  const [pick, setPick] = useState('');
  const rest = (p.codes.lists[p.list] ?? []).filter((c) => !p.value.includes(c));
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      {p.value.length > 0 && (
        <ul class="chips" aria-label={t('cases.chosen', { name: p.label })}>
          {p.value.map((code) => (
            <li key={code}>
              <span>{codeLabel(p.codes, p.list, code)}</span>
              <button
                type="button"
                class="chip-remove"
                aria-label={t('cases.remove', { name: codeLabel(p.codes, p.list, code) })}
                onClick={() => p.onValue(p.value.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <CodeSelect
        id={p.id}
        list={p.list}
        codes={rest}
        labels={p.codes}
        value={pick}
        placeholder={t('cases.add')}
        onChange={(e) => {
          const code = e.currentTarget.value;
          setPick('');
          if (code !== '') p.onValue([...p.value, code]);
        }}
      />
    </div>
  );
}

/** A titled part of a page, with its own status line. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="case-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** A section's status line; after a stale write (409) it offers to load the current version. */
export function SectionNotice({ notice, conflict, onReload }: { notice: Notice | null; conflict: boolean; onReload: () => void }) {
  const t = useT();
  return (
    <StatusRegion notice={notice}>
      {conflict && (
        <>
          {' '}
          <button type="button" class="link-button" onClick={onReload}>
            {t('cases.reload')}
          </button>
        </>
      )}
    </StatusRegion>
  );
}
