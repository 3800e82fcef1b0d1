// Referrals between members: the inbox (incoming) and the referrals this member sent (outgoing),
// each with its flags (overdue, consent withdrawn — action required, unreadable); and one
// referral: what travelled (opened for this reader, audited by the server), its history, and what
// can be done next: accept (opens a case of this member's own, pre-filled), decline with a
// reason, send feedback, acknowledge a withdrawal of consent, or tell the receiver the person
// withdrew their consent.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { DataTable } from '../components/DataTable';
import { BackLink, PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { failureText } from '../cases/errors';
import { Section } from '../cases/fields';
import { useLoaded } from '../cases/useLoaded';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import type { NetworkReferral } from '../../generated/schema';
import { listReferrals, referralFields, referralFlag } from './referrals';

type Direction = 'incoming' | 'outgoing';

function memberText(r: NetworkReferral): string {
  return `${r.peer.name || r.peer.code} (${r.peer.code}, ${r.peer.country})`;
}

function FlagText({ r }: { r: NetworkReferral }) {
  const t = useT();
  const flag = referralFlag(r);
  return flag === null ? null : <strong class="flag">{t(`referrals.flags.${flag}`)}</strong>;
}

export function ReferralsPage({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  return (
    <section>
      <PageHeading title={t('referrals.title')} />
      <p class="muted">{t('referrals.intro')}</p>
      <ReferralTable api={api} codes={codes} direction="incoming" />
      <ReferralTable api={api} codes={codes} direction="outgoing" />
    </section>
  );
}

function ReferralTable({ api, codes, direction }: { api: ApiClient; codes: CodeLists; direction: Direction }) {
  const t = useT();
  const loaded = useLoaded(() => listReferrals(api, direction), [direction]);
  const rows = loaded.value?.items ?? [];
  const id = `referrals-${direction}`;
  return (
    <>
      <h2 id={id}>{t(`referrals.${direction}`)}</h2>
      <StatusRegion notice={loaded.notice} />
      {loaded.value !== null && rows.length === 0 ? (
        <p>{t(`referrals.none.${direction}`)}</p>
      ) : (
        <DataTable
          name={t(`referrals.${direction}`)}
          labelledBy={id}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t(direction === 'incoming' ? 'referrals.from' : 'referrals.to'),
              cell: (r) => (
                <a href={hrefFor({ name: 'referral', id: r.id })} aria-label={t('referrals.openOne', { member: memberText(r), at: r.created_at ? formatDateTime(r.created_at) : '' })}>
                  {memberText(r)}
                </a>
              ),
            },
            { header: t('referrals.services'), cell: (r) => r.services.map((s) => codeLabel(codes, 'referral_service', s)).join(', ') },
            { header: t('referrals.urgency'), cell: (r) => codeLabel(codes, 'referral_urgency', r.urgency) },
            { header: t('referrals.status'), cell: (r) => t(`referrals.statuses.${r.status}`) },
            { header: t('referrals.answerBy'), cell: (r) => (r.answer_by ? formatDateTime(r.answer_by) : '') },
            { header: t('referrals.flag'), cell: (r) => <FlagText r={r} /> },
          ]}
        />
      )}
    </>
  );
}

export function ReferralView({ api, codes, id }: { api: ApiClient; codes: CodeLists; id: string }) {
  const t = useT();
  const loaded = useLoaded(() => api.request<NetworkReferral>('GET', `/api/v1/referrals/${encodeURIComponent(id)}`), [id]);
  const [busy, setBusy] = useState(false);
  const r = loaded.value;

  /** Runs an action on the referral; says `done` after, or what went wrong. */
  const act = async (action: string, body: object, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    try {
      const changed = await api.request<NetworkReferral>('POST', `/api/v1/referrals/${encodeURIComponent(id)}/${action}`, { body });
      // The answer to a change carries no packet: keep the one already opened.
      loaded.setValue({ ...changed, packet: r?.packet ?? null });
      loaded.setNotice({ kind: 'success', text: done });
      return true;
    } catch (error) {
      const text = failureText(t, error);
      if (text !== null) loaded.setNotice({ kind: 'error', text });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const incoming = r?.direction === 'incoming';
  const title = r === null ? t('referrals.title') : t(incoming ? 'referrals.detail.titleFrom' : 'referrals.detail.titleTo', { member: memberText(r) });
  return (
    <section>
      <BackLink to={{ name: 'referrals' }} label={t('referrals.back')} />
      <PageHeading title={title} />
      <StatusRegion notice={loaded.notice} />
      {r !== null && (
        <>
          <FlagText r={r} />
          <dl class="record-fields">
            <dt>{t('referrals.status')}</dt>
            <dd>{t(`referrals.statuses.${r.status}`)}</dd>
            <dt>{t('referrals.services')}</dt>
            <dd>{r.services.map((s) => codeLabel(codes, 'referral_service', s)).join(', ')}</dd>
            <dt>{t('referrals.urgency')}</dt>
            <dd>{codeLabel(codes, 'referral_urgency', r.urgency)}</dd>
            <dt>{t('referrals.answerBy')}</dt>
            <dd>{r.answer_by ? formatDateTime(r.answer_by) : ''}</dd>
            <dt>{t('referrals.detail.travelled')}</dt>
            <dd>{r.fields.map((f) => t(`referrals.fields.${f}`)).join(', ')}</dd>
            {r.case_id !== null && (
              <>
                <dt>{t('referrals.detail.case')}</dt>
                <dd>
                  <a href={hrefFor({ name: 'case', id: r.case_id })}>{t('referrals.detail.openCase')}</a>
                </dd>
              </>
            )}
          </dl>
          {r.packet && <Packet codes={codes} packet={r.packet} />}
          {incoming && r.status === 'received' && <AnswerActions busy={busy} act={act} />}
          {incoming && r.status === 'accepted' && <FeedbackForm codes={codes} busy={busy} act={act} />}
          {incoming && r.action_required && <AcknowledgeForm busy={busy} act={act} />}
          {!incoming && (r.status === 'sent' || r.status === 'accepted') && r.consent_withdrawn_at === null && (
            <Section id="referral-withdraw" title={t('referrals.detail.withdrawTitle')}>
              <p>{t('referrals.detail.withdrawIntro')}</p>
              <button
                type="button"
                class="secondary"
                aria-disabled={busy}
                onClick={() => {
                  if (window.confirm(t('referrals.detail.withdrawConfirm'))) void act('consent-withdrawn', {}, t('referrals.detail.withdrawDone'));
                }}
              >
                {t('referrals.detail.withdraw')}
              </button>
            </Section>
          )}
          <History r={r} codes={codes} />
        </>
      )}
    </section>
  );
}

function Packet({ codes, packet }: { codes: CodeLists; packet: NonNullable<NetworkReferral['packet']> }) {
  const t = useT();
  const fields = (packet.fields ?? {}) as Record<string, unknown>;
  const text = (field: string, value: unknown): string => {
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (typeof value !== 'string') return '';
    if (field === 'gender' || field === 'age_band') return codeLabel(codes, field, value);
    return value;
  };
  return (
    <Section id="referral-packet" title={t('referrals.detail.packet')}>
      <dl class="record-fields">
        {referralFields
          .filter((f) => f in fields)
          .map((f) => (
            <div key={f}>
              <dt>{t(`referrals.fields.${f}`)}</dt>
              <dd>{text(f, fields[f])}</dd>
            </div>
          ))}
        {typeof packet.note === 'string' && packet.note !== '' && (
          <div>
            <dt>{t('referrals.form.note')}</dt>
            <dd>{packet.note}</dd>
          </div>
        )}
        {packet.partner?.name !== undefined && (
          <div>
            <dt>{t('referrals.detail.forPartner')}</dt>
            <dd>
              {packet.partner.name} ({codeLabel(codes, 'country', packet.partner.country ?? '')})
            </dd>
          </div>
        )}
      </dl>
    </Section>
  );
}

type Act = (action: string, body: object, done: string) => Promise<boolean>;

function AnswerActions({ busy, act }: { busy: boolean; act: Act }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Section id="referral-answer" title={t('referrals.detail.answerTitle')}>
      <p>{t('referrals.detail.acceptIntro')}</p>
      <button type="button" aria-disabled={busy} onClick={() => void act('accept', {}, t('referrals.detail.accepted'))}>
        {t('referrals.detail.accept')}
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim() === '') return setMissing(true);
          void act('decline', { reason: reason.trim() }, t('referrals.detail.declined'));
        }}
        noValidate
      >
        <label for="referral-decline-reason">{t('referrals.detail.declineReason')}</label>
        <textarea
          id="referral-decline-reason"
          value={reason}
          maxLength={1000}
          rows={3}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? 'referral-decline-reason-error' : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        {missing && (
          <p id="referral-decline-reason-error" class="field-error">
            {t('referrals.detail.needReason')}
          </p>
        )}
        <button type="submit" class="secondary" aria-disabled={busy}>
          {t('referrals.detail.decline')}
        </button>
      </form>
    </Section>
  );
}

function FeedbackForm({ codes, busy, act }: { codes: CodeLists; busy: boolean; act: Act }) {
  const t = useT();
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const kinds = codes.lists['referral_feedback'] ?? [];
  return (
    <Section id="referral-feedback" title={t('referrals.detail.feedbackTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (kind === '') return setMissing(true);
          void act('feedback', { kind, ...(note.trim() !== '' ? { note: note.trim() } : {}) }, t('referrals.detail.feedbackSent')).then((ok) => {
            if (ok) {
              setKind('');
              setNote('');
            }
          });
        }}
        noValidate
      >
        <label for="referral-feedback-kind">{t('referrals.detail.feedbackKind')}</label>
        <select
          id="referral-feedback-kind"
          value={kind}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? 'referral-feedback-kind-error' : undefined}
          onChange={(e) => setKind(e.currentTarget.value)}
        >
          <option value="">{t('log.choose')}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {codeLabel(codes, 'referral_feedback', k)}
            </option>
          ))}
        </select>
        {missing && (
          <p id="referral-feedback-kind-error" class="field-error">
            {t('referrals.detail.needKind')}
          </p>
        )}
        <label for="referral-feedback-note">{t('referrals.detail.feedbackNote')}</label>
        <textarea id="referral-feedback-note" value={note} maxLength={2000} rows={3} onInput={(e) => setNote(e.currentTarget.value)} />
        <button type="submit" aria-disabled={busy}>
          {t('referrals.detail.sendFeedback')}
        </button>
      </form>
    </Section>
  );
}

function AcknowledgeForm({ busy, act }: { busy: boolean; act: Act }) {
  const t = useT();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <Section id="referral-acknowledge" title={t('referrals.detail.ackTitle')}>
      <p>{t('referrals.detail.ackIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() === '') return setMissing(true);
          void act('acknowledge-withdrawal', { what_was_done: text.trim() }, t('referrals.detail.acknowledged'));
        }}
        noValidate
      >
        <label for="referral-ack-text">{t('referrals.detail.ackWhat')}</label>
        <textarea
          id="referral-ack-text"
          value={text}
          maxLength={1000}
          rows={3}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? 'referral-ack-text-error' : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        {missing && (
          <p id="referral-ack-text-error" class="field-error">
            {t('referrals.detail.needWhat')}
          </p>
        )}
        <button type="submit" aria-disabled={busy}>
          {t('referrals.detail.acknowledge')}
        </button>
      </form>
    </Section>
  );
}

function History({ r, codes }: { r: NetworkReferral; codes: CodeLists }) {
  const t = useT();
  const events = r.events ?? [];
  const label = (kind: string) => ((codes.lists['referral_feedback'] ?? []).includes(kind) ? codeLabel(codes, 'referral_feedback', kind) : t(`referrals.events.${kind}`));
  return (
    <Section id="referral-history" title={t('referrals.detail.history')}>
      <ul class="case-entries">
        {events.map((e, i) => (
          <li key={i}>
            <span class="nowrap">{formatDateTime(e.at)}</span> · {label(e.kind)}
            {e.by ? ` · ${e.by.name ?? ''}` : e.by_member ? ` · ${e.by_member}` : ''}
            {e.note && <div>{e.note}</div>}
          </li>
        ))}
      </ul>
    </Section>
  );
}
