// The autosave of the hotline form as a Preact hook: the DraftAutosave of the call (which
// outlives the screen: a save on its way or due still happens, on the same draft, when the
// consultant opens another page), its state for the call bar, and the draft the form is tied to.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { createContact, updateContact } from './api';
import { DraftAutosave, type AutosaveState, type DraftPayload, type DraftRef } from './draftAutosave';

/** A new autosave for a call in the form, on no draft yet. */
export function newAutosave(api: ApiClient): DraftAutosave {
  return new DraftAutosave({
    requests: {
      create: (p) => createContact(api, p),
      update: (id, p, version) => updateContact(api, id, p, version),
      get: (id) => api.getContact(id),
    },
    payload: () => ({ ok: false, messageKey: 'app.loading' }),
    onState: () => undefined,
  });
}

/** `autosave` bound to this screen: `payload` is read when a save starts. */
export function useDraftAutosave(autosave: DraftAutosave, payload: DraftPayload) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const [draft, setDraft] = useState<DraftRef>(autosave.draft);
  autosave.bind(payload, (s, ref) => {
    setState(s);
    setDraft(ref);
  });
  return { autosave, state, draft };
}
