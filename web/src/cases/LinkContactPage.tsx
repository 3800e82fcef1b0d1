// A consultant links a hotline contact to the case of a client found by the search before
// create. The search shows only client codes and whether a case exists; linking answers only
// that the link exists. Nothing of the case's content reaches this screen.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { BackLink, PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { linkContact } from './api';
import { ClientSearch } from './ClientSearch';
import { failureText } from './errors';

export function LinkContactPage({ api, codes, contactId }: { api: ApiClient; codes: CodeLists; contactId: string }) {
  const t = useT();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [linked, setLinked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function link(caseId: string, clientCode: string) {
    if (busy) return;
    setBusy(true);
    try {
      await linkContact(api, caseId, contactId);
      setLinked(caseId);
      setNotice({ kind: 'success', text: t('cases.link.done', { code: clientCode }) });
      document.getElementById('link-status')?.focus();
    } catch (err) {
      const text = failureText(t, err);
      if (text !== null) setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page">
      <BackLink to={{ name: 'contact', id: contactId }} label={t('cases.link.back')} />
      <PageHeading title={t('cases.link.title')} />
      <p class="hint">{t('cases.link.intro')}</p>
      <div id="link-status" tabIndex={-1} class="status-anchor">
        <StatusRegion notice={notice} />
      </div>
      <ClientSearch
        api={api}
        codes={codes}
        actionFor={(m) =>
          m.case === null ? null : (
            <button
              type="button"
              class="secondary"
              aria-disabled={busy || linked === m.case.id}
              onClick={() => {
                if (m.case !== null && linked !== m.case.id) void link(m.case.id, m.client_code);
              }}
            >
              {linked === m.case.id ? t('cases.link.linked') : t('cases.link.action', { code: m.client_code })}
            </button>
          )
        }
      />
    </section>
  );
}
