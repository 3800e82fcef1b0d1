// The network coordinator's screen at the hub: join requests waiting for approval, the active
// members (what the hub knows of each, and when it last heard from them), and revocation with a
// reason and a confirmation. Codes, countries and addresses of member organisations only: no
// person appears here.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { NetworkMember, NetworkMemberList } from '../../generated/schema';
import type { ApiClient } from '../api/client';
import { DataTable } from '../components/DataTable';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { failureText } from '../cases/errors';
import { useLoaded } from '../cases/useLoaded';
import { formatDateTime } from '../format';
import { useT } from '../i18n';

export function NetworkMembersPage({ api }: { api: ApiClient }) {
  const t = useT();
  const loaded = useLoaded(() => api.request<NetworkMemberList>('GET', '/api/v1/network/members'), []);
  const [busy, setBusy] = useState(false);
  const members = (loaded.value?.items ?? []).filter((m) => !m.is_hub);

  const act = async (code: string, action: 'approve' | 'revoke', body: object, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await api.request<NetworkMember>('POST', `/api/v1/network/members/${encodeURIComponent(code)}/${action}`, { body });
      // Read the list again here rather than through reload(): a reload clears the notice when
      // it lands, which could be after the one below.
      loaded.setValue(await api.request<NetworkMemberList>('GET', '/api/v1/network/members'));
      loaded.setNotice({ kind: 'success', text: t(done, { code }) });
    } catch (error) {
      const text = failureText(t, error);
      if (text !== null) loaded.setNotice({ kind: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  const pending = members.filter((m) => m.status === 'pending');
  const active = members.filter((m) => m.status === 'active');
  const revoked = members.filter((m) => m.status === 'revoked');
  return (
    <section>
      <PageHeading title={t('network.members.title')} />
      <StatusRegion notice={loaded.notice} />
      <MemberSection
        id="network-pending"
        title={t('network.members.pending')}
        none={loaded.value !== null ? t('network.members.nonePending') : null}
        rows={pending}
        action={(m) => (
          <button type="button" aria-disabled={busy} onClick={() => void act(m.code, 'approve', {}, 'network.members.approved')}>
            {t('network.members.approve', { code: m.code })}
          </button>
        )}
      />
      <MemberSection
        id="network-active"
        title={t('network.members.active')}
        none={loaded.value !== null ? t('network.members.noneActive') : null}
        rows={active}
        action={(m) => <RevokeControl member={m} busy={busy} onRevoke={(reason) => act(m.code, 'revoke', { reason }, 'network.members.revoked')} />}
      />
      {revoked.length > 0 && (
        <MemberSection id="network-revoked" title={t('network.members.revokedTitle')} none={null} rows={revoked} action={(m) => m.revoke_reason} />
      )}
      <OverdueReferrals api={api} />
    </section>
  );
}

interface MemberSectionProps {
  id: string;
  title: string;
  /** What to say when there are no rows (null while loading). */
  none: string | null;
  rows: NetworkMember[];
  action: (m: NetworkMember) => ComponentChildren;
}

/** A heading and its members, or a sentence when there are none. */
function MemberSection({ id, title, none, rows, action }: MemberSectionProps) {
  return (
    <>
      <h2 id={id}>{title}</h2>
      {none !== null && rows.length === 0 ? <p>{none}</p> : <MemberTable name={title} labelledBy={id} rows={rows} action={action} />}
    </>
  );
}

interface MemberTableProps {
  name: string;
  labelledBy: string;
  rows: NetworkMember[];
  action: (m: NetworkMember) => ComponentChildren;
}

function MemberTable({ name, labelledBy, rows, action }: MemberTableProps) {
  const t = useT();
  return (
    <DataTable
      name={name}
      labelledBy={labelledBy}
      rows={rows}
      rowKey={(m) => m.code}
      columns={[
        { header: t('network.members.code'), cell: (m) => <span class="mono">{m.code}</span> },
        { header: t('network.members.name'), cell: (m) => m.name },
        { header: t('network.members.country'), cell: (m) => m.country },
        { header: t('network.members.url'), cell: (m) => <span class="mono">{m.url}</span> },
        { header: t('network.members.keyId'), cell: (m) => <span class="mono">{m.key_id}</span> },
        {
          header: t('network.members.lastSeen'),
          cell: (m) => (m.last_message_at ? formatDateTime(m.last_message_at) : t('network.members.never')),
        },
        { header: t('network.members.action'), cell: action },
      ]}
    />
  );
}

/** Revoke: a reason, then a confirmation; revoking cannot be undone from this screen. */
function RevokeControl({ member, busy, onRevoke }: { member: NetworkMember; busy: boolean; onRevoke: (reason: string) => Promise<void> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  if (!open) {
    return (
      <button type="button" class="secondary" onClick={() => setOpen(true)}>
        {t('network.members.revoke', { code: member.code })}
      </button>
    );
  }
  const id = `revoke-reason-${member.code}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') {
          setMissing(true);
          return;
        }
        if (busy || !window.confirm(t('network.members.confirmRevoke', { code: member.code }))) return;
        void onRevoke(reason.trim());
      }}
    >
      <label for={id}>{t('network.members.reason')}</label>
      <input id={id} value={reason} maxLength={500} aria-invalid={missing} onInput={(e) => setReason(e.currentTarget.value)} />
      {missing && <p class="field-error">{t('network.members.needReason')}</p>}
      <button type="submit" aria-disabled={busy}>
        {t('network.members.confirm')}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setOpen(false)}>
        {t('network.members.cancel')}
      </button>
    </form>
  );
}

interface Escalation {
  referral_id: string;
  sender: string;
  receiver: string;
  answer_by: string | null;
  escalated_at: string | null;
}

/** Referrals a member escalated as unanswered past their deadline: routing metadata only. */
function OverdueReferrals({ api }: { api: ApiClient }) {
  const t = useT();
  const loaded = useLoaded(() => api.request<{ items: Escalation[] }>('GET', '/api/v1/network/referrals/overdue'), []);
  const rows = loaded.value?.items ?? [];
  return (
    <>
      <h2 id="network-overdue">{t('referrals.overdue.title')}</h2>
      <p class="muted">{t('referrals.overdue.intro')}</p>
      {loaded.value !== null && rows.length === 0 ? (
        <p>{t('referrals.overdue.none')}</p>
      ) : (
        <DataTable
          name={t('referrals.overdue.title')}
          labelledBy="network-overdue"
          rows={rows}
          rowKey={(e) => e.referral_id}
          columns={[
            { header: t('referrals.overdue.sender'), cell: (e) => <span class="mono">{e.sender}</span> },
            { header: t('referrals.overdue.receiver'), cell: (e) => <span class="mono">{e.receiver}</span> },
            { header: t('referrals.answerBy'), cell: (e) => (e.answer_by ? formatDateTime(e.answer_by) : '') },
            { header: t('referrals.overdue.escalatedAt'), cell: (e) => (e.escalated_at ? formatDateTime(e.escalated_at) : '') },
            { header: t('referrals.overdue.id'), cell: (e) => <span class="mono">{e.referral_id}</span> },
          ]}
        />
      )}
    </>
  );
}
