// The data contact's first part: its category, who called, and the call's details (channel,
// language, anonymity, the caller's number to recognise repeat callers).
import { useT } from '../i18n';
import { CodeToggles } from './CodeToggles';
import { describeField } from './fieldIds';
import { BoundCheck, BoundInput, CodeChoice, FieldErrorText, KeyedChoice, type FormBinding } from './formBinding';
import { callerTypeKeys } from './hotline';
import { jumpKeys } from './shortcuts';
import { CodeField } from '../components/CodeSelect';

interface Props {
  form: FormBinding;
  /** The caller's number was left: look up earlier contacts. */
  onCallerIdentifierDone: () => void;
}

export function CategoryChoice({ form }: { form: FormBinding }) {
  return <KeyedChoice form={form} list="category" />;
}

export function CallerTypeChoice({ form }: { form: FormBinding }) {
  const t = useT();
  const listed = form.codes.lists.caller_type ?? [];
  return (
    <div class="caller-type-row">
      <CodeToggles
        id="contact-caller-type-keys"
        label={t('log.callerType')}
        list="caller_type"
        codes={form.codes}
        only={Object.keys(callerTypeKeys).filter((c) => listed.includes(c))}
        value={form.values.callerType}
        keys={callerTypeKeys}
        onChange={(code) => form.set('callerType', code)}
        jumpKey={jumpKeys.callerType}
      />
      <CodeChoice form={form} field="callerType" list="caller_type" name="caller_type" label={t('hotline.callerTypeAll')} />
    </div>
  );
}

export function CallDetails({ form, onCallerIdentifierDone }: Props) {
  const t = useT();
  const { values, set, fieldError } = form;
  return (
    <div class="grid">
      <CodeChoice form={form} field="channel" list="channel" name="channel" label={t('log.channel')} />
      <CodeField
        label={t('log.language')}
        list="language"
        codes={form.codes.lists.language ?? []}
        value={values.language}
        grouped
        onChange={(e) => set('language', e.currentTarget.value)}
        {...describeField('language', fieldError)}
        error={<FieldErrorText field="language" error={fieldError} />}
      />
      <BoundCheck form={form} field="anonymous" name="anonymous" label={t('log.anonymous')} withError />
      <BoundInput
        form={form}
        field="callerIdentifier"
        name="caller_identifier"
        label={t('hotline.callerIdentifier')}
        hint={t('hotline.callerIdentifierHint')}
      >
        {(bound) => (
          <input type="text" autocomplete="off" inputMode="tel" onBlur={onCallerIdentifierDone} {...bound} />
        )}
      </BoundInput>
    </div>
  );
}
