// Loads what a case screen shows, and says so while it loads or when it fails.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { failureText } from './errors';

export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]) {
  const t = useT();
  const [value, setValue] = useState<T | null>(null);
  const [notice, setNotice] = useState<Notice | null>({ kind: 'info', text: t('app.loading') });
  const [round, setRound] = useState(0);
  // The HTTP status of the last failed load (0 when it did not fail or did not reach the server).
  const [failedWith, setFailedWith] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (v) => {
        if (!current) return;
        setValue(v);
        setNotice(null);
        setFailedWith(0);
      },
      (error: unknown) => {
        if (!current) return;
        const status = error instanceof ApiError ? error.status : 0;
        setFailedWith(status);
        const text = failureText(t, error);
        if (text !== null) setNotice({ kind: 'error', text });
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);

  return { value, setValue, notice, setNotice, failedWith, reload: () => setRound((r) => r + 1) };
}
