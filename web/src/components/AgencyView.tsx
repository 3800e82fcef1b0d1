// One partner agency. The address is shown only when the server sent it: a confidential address
// reaches case workers, supervisors and administrators only (and each view is audited).
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, User } from '../api/types';
import { deactivateAgency, getAgency, type Agency } from '../agencies/api';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor, navigate } from '../router';
import { BackLink, PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';
import { failureText, useRecord } from './useRecord';
import { codeLabel } from '../codes/labels';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  id: string;
  user: User;
}

export function AgencyView({ api, codes, id, user }: Props) {
  const t = useT();
  const [agency, setAgency] = useState<Agency | null>(null);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [busy, setBusy] = useState(false);

  useRecord(() => getAgency(api, id), id, {
    loaded: (a) => {
      setAgency(a);
      setNotice(a.active ? null : { kind: 'info', text: t('directory.inactive') });
    },
    failed: (error) => setNotice({ kind: 'error', text: failureText(t, error, t('directory.notFound')) }),
  });

  async function deactivate() {
    if (busy || !window.confirm(t('directory.deactivateConfirm'))) return;
    setBusy(true);
    try {
      await deactivateAgency(api, id);
      navigate({ name: 'directory' });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  const list = (items: string[], label: (code: string) => string) =>
    items.length === 0 ? '—' : items.map(label).join(', ');

  return (
    <section class="page">
      <BackLink to={{ name: 'directory' }} label={t('directory.back')} />
      <PageHeading title={agency?.name ?? t('directory.agency')} />
      <StatusRegion notice={notice} />
      {agency && (
        <>
          <dl class="details">
            <dt>{t('directory.type')}</dt>
            <dd>{codeLabel(codes, 'agency_type', agency.type)}</dd>
            <dt>{t('directory.country')}</dt>
            <dd>{codeLabel(null, 'country', agency.country)}</dd>
            <dt>{t('directory.city')}</dt>
            <dd>{agency.city || '—'}</dd>
            <dt>{t('directory.address')}</dt>
            <dd>
              {agency.address !== undefined ? (
                agency.address === '' ? (
                  '—'
                ) : (
                  <span class="agency-address">{agency.address}</span>
                )
              ) : (
                <span class="badge badge-confidential">{t('directory.confidentialBadge')}</span>
              )}
              {agency.address_confidential && agency.address !== undefined && (
                <span class="badge badge-confidential">{t('directory.confidentialBadge')}</span>
              )}
            </dd>
            <dt>{t('directory.phone')}</dt>
            <dd>{agency.phone ? <a href={`tel:${agency.phone.replace(/[^+0-9]/g, '')}`}>{agency.phone}</a> : '—'}</dd>
            <dt>{t('directory.email')}</dt>
            <dd>{agency.email ? <a href={`mailto:${agency.email}`}>{agency.email}</a> : '—'}</dd>
            <dt>{t('directory.website')}</dt>
            <dd>
              {agency.website ? (
                <a href={agency.website} rel="noopener noreferrer" target="_blank">
                  {agency.website}
                </a>
              ) : (
                '—'
              )}
            </dd>
            <dt>{t('directory.languages')}</dt>
            <dd>{list(agency.languages, (c) => codeLabel(null, 'language', c))}</dd>
            <dt>{t('directory.services')}</dt>
            <dd>{list(agency.services, (c) => codeLabel(codes, 'agency_service', c))}</dd>
            <dt>{t('directory.notes')}</dt>
            <dd class="notes">{agency.notes || '—'}</dd>
          </dl>
          {can(user, 'agency.edit') && (
            <p class="actions">
              <a class="button-link" href={hrefFor({ name: 'agencyEdit', id })}>
                {t('directory.edit')}
              </a>{' '}
              {agency.active && (
                <button type="button" class="secondary" aria-disabled={busy} onClick={() => void deactivate()}>
                  {t('directory.deactivate')}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
