// The agency type and country selects, as the agency form and the directory's search show them:
// the type from the agency_type code list of GET /api/v1/codes, labelled there.
import type { TargetedEvent } from 'preact';
import type { CodeLists } from '../api/types';
import { useT } from '../i18n';
import { CodeField } from './CodeSelect';

type Which = 'type' | 'country';

interface Props {
  /** "agency" gives the ids agency-type and agency-country. */
  idPrefix: string;
  codes: CodeLists;
  type: string;
  country: string;
  /** The empty choice: "Choose…" on the form, "Any" in the search. */
  placeholder: string;
  onChange: (which: Which) => (e: TargetedEvent<HTMLSelectElement, Event>) => void;
  invalid?: (which: Which) => boolean | undefined;
}

export function AgencyTypeAndCountry({ idPrefix, codes, type, country, placeholder, onChange, invalid }: Props) {
  const t = useT();
  return (
    <>
      <CodeField
        id={`${idPrefix}-type`}
        label={t('directory.type')}
        list="agency_type"
        codes={codes.lists.agency_type ?? []}
        labels={codes}
        value={type}
        placeholder={placeholder}
        aria-invalid={invalid?.('type')}
        onChange={onChange('type')}
      />
      <CodeField
        id={`${idPrefix}-country`}
        label={t('directory.country')}
        list="country"
        codes={codes.lists.country ?? []}
        value={country}
        placeholder={placeholder}
        aria-invalid={invalid?.('country')}
        onChange={onChange('country')}
      />
    </>
  );
}
