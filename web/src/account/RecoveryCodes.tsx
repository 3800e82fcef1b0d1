import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n';

/** Recovery codes, shown once: a list to write down or print, and how to keep them. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section class="recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title" ref={ref} tabIndex={-1}>
        {t('account.recovery.title')}
      </h2>
      <p>{t('account.recovery.explain')}</p>
      <ol class="code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p class="muted">{t('account.recovery.once')}</p>
      <button type="button" class="primary" onClick={onDone}>
        {t('account.recovery.stored')}
      </button>
    </section>
  );
}
