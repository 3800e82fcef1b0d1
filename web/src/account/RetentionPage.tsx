// The organisation's retention rules, for its administrators and data officers: how many days
// each kind of record is kept (empty: without limit) and what happens after, and how many records
// the rules would purge now. The purge itself runs on the server (its daily job, `strada purge`).
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import { useLoaded } from '../cases/useLoaded';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { TableRegion } from '../components/TableRegion';
import { useT } from '../i18n';
import {
  retentionActions,
  retentionApi,
  type RetentionAction,
  type RetentionKind,
  type RetentionRuleInput,
  type RetentionRules,
} from './api';

interface Draft {
  days: string;
  action: RetentionAction;
}

function draftsOf(rules: RetentionRules): Record<string, Draft> {
  const out: Record<string, Draft> = {};
  for (const kind of rules.kinds) {
    const rule = rules.items.find((r) => r.kind === kind);
    out[kind] = { days: rule ? String(rule.keep_days) : '', action: rule?.action ?? retentionActions(kind)[0] ?? 'delete' };
  }
  return out;
}

export function RetentionPage({ api }: { api: ApiClient }) {
  const t = useT();
  const rules = useLoaded(() => retentionApi.rules(api), []);
  const preview = useLoaded(() => retentionApi.preview(api), []);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (rules.value) setDrafts(draftsOf(rules.value));
  }, [rules.value]);

  const set = (kind: RetentionKind, change: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [kind]: { ...(d[kind] ?? { days: '', action: 'delete' }), ...change } }));

  async function save(e: Event) {
    e.preventDefault();
    if (busy || !rules.value) return;
    const out: RetentionRuleInput[] = [];
    for (const kind of rules.value.kinds) {
      const d = drafts[kind];
      if (!d || d.days.trim() === '') continue;
      out.push({ kind, keep_days: Number(d.days.trim()), action: d.action });
    }
    setBusy(true);
    setNotice(null);
    try {
      await retentionApi.save(api, out);
      setNotice({ kind: 'success', text: t('retention.saved') });
      rules.reload();
      preview.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="retention-page">
      <PageHeading title={t('retention.title')} />
      <p>{t('retention.intro')}</p>
      <StatusRegion notice={notice ?? rules.notice} />
      {rules.value && (
        <form onSubmit={(e) => void save(e)} noValidate>
          {rules.value.kinds.map((kind) => {
            const d = drafts[kind] ?? { days: '', action: 'delete' };
            const actions = retentionActions(kind);
            return (
              <fieldset key={kind}>
                <legend>{t(`retention.kinds.${kind}`)}</legend>
                <p class="muted">{t(`retention.hints.${kind}`)}</p>
                <div class="field">
                  <label for={`keep-${kind}`}>{t('retention.keepDays')}</label>
                  <input
                    id={`keep-${kind}`}
                    inputMode="numeric"
                    value={d.days}
                    placeholder={t('retention.unlimited')}
                    onInput={(e) => set(kind, { days: e.currentTarget.value })}
                  />
                </div>
                <div class="field">
                  <label for={`action-${kind}`}>{t('retention.action')}</label>
                  <select
                    id={`action-${kind}`}
                    value={d.action}
                    onChange={(e) => set(kind, { action: e.currentTarget.value as RetentionAction })}
                  >
                    {actions.map((a) => (
                      <option key={a} value={a}>
                        {t(`retention.actions.${a}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </fieldset>
            );
          })}
          <p class="muted">{t('retention.never')}</p>
          <button type="submit" class="primary" aria-disabled={busy}>
            {t('retention.save')}
          </button>
        </form>
      )}
      <h2>{t('retention.previewTitle')}</h2>
      <StatusRegion notice={preview.notice} />
      {preview.value &&
        (preview.value.items.length === 0 ? (
          <p>{t('retention.noRules')}</p>
        ) : (
          <TableRegion name={t('retention.previewTitle')}>
            <table>
              <caption class="visually-hidden">{t('retention.previewTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('retention.kind')}</th>
                  <th scope="col">{t('retention.keepDays')}</th>
                  <th scope="col">{t('retention.action')}</th>
                  <th scope="col">{t('retention.due')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.value.items.map((item) => (
                  <tr key={item.kind}>
                    <th scope="row">{t(`retention.kinds.${item.kind}`)}</th>
                    <td>{item.keep_days}</td>
                    <td>{t(`retention.actions.${item.action}`)}</td>
                    <td>{item.due}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ))}
    </div>
  );
}
