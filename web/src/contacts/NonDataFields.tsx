// A non-data contact (silent, hang-up, wrong number…): its kind and channel, nothing else.
import { useT } from '../i18n';
import { CodeChoice, KeyedChoice, type FormBinding } from './formBinding';

export function NonDataFields({ form }: { form: FormBinding }) {
  const t = useT();
  return (
    <div class="non-data-panel">
      <KeyedChoice form={form} list="non_data_type" />
      <div class="grid">
        <CodeChoice form={form} field="channel" list="channel" name="channel" label={t('log.channel')} />
      </div>
      <p class="hint">{t('hotline.nonDataHint')}</p>
    </div>
  );
}
