// When the contact started and how long it took; an empty duration takes the call timer's (or,
// without it, the time since the form was opened).
import { FormField } from '../components/FormField';
import { useT } from '../i18n';
import { describeField, inputIds } from './fieldIds';
import { FieldErrorText, type FormBinding } from './formBinding';

export function CallTiming({ form, timerSeconds }: { form: FormBinding; timerSeconds: number | null }) {
  const t = useT();
  const { values, set, fieldError } = form;
  return (
    <div class="grid timing">
      <FormField
        inputId={inputIds.started_at}
        label={t('log.startedAt')}
        error={<FieldErrorText field="started_at" error={fieldError} />}
      >
        <input
          type="datetime-local"
          value={values.startedAt}
          onInput={(e) => set('startedAt', e.currentTarget.value)}
          {...describeField('started_at', fieldError)}
        />
      </FormField>
      <FormField
        inputId={inputIds.duration_s}
        label={t('log.duration')}
        hint={{ id: 'contact-duration-hint', text: t('hotline.durationHint') }}
        error={<FieldErrorText field="duration_s" error={fieldError} />}
      >
        <input
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          value={values.durationMinutes}
          placeholder={timerSeconds === null ? '' : String(Math.ceil(timerSeconds / 60))}
          onInput={(e) => set('durationMinutes', e.currentTarget.value)}
          {...describeField('duration_s', fieldError, 'contact-duration-hint')}
        />
      </FormField>
    </div>
  );
}
