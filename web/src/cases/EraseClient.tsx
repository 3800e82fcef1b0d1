// Erasing a person: the supervisor types the client code again and gives a reason; the server
// destroys the person's key. Afterwards the screen says what was erased and what stays.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { eraseClient } from './api';
import { TextInput } from './fields';
import { useCaseForm } from './useCaseForm';

export function EraseClient({ api, clientId, clientCode, onErased }: { api: ApiClient; clientId: string; clientCode: string; onErased: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const form = useCaseForm('erase-client', { confirm_client_code: '', reason: '' });

  function erase() {
    const reason = form.values.reason.trim();
    if (form.values.confirm_client_code.trim() !== clientCode) {
      form.invalid('confirm_client_code', t('cases.erase.wrongCode'));
      return;
    }
    if (reason === '') {
      form.invalid('reason', t('cases.erase.needReason'));
      return;
    }
    void form.send(async () => {
      await eraseClient(api, clientId, { reason, confirm_client_code: form.values.confirm_client_code.trim() });
      onErased();
    });
  }

  if (!open) {
    return (
      <p>
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('cases.erase.start')}
        </button>
      </p>
    );
  }
  return (
    <form class="erase-client" onSubmit={form.onSubmit(erase)} noValidate aria-label={t('cases.erase.title')}>
      <h3>{t('cases.erase.title')}</h3>
      <p>{t('cases.erase.intro')}</p>
      <TextInput {...form.bind('confirm_client_code', t('cases.erase.confirmCode', { code: clientCode }))} max={64} />
      <TextInput {...form.bind('reason', t('cases.erase.reason'))} kind="textarea" max={500} />
      <StatusRegion notice={form.notice} />
      <button type="submit" class="danger" aria-disabled={form.busy}>
        {t('cases.erase.confirm')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        {t('cases.erase.cancel')}
      </button>
    </form>
  );
}
