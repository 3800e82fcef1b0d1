// A non-data contact (silent, hang-up, wrong number…): its kind and channel, nothing else.
import { useT } from '../i18n';
import { CodeToggles } from './CodeToggles';
import { inputIds } from './fieldIds';
import { CodeChoice, FieldErrorText, type FormBinding } from './formBinding';
import { nonDataKeys } from './hotline';
import { jumpKeys } from './shortcuts';

export function NonDataFields({ form }: { form: FormBinding }) {
  const t = useT();
  return (
    <div class="non-data-panel">
      <CodeToggles
        id={inputIds.non_data_type ?? ''}
        label={t('hotline.nonDataType')}
        list="non_data_type"
        codes={form.codes}
        value={form.values.nonDataType}
        keys={nonDataKeys}
        onChange={(code) => form.set('nonDataType', code)}
        invalid={form.fieldError?.field === 'non_data_type'}
        jumpKey={jumpKeys.category}
      />
      <FieldErrorText field="non_data_type" error={form.fieldError} />
      <div class="grid">
        <CodeChoice form={form} field="channel" list="channel" name="channel" label={t('log.channel')} />
      </div>
      <p class="hint">{t('hotline.nonDataHint')}</p>
    </div>
  );
}
