// The autosave of the hotline form as a Preact hook: one DraftAutosave per screen, its state
// for the call bar, and the draft the form is tied to.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { createContact, updateContact } from './api';
import { DraftAutosave, type AutosaveState, type DraftPayload, type DraftRef } from './draftAutosave';

interface Options {
  api: ApiClient;
  initial: DraftRef;
  /** The draft payload of the form as it is when the save starts. */
  payload: DraftPayload;
  /** Told of every draft the form gets tied to (also after the screen has closed). */
  onDraft: (ref: DraftRef) => void;
}

export function useDraftAutosave({ api, initial, payload, onDraft }: Options) {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const [draft, setDraft] = useState<DraftRef>(initial);
  const latest = useRef({ payload, onDraft });
  latest.current = { payload, onDraft };
  const saver = useRef<DraftAutosave | null>(null);
  saver.current ??= new DraftAutosave({
    initial,
    requests: {
      create: (p) => createContact(api, p),
      update: (id, p, version) => updateContact(api, id, p, version),
      get: (id) => api.getContact(id),
    },
    payload: () => latest.current.payload(),
    onState: (s, ref) => {
      setState(s);
      setDraft(ref);
      latest.current.onDraft(ref);
    },
  });
  const autosave = saver.current;
  useEffect(() => () => void autosave.dispose(), []);
  return { autosave, state, draft };
}
