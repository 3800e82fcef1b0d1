// What happened in the case, in time order: status changes, consents, notes, linked contacts.
// The server gives codes only here, never sealed text.
import type { TFunction } from 'i18next';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import type { TimelineEntry } from './api';
import { Section } from './fields';
import { lists } from './lists';
import { useLoaded } from './useLoaded';

/** The entry's summary in words: a status or consent code by its label, else as it came. */
export function timelineSummary(t: TFunction, codes: CodeLists, entry: TimelineEntry): string {
  if (entry.kind === 'status_change') return codeLabel(codes, lists.caseStatus, entry.summary);
  if (entry.kind === 'consent' || entry.kind === 'consent_withdrawal') {
    return codeLabel(codes, lists.consentKind, entry.summary);
  }
  if (entry.kind === 'closure_request') return codeLabel(codes, lists.closureReason, entry.summary);
  if (entry.kind === 'service') return codeLabel(codes, lists.serviceType, entry.summary);
  if (entry.kind === 'proceeding') return codeLabel(codes, lists.proceedingKind, entry.summary);
  if (entry.kind === 'hearing') return codeLabel(codes, lists.hearingKind, entry.summary);
  if (entry.kind === 'network_referral_feedback') return codeLabel(codes, 'referral_feedback', entry.summary);
  if (entry.kind.startsWith('referral')) return entry.summary === 'agency' ? t('cases.referrals.otherAgency') : codeLabel(codes, lists.shareKind, entry.summary);
  if (entry.kind === 'identification') return codeLabel(codes, lists.traffickingStatus, entry.summary);
  if (entry.kind.startsWith('plan_')) return t(`cases.view.planStatus.${entry.summary}`);
  return entry.summary;
}

export function TimelineSection({ api, codes, caseId, round }: { api: ApiClient; codes: CodeLists; caseId: string; round: number }) {
  const t = useT();
  const loaded = useLoaded(
    () => api.request<{ entries: TimelineEntry[] }>('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/timeline`),
    [caseId, round],
  );
  const entries = loaded.value?.entries ?? [];
  return (
    <Section id="case-timeline" title={t('cases.timeline.title')}>
      <StatusRegion notice={loaded.notice} />
      <ol class="case-timeline">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <span class="nowrap">{formatDateTime(e.at)}</span> · {t(`cases.timeline.kinds.${e.kind}`, { name: e.by.name })}
            {e.summary !== '' && <>: {timelineSummary(t, codes, e)}</>} <span class="muted">· {e.by.name}</span>
          </li>
        ))}
      </ol>
    </Section>
  );
}
