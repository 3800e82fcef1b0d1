// When the contact started and how long it took; an empty duration takes the call timer's (or,
// without it, the time since the form was opened).
import { useT } from '../i18n';
import { BoundInput, type FormBinding } from './formBinding';

export function CallTiming({ form, timerSeconds }: { form: FormBinding; timerSeconds: number | null }) {
  const t = useT();
  return (
    <div class="grid timing">
      <BoundInput form={form} field="startedAt" name="started_at" label={t('log.startedAt')}>
        {(bound) => <input type="datetime-local" {...bound} />}
      </BoundInput>
      <BoundInput
        form={form}
        field="durationMinutes"
        name="duration_s"
        label={t('log.duration')}
        hint={t('hotline.durationHint')}
      >
        {(bound) => (
          <input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            placeholder={timerSeconds === null ? '' : String(Math.ceil(timerSeconds / 60))}
            {...bound}
          />
        )}
      </BoundInput>
    </div>
  );
}
