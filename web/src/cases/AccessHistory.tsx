// Who opened a client and their case (supervisors): loaded when asked for, since reading it is
// itself recorded.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { accessHistory, type AccessEntry } from './api';
import { failureText } from './errors';
import { Section } from './fields';

export function AccessHistory({ api, clientId }: { api: ApiClient; clientId: string }) {
  const t = useT();
  const [entries, setEntries] = useState<AccessEntry[] | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  function load() {
    setNotice({ kind: 'info', text: t('app.loading') });
    accessHistory(api, clientId).then(
      (h) => {
        setEntries(h.entries);
        setNotice(null);
      },
      (err: unknown) => {
        const text = failureText(t, err);
        if (text !== null) setNotice({ kind: 'error', text });
      },
    );
  }

  return (
    <Section id="case-access" title={t('cases.access.title')}>
      {entries === null && (
        <button type="button" class="secondary" onClick={load}>
          {t('cases.access.show')}
        </button>
      )}
      <StatusRegion notice={notice} />
      {entries !== null && (
        <ol class="case-timeline">
          {entries.map((e, i) => (
            <li key={i}>
              {formatDateTime(e.at)} · {e.user.name} · <span class="mono">{e.action}</span>
              {e.reason !== null && <> · {t('cases.access.reason', { reason: e.reason })}</>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
