// The person's consents: what they agreed to, how and when, and withdrawals (effective at once).
import { codeLabel } from '../codes/labels';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { withdrawConsent, type Consent, type ConsentInput } from './api';
import { CodeChoice, Section, TextInput } from './fields';
import { lists } from './lists';
import { today } from './OpenCase';
import { useCaseForm } from './useCaseForm';
import { useEntries } from './useEntries';
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
  const loaded = useEntries<Consent>(api, caseId, 'consents', onChanged);
  const form = useCaseForm('consent', blank, (field) => field.replace(/^share_with\.kind$/, 'share_kind'));

  function withdraw(consentId: string) {
    void form.send(async () => {
      await withdrawConsent(api, caseId, consentId);
      loaded.changed();
    }, { done: t('cases.consents.withdrawn') });
  }

  async function record() {
    const checked = consentBody(form.values);
    if (!checked.ok) {
      form.invalid(checked.field, t(checked.key));
      return;
    }
    if (await form.send(() => loaded.add(checked.body), { done: t('cases.consents.recorded') })) form.setValues(blank());
  }

  const items = loaded.items;
  return (
    <Section id="case-consents" title={t('cases.consents.title')}>
      <StatusRegion notice={loaded.notice ?? form.notice} />
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
                    if (!form.busy) withdraw(c.id);
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
        <form onSubmit={form.onSubmit(() => void record())} noValidate aria-label={t('cases.consents.add')}>
          <div class="grid">
            <CodeChoice {...form.bind('kind', t('cases.consents.kind'))} codes={codes} list={lists.consentKind} />
            {form.values.kind === 'share' && (
              <CodeChoice {...form.bind('share_kind', t('cases.consents.shareWith'))} codes={codes} list={lists.shareKind} />
            )}
            <CodeChoice {...form.bind('given_as', t('cases.consents.givenAs'))} codes={codes} list={lists.consentGiven} />
            <TextInput {...form.bind('given_on', t('cases.consents.givenOn'))} kind="date" />
            <TextInput {...form.bind('expires_on', t('cases.consents.expiresOn'))} kind="date" />
          </div>
          <TextInput {...form.bind('scope', t('cases.consents.scope'))} />
          <button type="submit" class="secondary" aria-disabled={form.busy}>
            {t('cases.consents.add')}
          </button>
        </form>
      )}
    </Section>
  );
}
