// Break-glass: opening a case one is not on, in an emergency, with a stated reason. The server
// records the reason and shows it in the client's access history; the screen says so first.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { caseAction, type CaseRecord } from './api';
import { badField, failureText } from './errors';
import { TextInput, type FieldError } from './fields';

export function BreakGlass({ api, caseId, onOpened }: { api: ApiClient; caseId: string; onOpened: (c: CaseRecord) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (reason.trim().length < 10) {
      setError({ field: 'reason', text: t('cases.breakGlass.needReason') });
      document.getElementById('break-glass-reason')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onOpened(await caseAction<CaseRecord>(api, caseId, 'break-glass', { reason: reason.trim() }));
    } catch (err) {
      const text = failureText(t, err);
      if (badField(err) === 'reason') setError({ field: 'reason', text: text ?? '' });
      else if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="break-glass" onSubmit={(e) => void open(e)} noValidate aria-label={t('cases.breakGlass.title')}>
      <h2>{t('cases.breakGlass.title')}</h2>
      <p>{t('cases.breakGlass.intro')}</p>
      <TextInput id="break-glass-reason" name="reason" kind="textarea" max={500} label={t('cases.breakGlass.reason')} value={reason} error={error} onValue={setReason} />
      <StatusRegion notice={notice} />
      <button type="submit" class="secondary" aria-disabled={busy}>
        {t('cases.breakGlass.open')}
      </button>
    </form>
  );
}
