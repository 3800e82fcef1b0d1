// The safety plan of a contact: written with the caller, sealed on the server, and printable on
// one clean page (print CSS hides everything but the plan).
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { User } from '../api/types';
import { getSafetyPlan, saveSafetyPlan, safetyPlanFields, type SafetyPlanInput } from '../contacts/api';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { BackLink, PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';
import { useRecord } from './useRecord';

const emptyPlan = (): SafetyPlanInput =>
  Object.fromEntries(safetyPlanFields.map((f) => [f, ''])) as SafetyPlanInput;

interface Props {
  api: ApiClient;
  contactId: string;
  /** The signed-in user: the printed plan names their organisation's hotline. */
  user: User;
}

export function SafetyPlanPage({ api, contactId, user }: Props) {
  const t = useT();
  const [plan, setPlan] = useState<SafetyPlanInput>(emptyPlan);
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [busy, setBusy] = useState(false);

  useRecord(() => getSafetyPlan(api, contactId), contactId, {
    loaded: (p) => {
      const { version: v, updated_at: at } = p;
      setPlan(Object.fromEntries(safetyPlanFields.map((f) => [f, p[f] ?? ''])) as SafetyPlanInput);
      setVersion(v);
      setUpdatedAt(at);
      setLoaded(true);
      setNotice(null);
    },
    failed: (error) => {
      if (error instanceof ApiError && error.status === 404) {
        setLoaded(true);
        setNotice({ kind: 'info', text: t('safetyPlan.none') });
      } else if (error instanceof ApiError && error.status === 403) {
        setNotice({ kind: 'error', text: t('safetyPlan.notAllowed') });
      } else {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    },
  });

  async function save(e: Event) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setNotice({ kind: 'info', text: t('log.saving') });
    try {
      const stored = await saveSafetyPlan(api, contactId, plan, version);
      setVersion(stored.version);
      setUpdatedAt(stored.updated_at);
      setNotice({ kind: 'success', text: t('safetyPlan.saved') });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setNotice({ kind: 'error', text: t('safetyPlan.conflict') });
      } else if (error instanceof ApiError && error.status === 400) {
        setNotice({ kind: 'error', text: error.message || errorMessage(t, error) });
        document.getElementById(`plan-${error.field}`)?.focus();
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page safety-plan">
      <BackLink to={{ name: 'contact', id: contactId }} label={t('safetyPlan.back')} noPrint />
      <PageHeading title={t('safetyPlan.title')} />
      <div class="no-print">
        <StatusRegion notice={notice} />
      </div>
      {loaded && (
        <>
          <form class="plan-form no-print" onSubmit={(e) => void save(e)} noValidate>
            {safetyPlanFields.map((field) => (
              <div class="field" key={field}>
                <label for={`plan-${field}`}>{t(`safetyPlan.fields.${field}`)}</label>
                {field === 'code_word' ? (
                  <input
                    id={`plan-${field}`}
                    type="text"
                    autocomplete="off"
                    value={plan[field]}
                    onInput={(e) => setPlan((p) => ({ ...p, [field]: e.currentTarget.value }))}
                  />
                ) : (
                  <textarea
                    id={`plan-${field}`}
                    rows={3}
                    value={plan[field]}
                    onInput={(e) => setPlan((p) => ({ ...p, [field]: e.currentTarget.value }))}
                  />
                )}
              </div>
            ))}
            <div class="actions">
              <button type="submit" class="primary" aria-disabled={busy}>
                {t('safetyPlan.save')}
              </button>
              <button type="button" class="secondary" onClick={() => window.print()} disabled={version === undefined}>
                {t('safetyPlan.print')}
              </button>
            </div>
          </form>
          {version !== undefined && (
            <article class="plan-print" aria-label={t('safetyPlan.printView')}>
              {/* Who to call back: the API has no hotline number yet, so the organisation's name. */}
              <p class="plan-hotline">{t('screens.hotlineOf', { organisation: user.organisation.name })}</p>
              <h2>{t('safetyPlan.title')}</h2>
              {updatedAt !== null && <p class="muted">{t('safetyPlan.updated', { when: formatDateTime(updatedAt) })}</p>}
              <dl>
                {safetyPlanFields
                  .filter((field) => plan[field].trim() !== '')
                  .map((field) => (
                    <div key={field} class="plan-item">
                      <dt>{t(`safetyPlan.fields.${field}`)}</dt>
                      <dd>{plan[field]}</dd>
                    </div>
                  ))}
              </dl>
            </article>
          )}
        </>
      )}
    </section>
  );
}
