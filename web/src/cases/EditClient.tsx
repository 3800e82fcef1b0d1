// Changing the person's details from their case: the client as stored (its version too), the
// registration form filled from it, saved with PUT; a stale version (409) offers to reload.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { getClient, updateClient, type Client } from './api';
import { formFromClient } from './clientForm';
import { RegisterClient } from './RegisterClient';
import { useLoaded } from './useLoaded';

interface Props {
  api: ApiClient;
  codes: CodeLists;
  clientId: string;
  onSaved: (c: Client) => void;
}

export function EditClient({ api, codes, clientId, onSaved }: Props) {
  const t = useT();
  const loaded = useLoaded(() => getClient(api, clientId), [clientId]);
  // Bumped on reload, so the form starts again from the stored client.
  const [round, setRound] = useState(0);
  const client = loaded.value;
  if (client === null) return <StatusRegion notice={loaded.notice} />;
  return (
    <RegisterClient
      key={`${client.version}-${round}`}
      codes={codes}
      initial={formFromClient(client)}
      submit={(input) => updateClient(api, clientId, { ...input, version: client.version })}
      submitLabel={t('cases.client.saveChange')}
      onSaved={onSaved}
      onReload={() => {
        loaded.reload();
        setRound((r) => r + 1);
      }}
    />
  );
}
