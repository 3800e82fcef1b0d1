// Break-glass: opening a case one is not on, in an emergency, with a stated reason. The server
// records the reason and shows it in the client's access history; the screen says so first.
import type { ApiClient } from '../api/client';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { caseAction, type CaseRecord } from './api';
import { TextInput } from './fields';
import { useCaseForm } from './useCaseForm';

export function BreakGlass({ api, caseId, onOpened }: { api: ApiClient; caseId: string; onOpened: (c: CaseRecord) => void }) {
  const t = useT();
  const form = useCaseForm('break-glass', { reason: '' });

  function open() {
    const reason = form.values.reason.trim();
    if (reason.length < 10) {
      form.invalid('reason', t('cases.breakGlass.needReason'));
      return;
    }
    void form.send(async () => onOpened(await caseAction<CaseRecord>(api, caseId, 'break-glass', { reason })));
  }

  return (
    <form class="break-glass" onSubmit={form.onSubmit(open)} noValidate aria-label={t('cases.breakGlass.title')}>
      <h2>{t('cases.breakGlass.title')}</h2>
      <p>{t('cases.breakGlass.intro')}</p>
      <TextInput {...form.bind('reason', t('cases.breakGlass.reason'))} kind="textarea" max={500} />
      <StatusRegion notice={form.notice} />
      <button type="submit" class="secondary" aria-disabled={form.busy}>
        {t('cases.breakGlass.open')}
      </button>
    </form>
  );
}
