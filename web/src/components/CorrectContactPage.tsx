// Correcting a finished contact in the hotline form (see contacts/useCorrection.ts). Ctrl+Enter
// saves the correction.
import type { ApiClient } from '../api/client';
import type { CodeLists, User } from '../api/types';
import { ContactFormBody } from '../contacts/ContactFormBody';
import { RepeatCallerPanel } from '../contacts/RepeatCallerPanel';
import { useCorrection } from '../contacts/useCorrection';
import { useFormShortcuts } from '../contacts/useFormShortcuts';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import { BackLink, PageHeading } from './PageHeading';
import { StatusRegion } from './StatusRegion';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  user: User;
  /** The id of the finished contact to correct. */
  id: string;
}

export function CorrectContactPage({ api, codes, user, id }: Props) {
  const t = useT();
  const correction = useCorrection(api, codes, id);
  const { form, loaded, notice } = correction;
  const binding = { values: form.state.values, set: form.set, fieldError: form.state.fieldError, codes };
  useFormShortcuts(binding, correction.focusOn, { finish: () => void correction.save() });

  const back = <BackLink to={{ name: 'contact', id }} label={t('correct.back')} />;
  const status = (
    <div id="contact-status" tabIndex={-1} class="status-anchor">
      <StatusRegion notice={notice}>
        {notice?.kind === 'error' && loaded?.conflict && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={() => void correction.reload()}>
              {t('correct.reload')}
            </button>
          </>
        )}
        {notice?.kind === 'success' && (
          <>
            {' '}
            <a href={hrefFor({ name: 'contact', id })}>{t('log.openSaved')}</a>
          </>
        )}
      </StatusRegion>
    </div>
  );
  return (
    <div class="log-layout">
      <section class="page">
        {back}
        <PageHeading title={t('correct.title')} />
        {loaded !== null && <p class="muted">{t('correct.intro')}</p>}
        {status}
        {loaded !== null && (
          <ContactFormBody
            form={binding}
            api={api}
            agencyNames={form.state.agencyNames}
            onAgencies={form.setAgencies}
            onCallerIdentifierDone={() => void correction.repeat.check(form.state.values.callerIdentifier, id)}
            repeatCaller={<RepeatCallerPanel api={api} codes={codes} user={user} repeat={correction.repeat} onNotice={correction.setNotice} />}
            timerSeconds={null}
            busy={correction.busy}
            submitLabel={t('correct.save')}
            onSubmit={() => void correction.save()}
            actions={
              <p id="contact-shortcut" class="hint">
                {t('correct.shortcuts')}
              </p>
            }
          />
        )}
      </section>
    </div>
  );
}
