// "Possible duplicate of CL-…": a case worker names another record of the same person by its
// client code; the pair waits for a supervisor on the approvals screen.
import type { ApiClient } from '../api/client';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { flagDuplicate, searchClients } from './api';
import { Section, TextInput } from './fields';
import { useCaseForm } from './useCaseForm';

export function FlagDuplicate({ api, clientId }: { api: ApiClient; clientId: string }) {
  const t = useT();
  const form = useCaseForm('flag-duplicate', { client_code: '' });

  function flag() {
    const code = form.values.client_code.trim().toUpperCase();
    void form.send(async () => {
      const { matches } = await searchClients(api, { client_code: code });
      const other = matches.find((m) => m.client_code === code && m.client_id !== clientId);
      if (other === undefined) {
        form.invalid('client_code', t('cases.duplicates.flagNoSuch'));
        return;
      }
      await flagDuplicate(api, clientId, other.client_id);
      form.setValues({ client_code: '' });
      form.setNotice({ kind: 'success', text: t('cases.duplicates.flagDone', { code }) });
    });
  }

  return (
    <Section id="case-flag-duplicate" title={t('cases.duplicates.flagTitle')}>
      <form onSubmit={form.onSubmit(flag)} noValidate aria-label={t('cases.duplicates.flagTitle')}>
        <TextInput {...form.bind('client_code', t('cases.duplicates.flagCode'))} max={64} />
        <StatusRegion notice={form.notice} />
        <button type="submit" class="secondary" aria-disabled={form.busy}>
          {t('cases.duplicates.flagSubmit')}
        </button>
      </form>
    </Section>
  );
}
