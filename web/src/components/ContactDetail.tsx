import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { Contact } from '../api/types';
import { durationMinutes, formatDateTime } from '../format';
import { codeLabel, useT } from '../i18n';
import { hrefFor } from '../router';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';

export function ContactDetail({ api, id }: { api: ApiClient; id: string }) {
  const t = useT();
  const [contact, setContact] = useState<Contact | null>(null);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });

  useEffect(() => {
    let current = true;
    setContact(null);
    api.getContact(id).then(
      (c) => {
        if (!current) return;
        setContact(c);
        setNotice(null);
      },
      (error: unknown) => {
        if (!current || (error instanceof ApiError && error.status === 401)) return;
        const text =
          error instanceof ApiError && error.status === 404 ? t('detail.notFound') : errorMessage(t, error);
        setNotice({ kind: 'error', text });
      },
    );
    return () => {
      current = false;
    };
  }, [id]);

  return (
    <section class="page">
      <p class="back">
        <a href={hrefFor({ name: 'contacts' })}>← {t('detail.back')}</a>
      </p>
      <PageHeading title={t('detail.title')} />
      <StatusRegion notice={notice} />
      {contact && (
        <>
          <dl class="details">
            <dt>{t('contacts.started')}</dt>
            <dd>{formatDateTime(contact.started_at)}</dd>
            <dt>{t('contacts.channel')}</dt>
            <dd>{codeLabel('channel', contact.channel)}</dd>
            <dt>{t('contacts.callerType')}</dt>
            <dd>{codeLabel('caller_type', contact.caller_type)}</dd>
            <dt>{t('contacts.duration')}</dt>
            <dd>{t('contacts.minutes', { count: durationMinutes(contact.duration_s) })}</dd>
            <dt>{t('contacts.language')}</dt>
            <dd>{codeLabel('language', contact.language)}</dd>
            <dt>{t('contacts.anonymous')}</dt>
            <dd>{contact.anonymous ? t('contacts.yes') : t('contacts.no')}</dd>
            <dt>{t('detail.createdAt')}</dt>
            <dd>{formatDateTime(contact.created_at)}</dd>
            <dt>{t('detail.createdBy')}</dt>
            <dd class="mono">{contact.created_by}</dd>
            <dt>{t('detail.reference')}</dt>
            <dd class="mono">{contact.id}</dd>
          </dl>
          <h2>{t('detail.summary')}</h2>
          {contact.summary ? (
            <p class="summary">{contact.summary}</p>
          ) : (
            <p class="muted">{t('detail.noSummary')}</p>
          )}
        </>
      )}
    </section>
  );
}
