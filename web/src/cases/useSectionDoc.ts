// A section of a case read and written whole (identification, needs, plan): loaded once, saved
// with the version it was loaded at (0 before anything was recorded). A stale save (409) says so
// and offers to reload.
import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import type { Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { getSection, putSection } from './api';
import { badField, failureText, isConflict } from './errors';
import type { FieldError } from './fields';

/** What a section of the case page is given: the case, whether the user may change it, and what to call after a change. */
export interface CaseSectionProps {
  api: ApiClient;
  codes: CodeLists;
  caseId: string;
  mayWrite: boolean;
  onChanged: () => void;
}

export function useSectionDoc<T extends { version?: number }>(api: ApiClient, caseId: string, section: string) {
  const t = useT();
  const [doc, setDoc] = useState<T | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    getSection<T>(api, caseId, section).then(
      (d) => {
        if (!current) return;
        setDoc(d);
        setLoaded(true);
      },
      (err: unknown) => {
        if (!current) return;
        const text = failureText(t, err);
        if (text !== null) setNotice({ kind: 'error', text });
      },
    );
    return () => {
      current = false;
    };
  }, [caseId, round]);

  /** PUTs `body` (with the loaded version); true when stored. */
  async function save(body: object, done: string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setConflict(false);
    setError(null);
    try {
      const stored = await putSection<T>(api, caseId, section, { ...body, version: doc?.version ?? 0 });
      setDoc(stored);
      setNotice({ kind: 'success', text: done });
      return true;
    } catch (err) {
      const text = failureText(t, err);
      setConflict(isConflict(err));
      const field = badField(err);
      if (field !== '') setError({ field, text: text ?? '' });
      if (text !== null) setNotice({ kind: 'error', text });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const reload = () => {
    setConflict(false);
    setNotice(null);
    setRound((r) => r + 1);
  };

  return { doc, setDoc, loaded, notice, setNotice, error, setError, conflict, busy, setBusy, save, reload };
}
