// A part of a case that is a list of entries added one by one (consents, services, notes): the
// list, loaded on its own (see useLoaded), and what follows a change to it.
import type { ApiClient } from '../api/client';
import { addEntry, listEntries } from './api';
import { useLoaded } from './useLoaded';

export function useEntries<T>(api: ApiClient, caseId: string, section: string, onChanged: () => void) {
  const loaded = useLoaded(() => listEntries<T>(api, caseId, section), [caseId]);
  /** After an entry is added or changed: the list is read again, and the case told (its timeline). */
  const changed = () => {
    loaded.reload();
    onChanged();
  };
  const add = async (body: unknown) => {
    await addEntry(api, caseId, section, body);
    changed();
  };
  return { ...loaded, items: loaded.value?.items ?? [], add, changed };
}
