// The person's consents: what they agreed to, how and when, and withdrawals (effective at once).
import { useState } from 'preact/hooks';
import { codeLabel } from '../codes/labels';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { addEntry, listEntries, withdrawConsent, type Consent, type ConsentInput } from './api';
import { badField, failureText } from './errors';
import { CodeChoice, Section, TextInput, type FieldError } from './fields';
import { lists } from './lists';
import { today } from './OpenCase';
import { useLoaded } from './useLoaded';
import type { CaseSectionProps } from './useSectionDoc';


interface ConsentForm {
  kind: string;
  share_kind: string;
  given_as: string;
  given_on: string;
  scope: string;
  expires_on: string;
}

const blank = (): ConsentForm => ({ kind: '', share_kind: '', given_as: '', given_on: today(), scope: '', expires_on: '' });

/** The body of POST /consents, or the field to fill in first. */
export function consentBody(f: ConsentForm): { ok: true; body: ConsentInput } | { ok: false; field: string; key: string } {
  if (f.kind === '') return { ok: false, field: 'kind', key: 'cases.consents.needKind' };
  if (f.kind === 'share' && f.share_kind === '') return { ok: false, field: 'share_kind', key: 'cases.consents.needShare' };
  if (f.given_as === '') return { ok: false, field: 'given_as', key: 'cases.consents.needGivenAs' };
  return {
    ok: true,
    body: {
      kind: f.kind,
      share_with: f.kind === 'share' ? { kind: f.share_kind } : null,
      given_as: f.given_as,
      given_on: f.given_on,
      scope: f.scope.trim(),
      expires_on: f.expires_on === '' ? null : f.expires_on,
    },
  };
}

export function ConsentsSection({ api, codes, caseId, mayWrite, onChanged }: CaseSectionProps) {
  const t = useT();
  const loaded = useLoaded(() => listEntries<Consent>(api, caseId, 'consents'), [caseId]);
  const [form, setForm] = useState<ConsentForm>(blank);
  const [error, setError] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof ConsentForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      setNotice({ kind: 'success', text: done });
      loaded.reload();
      onChanged();
      return true;
    } catch (err) {
      const text = failureText(t, err);
      const field = badField(err).replace(/^share_with\.kind$/, 'share_kind');
      if (field !== '') setError({ field, text: text ?? '' });
      if (text !== null) setNotice({ kind: 'error', text });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function record(e: Event) {
    e.preventDefault();
    if (busy) return;
    const checked = consentBody(form);
    if (!checked.ok) {
      setError({ field: checked.field, text: t(checked.key) });
      setNotice({ kind: 'error', text: t(checked.key) });
      document.getElementById(`consent-${checked.field}`)?.focus();
      return;
    }
    setError(null);
    if (await act(() => addEntry(api, caseId, 'consents', checked.body), t('cases.consents.recorded'))) setForm(blank());
  }

  const items = loaded.value?.items ?? [];
  return (
    <Section id="case-consents" title={t('cases.consents.title')}>
      <StatusRegion notice={loaded.notice ?? notice} />
      {loaded.value !== null && items.length === 0 && <p class="muted">{t('cases.consents.none')}</p>}
      {items.length > 0 && (
        <ul class="case-entries">
          {items.map((c) => (
            <li key={c.id}>
              <strong>{codeLabel(codes, lists.consentKind, c.kind)}</strong>
              {c.share_with?.kind ? ` (${codeLabel(codes, lists.shareKind, c.share_with.kind)})` : ''} ·{' '}
              {codeLabel(codes, lists.consentGiven, c.given_as)} · {c.given_on}
              {c.expires_on ? ` · ${t('cases.consents.expires', { date: c.expires_on })}` : ''} ·{' '}
              {c.state === 'withdrawn'
                ? t('cases.consents.withdrawnOn', { date: c.withdrawn_on ?? '' })
                : t(`cases.consents.state.${c.state}`)}
              {c.scope !== '' && <span class="muted"> · {c.scope}</span>}{' '}
              {mayWrite && c.state === 'active' && (
                <button
                  type="button"
                  class="link-button"
                  aria-label={t('cases.consents.withdrawNamed', { kind: codeLabel(codes, lists.consentKind, c.kind) })}
                  onClick={() => {
                    if (!busy) void act(() => withdrawConsent(api, caseId, c.id), t('cases.consents.withdrawn'));
                  }}
                >
                  {t('cases.consents.withdraw')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {mayWrite && loaded.failedWith !== 404 && (
        <form onSubmit={(e) => void record(e)} noValidate aria-label={t('cases.consents.add')}>
          <div class="grid">
            <CodeChoice id="consent-kind" name="kind" label={t('cases.consents.kind')} codes={codes} list={lists.consentKind} value={form.kind} error={error} onValue={set('kind')} />
            {form.kind === 'share' && (
              <CodeChoice id="consent-share_kind" name="share_kind" label={t('cases.consents.shareWith')} codes={codes} list={lists.shareKind} value={form.share_kind} error={error} onValue={set('share_kind')} />
            )}
            <CodeChoice id="consent-given_as" name="given_as" label={t('cases.consents.givenAs')} codes={codes} list={lists.consentGiven} value={form.given_as} error={error} onValue={set('given_as')} />
            <TextInput id="consent-given_on" name="given_on" kind="date" label={t('cases.consents.givenOn')} value={form.given_on} error={error} onValue={set('given_on')} />
            <TextInput id="consent-expires_on" name="expires_on" kind="date" label={t('cases.consents.expiresOn')} value={form.expires_on} error={error} onValue={set('expires_on')} />
          </div>
          <TextInput id="consent-scope" name="scope" label={t('cases.consents.scope')} value={form.scope} error={error} onValue={set('scope')} />
          <button type="submit" class="secondary" aria-disabled={busy}>
            {t('cases.consents.add')}
          </button>
        </form>
      )}
    </Section>
  );
}
