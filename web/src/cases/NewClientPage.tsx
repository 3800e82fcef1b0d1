// A new client, in three steps on one page: search first (so nobody is registered twice), then
// register the person, then open their case. An existing client without a case goes straight to
// the third step; one with a case opens it.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { CodeLists } from '../api/types';
import { BackLink, PageHeading } from '../components/PageHeading';
import { StatusRegion } from '../components/StatusRegion';
import { useT } from '../i18n';
import { hrefFor, navigate } from '../router';
import { createClient, type SearchQuery } from './api';
import { ClientSearch } from './ClientSearch';
import { formFromSearch } from './clientForm';
import { OpenCase } from './OpenCase';
import { RegisterClient } from './RegisterClient';
import './cases.css';

type Step =
  | { name: 'search' }
  | { name: 'register'; query: SearchQuery }
  | { name: 'open'; clientId: string; clientCode: string; duplicates: number };

export function NewClientPage({ api, codes }: { api: ApiClient; codes: CodeLists }) {
  const t = useT();
  const [step, setStep] = useState<Step>({ name: 'search' });
  const focusStep = () => window.setTimeout(() => document.getElementById('new-client-step')?.focus(), 0);
  const go = (next: Step) => {
    setStep(next);
    focusStep();
  };
  const stepNumber = { search: 1, register: 2, open: 3 }[step.name];

  return (
    <section class="page">
      <BackLink to={{ name: 'cases' }} label={t('cases.backToList')} />
      <PageHeading title={t('cases.new.title')} />
      <h2 id="new-client-step" tabIndex={-1}>
        {t('cases.new.step', { n: stepNumber, of: 3, name: t(`cases.new.steps.${step.name}`) })}
      </h2>
      {step.name === 'search' && (
        <ClientSearch
          api={api}
          codes={codes}
          actionFor={(m) =>
            m.case !== null ? (
              <a href={hrefFor({ name: 'case', id: m.case.id })}>{t('cases.search.openCase')}</a>
            ) : (
              <button
                type="button"
                class="link-button"
                onClick={() => go({ name: 'open', clientId: m.client_id, clientCode: m.client_code, duplicates: 0 })}
              >
                {t('cases.search.openCaseFor', { code: m.client_code })}
              </button>
            )
          }
          after={(query, found) => (
            <p>
              <button type="button" class={found === 0 ? 'primary' : 'secondary'} onClick={() => go({ name: 'register', query })}>
                {found === 0 ? t('cases.search.register') : t('cases.search.registerAnyway')}
              </button>
            </p>
          )}
        />
      )}
      {step.name === 'register' && (
        <RegisterClient
          codes={codes}
          initial={formFromSearch(step.query)}
          submit={(input) => createClient(api, input)}
          submitLabel={t('cases.client.save')}
          onSaved={(c) =>
            go({ name: 'open', clientId: c.id, clientCode: c.client_code, duplicates: c.possible_duplicates.length })
          }
        />
      )}
      {step.name === 'open' && (
        <>
          <StatusRegion
            notice={{
              kind: 'success',
              text:
                step.duplicates > 0
                  ? t('cases.new.registeredWithDuplicates', { code: step.clientCode, count: step.duplicates })
                  : t('cases.new.client', { code: step.clientCode }),
            }}
          />
          <OpenCase api={api} codes={codes} clientId={step.clientId} onOpened={(c) => navigate({ name: 'case', id: c.id })} />
        </>
      )}
    </section>
  );
}
