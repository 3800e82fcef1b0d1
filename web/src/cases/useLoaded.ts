// Loads what a case screen shows, and says so while it loads or when it fails.
import { useEffect, useState } from 'preact/hooks';
import type { Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { failureText } from './errors';

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]) {
  const t = useT();
  const [value, setValue] = useState<T | null>(null);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (v) => {
        if (!current) return;
        setValue(v);
        setNotice(null);
      },
      (error: unknown) => {
        if (!current) return;
        const text = failureText(t, error);
        if (text !== null) setNotice({ kind: 'error', text });
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);

  return { value, setValue, notice, setNotice, reload: () => setRound((r) => r + 1) };
}
