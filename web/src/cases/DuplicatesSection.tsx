// The possible duplicate clients waiting for a supervisor (on the approvals screen): each pair by
// client code only, why it was flagged, and three answers: keep one or the other (merge), or
// "not the same person" (dismiss). A merge keeps both records; the server refuses it while both
// have an open case and says to close one first.
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { openDuplicateFlags, refName, resolveDuplicateFlag, type DuplicateFlag } from './api';
import { lists } from './lists';
import { useCaseForm } from './useCaseForm';
import { useLoaded } from './useLoaded';

export function DuplicatesSection({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const flags = useLoaded(() => openDuplicateFlags(api), []);
  const form = useCaseForm('duplicate', {});
  const items = flags.value?.items ?? [];

  function resolve(flag: DuplicateFlag, survivor: DuplicateFlag['client_a'] | null) {
    const other = survivor === null ? null : survivor.id === flag.client_a.id ? flag.client_b : flag.client_a;
    void form.send(async () => {
      await resolveDuplicateFlag(api, flag.id, survivor?.id ?? null);
      flags.reload();
    }, {
      done:
        survivor === null || other === null
          ? t('cases.duplicates.dismissed', { a: flag.client_a.client_code, b: flag.client_b.client_code })
          : t('cases.duplicates.merged', { merged: other.client_code, survivor: survivor.client_code }),
    });
  }

  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('cases.duplicates.title')}</h2>
      <p class="hint">{t('cases.duplicates.intro')}</p>
      <StatusRegion notice={form.notice ?? flags.notice} />
      {flags.value !== null && items.length === 0 && <p>{t('cases.duplicates.none')}</p>}
      <ul class="case-entries" aria-labelledby="duplicates-title">
        {items.map((f) => (
          <li key={f.id}>
            <p>
              {t('cases.duplicates.pair', { a: f.client_a.client_code, b: f.client_b.client_code })} ·{' '}
              {codeLabel(codes, lists.duplicateReason, f.reason)} ·{' '}
              {t('cases.duplicates.flagged', { name: refName(f.flagged_by), at: formatDateTime(f.flagged_at) })}
            </p>
            {[f.client_a, f.client_b].map((keep) => (
              <button key={keep.id} type="button" onClick={() => resolve(f, keep)} aria-disabled={form.busy}>
                {t('cases.duplicates.keep', { code: keep.client_code })}
              </button>
            ))}{' '}
            <button type="button" class="secondary" onClick={() => resolve(f, null)} aria-disabled={form.busy}>
              {t('cases.duplicates.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
