// A person's data for them (right of access): one JSON file with everything held about the
// person, sealed fields opened. The server audits the export.
import { useState } from 'preact/hooks';
import { downloadFile } from '../api/download';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { failureText } from './errors';

export function SubjectAccessExport({ clientId, clientCode }: { clientId: string; clientCode: string }) {
  const t = useT();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setNotice({ kind: 'info', text: t('cases.subjectAccess.working') });
    const filename = `subject-access-${clientCode}.json`;
    try {
      await downloadFile(`/api/v1/clients/${encodeURIComponent(clientId)}/subject-access`, filename);
      setNotice({ kind: 'success', text: t('cases.subjectAccess.done', { file: filename }) });
    } catch (e) {
      const text = failureText(t, e);
      setNotice(text === null ? null : { kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="subject-access" aria-labelledby="subject-access-title">
      <h3 id="subject-access-title">{t('cases.subjectAccess.title')}</h3>
      <p>{t('cases.subjectAccess.intro')}</p>
      <button type="button" class="secondary" aria-disabled={busy} onClick={() => void (busy ? undefined : run())}>
        {t('cases.subjectAccess.start')}
      </button>
      <StatusRegion notice={notice} />
    </section>
  );
}
