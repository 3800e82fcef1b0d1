// The hotline form itself, shared by a new call and the correction of a finished contact: the
// kind switch, the data or non-data fields, the timing, and the buttons.
import type { ComponentChildren } from 'preact';
import type { ApiClient } from '../api/client';
import { useT } from '../i18n';
import { CallDetails, CallerTypeChoice, CategoryChoice } from './CallerFields';
import { CallTiming } from './CallTiming';
import { CategoryDetails, ClosingFields } from './CategoryDetails';
import { ContactKindSwitch } from './ContactKindSwitch';
import type { FormBinding } from './formBinding';
import { NonDataFields } from './NonDataFields';

interface Props {
  form: FormBinding;
  api: ApiClient;
  agencyNames: Record<string, string>;
  onAgencies: (ids: string[], names: Record<string, string>) => void;
  onCallerIdentifierDone: () => void;
  /** The repeat-caller box, shown under the call details. */
  repeatCaller: ComponentChildren;
  timerSeconds: number | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  /** Further buttons beside the submit button, and the keys' help. */
  actions: ComponentChildren;
}

export function ContactFormBody(props: Props) {
  const t = useT();
  const { form, busy } = props;
  const nonData = form.values.kind === 'non_data';
  return (
    <form
      class="contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
      noValidate
    >
      <ContactKindSwitch nonData={nonData} onChange={(kind) => form.set('kind', kind)} />
      {nonData ? (
        <NonDataFields form={form} />
      ) : (
        <>
          <CategoryChoice form={form} />
          <CallerTypeChoice form={form} />
          <CallDetails form={form} onCallerIdentifierDone={props.onCallerIdentifierDone} />
          {props.repeatCaller}
          <CategoryDetails form={form} api={props.api} agencyNames={props.agencyNames} onAgencies={props.onAgencies} />
          <ClosingFields form={form} />
        </>
      )}
      <CallTiming form={form} timerSeconds={props.timerSeconds} />
      <div class="actions">
        <button id="contact-finish" type="submit" class="primary" aria-disabled={busy} aria-describedby="contact-shortcut">
          {busy ? t('log.saving') : props.submitLabel}
        </button>
        {props.actions}
      </div>
    </form>
  );
}
