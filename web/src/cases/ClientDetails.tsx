// The person of a case: the sealed details when the server gave them, the coded fields always.
import { Fragment } from 'preact';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { hrefFor } from '../router';
import type { CaseRecord, Coded, MergedClient } from './api';
import { codedFields } from './clientForm';
import { Section } from './fields';
import { lists } from './lists';

/** The coded fields that have a value, as [label key, text] pairs. */
export function codedRows(codes: CodeLists, coded: Coded): [string, string][] {
  const rows: [string, string][] = [];
  for (const field of codedFields) {
    if (field.kind === 'many') {
      const values = coded[field.name] ?? [];
      if (values.length > 0) rows.push([field.name, values.map((c) => codeLabel(codes, field.list, c)).join(', ')]);
    } else if (field.kind === 'number') {
      const value = coded[field.name];
      if (value != null) rows.push([field.name, String(value)]);
    } else {
      const value = coded[field.name];
      if (value) rows.push([field.name, codeLabel(codes, field.list, value)]);
    }
  }
  return rows;
}

export function ClientDetails({ codes, client }: { codes: CodeLists; client: CaseRecord['client'] }) {
  const t = useT();
  const person = client.person;
  const rows = codedRows(codes, client.coded);
  return (
    <Section id="case-person" title={t('cases.client.person')}>
      <MergeNotes codes={codes} client={client} />
      {client.erased_at ? (
        <p class="erased" role="status">
          {t('cases.erase.erased', { at: formatDateTime(client.erased_at) })}
        </p>
      ) : person === null ? (
        <p class="muted">{t('cases.view.sealed')}</p>
      ) : (
        <dl class="details">
          <dt>{t('cases.client.full_name')}</dt>
          <dd>{person.full_name}</dd>
          {(person.other_names ?? []).length > 0 && (
            <>
              <dt>{t('cases.client.other_names')}</dt>
              <dd>{(person.other_names ?? []).join(', ')}</dd>
            </>
          )}
          {person.birth_date && (
            <>
              <dt>{t('cases.client.birth_date')}</dt>
              <dd>{person.birth_date}</dd>
            </>
          )}
          {(person.phones ?? []).length > 0 && (
            <>
              <dt>{t('cases.client.phones')}</dt>
              <dd>{(person.phones ?? []).join(', ')}</dd>
            </>
          )}
          {(person.id_documents ?? []).map((d, i) => (
            <Fragment key={i}>
              <dt>{codeLabel(codes, lists.idDocumentKind, d.kind)}</dt>
              <dd>
                {d.number}
                {d.country ? ` (${codeLabel(codes, lists.country, d.country)})` : ''}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <h3>{t('cases.client.coded')}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('cases.view.noCoded')}</p>
      ) : (
        <dl class="details">
          {rows.map(([key, text]) => (
            <Fragment key={key}>
              <dt>{t(`cases.client.${key}`)}</dt>
              <dd>{text}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </Section>
  );
}

/** "Merged from CL-…" (and its case) on a survivor; "Merged into CL-…" on a merged-away client. */
function MergeNotes({ codes, client }: { codes: CodeLists; client: CaseRecord['client'] }) {
  const t = useT();
  const line = (key: string, m: MergedClient) => (
    <p class="merge-note" key={m.client_id}>
      {t(key, { code: m.client_code })}
      {m.case !== null && (
        <>
          {' · '}
          <a href={hrefFor({ name: 'case', id: m.case.id })} class="mono">
            {m.case.case_code}
          </a>{' '}
          ({codeLabel(codes, lists.caseStatus, m.case.status)})
        </>
      )}
    </p>
  );
  return (
    <>
      {client.merged_from.map((m) => line('cases.duplicates.mergedFrom', m))}
      {client.merged_into !== null && line('cases.duplicates.mergedInto', client.merged_into)}
    </>
  );
}
