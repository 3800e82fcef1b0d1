import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists, Contact, User } from '../api/types';
import { mayLinkContacts } from '../cases/permissions';
import { getAgencyName } from '../contacts/api';
import { mayCorrect, mayFlagCallers } from '../contacts/permissions';
import { RepeatCallerBox } from '../contacts/RepeatCallerBox';
import { durationMinutes, formatDateTime } from '../format';
import { useT } from '../i18n';
import { can } from '../permissions';
import { hrefFor } from '../router';
import { authorName, listUsers, namesById } from '../users/api';
import { BackLink, PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';
import { failureText, useRecord } from './useRecord';
import { codeLabel } from '../codes/labels';

interface Props {
  api: ApiClient;
  id: string;
  codes: CodeLists;
  user: User;
}

export function ContactDetail({ api, id, codes, user }: Props) {
  const t = useT();
  const [contact, setContact] = useState<Contact | null>(null);
  const [agencies, setAgencies] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());

  useEffect(() => {
    // Who logged the contact, by name; the start of their id until (or unless) the names come.
    if (!can(user, 'contact.list')) return;
    listUsers(api).then((users) => setNames(namesById(users)), () => undefined);
  }, []);

  useRecord(() => api.getContact(id), id, {
    starting: () => setContact(null),
    loaded: (c, isLive) => {
      setContact(c);
      setNotice(null);
      for (const agency of c.referral_agency_ids ?? []) {
        getAgencyName(api, agency).then(
          (name) => isLive() && setAgencies((a) => ({ ...a, [agency]: name })),
          () => undefined,
        );
      }
    },
    failed: (error) => setNotice({ kind: 'error', text: failureText(t, error, t('detail.notFound')) }),
  });

  return (
    <section class="page">
      <BackLink to={{ name: 'contacts' }} label={t('detail.back')} />
      <PageHeading title={t('detail.title')} />
      <StatusRegion notice={notice} />
      {contact && (
        <>
          {contact.status === 'draft' && <p class="draft-badge">{t('hotline.draftBadge')}</p>}
          {mayCorrect(contact) && (
            <p class="detail-actions">
              <a class="button secondary" href={hrefFor({ name: 'contactCorrect', id: contact.id })}>
                {t('correct.action')}
              </a>
            </p>
          )}
          {mayLinkContacts(user) && contact.status === 'final' && (
            <p class="detail-actions">
              <a class="button secondary" href={hrefFor({ name: 'contactLinkCase', id: contact.id })}>
                {t('cases.link.title')}
              </a>
            </p>
          )}
          {contact.repeat_caller && (
            <RepeatCallerBox
              codes={codes}
              count={contact.repeat_caller.earlier_contacts}
              flags={contact.repeat_caller.flags}
              flagging={
                mayFlagCallers(user) && contact.caller_identifier
                  ? {
                      api,
                      identifier: contact.caller_identifier,
                      onFlagsChanged: (flags) =>
                        setContact((c) => (c?.repeat_caller ? { ...c, repeat_caller: { ...c.repeat_caller, flags } } : c)),
                      onNotice: setNotice,
                    }
                  : undefined
              }
            />
          )}
          {contact.safety_plan_id !== undefined && (
            <p class={contact.category === 'crisis' ? 'safety-plan-link prominent' : 'safety-plan-link'}>
              <a href={hrefFor({ name: 'safetyPlan', id: contact.id })}>
                {contact.safety_plan_id === null ? t('safetyPlan.write') : t('safetyPlan.open')}
              </a>
            </p>
          )}
          <dl class="details">
            <dt>{t('contacts.started')}</dt>
            <dd>{formatDateTime(contact.started_at)}</dd>
            <dt>{t('hotline.kind')}</dt>
            <dd>{codeLabel(codes, 'contact_kind', contact.kind ?? 'data')}</dd>
            <dt>{t('contacts.channel')}</dt>
            <dd>{codeLabel(codes, 'channel', contact.channel)}</dd>
            <dt>{t('contacts.duration')}</dt>
            <dd>{t('contacts.minutes', { count: durationMinutes(contact.duration_s) })}</dd>
            {contact.kind === 'non_data' ? (
              <>
                <dt>{t('hotline.nonDataType')}</dt>
                <dd>{codeLabel(codes, 'non_data_type', contact.non_data_type ?? '')}</dd>
              </>
            ) : (
              <>
                {detailRow(t('hotline.category'), codeLabel(codes, 'category', contact.category ?? ''))}
                {detailRow(t('contacts.callerType'), codeLabel(codes, 'caller_type', contact.caller_type ?? ''))}
                {detailRow(t('contacts.language'), codeLabel(codes, 'language', contact.language ?? ''))}
                <dt>{t('contacts.anonymous')}</dt>
                <dd>{contact.anonymous ? t('contacts.yes') : t('contacts.no')}</dd>
                {detailRow(t('hotline.callerIdentifier'), contact.caller_identifier ?? '')}
                {detailRow(t('hotline.callerGender'), codeLabel(codes, 'gender', contact.caller_gender ?? ''))}
                {detailRow(t('hotline.callerAgeBand'), codeLabel(codes, 'age_band', contact.caller_age_band ?? ''))}
                {detailRow(t('hotline.callerCountry'), codeLabel(codes, 'country', contact.caller_country ?? ''))}
                {detailRow(t('hotline.callerRegion'), contact.caller_region ?? '')}
                {detailRow(
                  t('hotline.destinationCountry'),
                  codeLabel(codes, 'country', contact.destination_country ?? ''),
                )}
                {contact.imminent_danger && detailRow(t('hotline.imminentDanger'), t('contacts.yes'))}
                {detailRow(t('hotline.exploitation'), listText(codes, 'exploitation', contact.exploitation))}
                {detailRow(t('hotline.industry'), listText(codes, 'industry', contact.industry))}
                {detailRow(t('hotline.indicators'), listText(codes, 'indicator', contact.indicators))}
                {detailRow(t('hotline.assistance'), listText(codes, 'assistance', contact.assistance))}
                {detailRow(
                  t('hotline.referrals'),
                  (contact.referral_agency_ids ?? []).map((a) => agencies[a] ?? a).join(', '),
                )}
                {detailRow(t('hotline.outcome'), codeLabel(codes, 'outcome', contact.outcome ?? ''))}
                {contact.follow_up_needed &&
                  detailRow(
                    t('hotline.followUpDue'),
                    contact.follow_up_due ? formatDateTime(contact.follow_up_due) : '',
                  )}
              </>
            )}
            <dt>{t('detail.createdAt')}</dt>
            <dd>{formatDateTime(contact.created_at)}</dd>
            <dt>{t('screens.loggedBy')}</dt>
            <dd>{authorName(names, contact.created_by)}</dd>
            <dt>{t('detail.reference')}</dt>
            <dd class="mono">{contact.id}</dd>
          </dl>
          {contact.kind !== 'non_data' && (
            <>
              <h2>{t('detail.summary')}</h2>
              {contact.summary ? (
                <p class="summary">{contact.summary}</p>
              ) : (
                // The server leaves sealed text out for roles that may not read it.
                <p class="muted">
                  {can(user, 'contact.read_sealed') ? t('detail.noSummary') : t('screens.sealedSummary')}
                </p>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A term and its value; nothing when the value is empty. */
function detailRow(term: string, value: string) {
  if (value === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

function listText(codes: CodeLists, list: string, values: string[] | undefined): string {
  return (values ?? []).map((code) => codeLabel(codes, list, code)).join(', ');
}
