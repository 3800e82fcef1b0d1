// The person of a case: the sealed details when the server gave them, the coded fields always.
import { Fragment } from 'preact';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { useT } from '../i18n';
import type { CaseRecord, Coded } from './api';
import { Section } from './fields';
import { lists } from './lists';

type Listed =
  | 'citizenships'
  | 'exploitation_types'
  | 'industries'
  | 'recruitment_methods'
  | 'control_methods'
  | 'countries_origin'
  | 'countries_transit'
  | 'countries_exploitation';
type Single = Exclude<keyof Coded, Listed | 'birth_year' | 'age_when_trafficked'>;

const singleCodes: [Single, string][] = [
  ['gender', lists.gender],
  ['age_band', lists.ageBand],
  ['primary_language', lists.language],
  ['education', lists.education],
  ['trafficking_status', lists.traffickingStatus],
  ['status_decided_by', lists.decidedBy],
  ['relationship_to_trafficker', lists.relationship],
];

const listedCodes: [Listed, string][] = [
  ['citizenships', lists.country],
  ['exploitation_types', lists.exploitation],
  ['industries', lists.industry],
  ['recruitment_methods', lists.recruitment],
  ['control_methods', lists.control],
  ['countries_origin', lists.country],
  ['countries_transit', lists.country],
  ['countries_exploitation', lists.country],
];

/** The coded fields that have a value, as [label key, text] pairs. */
export function codedRows(codes: CodeLists, coded: Coded): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, list] of singleCodes) {
    const value = coded[key];
    if (value) rows.push([key, codeLabel(codes, list, value)]);
  }
  if (coded.birth_year != null) rows.push(['birth_year', String(coded.birth_year)]);
  if (coded.age_when_trafficked != null) rows.push(['age_when_trafficked', String(coded.age_when_trafficked)]);
  for (const [key, list] of listedCodes) {
    const values = coded[key] ?? [];
    if (values.length > 0) rows.push([key, values.map((c) => codeLabel(codes, list, c)).join(', ')]);
  }
  return rows;
}

export function ClientDetails({ codes, client }: { codes: CodeLists; client: CaseRecord['client'] }) {
  const t = useT();
  const person = client.person;
  const rows = codedRows(codes, client.coded);
  return (
    <Section id="case-person" title={t('cases.client.person')}>
      {person === null ? (
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
