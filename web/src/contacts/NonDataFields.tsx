// A non-data contact (silent, hang-up, wrong number…): its kind and channel, nothing else.
import { useT } from '../i18n';
import { CodeChoice, KeyedChoice, type FormBinding } from './formBinding';
import { nonDataKeys } from './hotline';
import { jumpKeys } from './shortcuts';

export function NonDataFields({ form }: { form: FormBinding }) {
  const t = useT();
  return (
    <div class="non-data-panel">
      <KeyedChoice
        form={form}
        field="nonDataType"
        list="non_data_type"
        label={t('hotline.nonDataType')}
        keys={nonDataKeys}
        jumpKey={jumpKeys.category}
      />
      <div class="grid">
        <CodeChoice form={form} field="channel" list="channel" name="channel" label={t('log.channel')} />
      </div>
      <p class="hint">{t('hotline.nonDataHint')}</p>
    </div>
  );
}
