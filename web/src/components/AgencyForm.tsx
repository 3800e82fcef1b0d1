// Add or change a partner agency (supervisors and administrators). The confidential checkbox
// keeps a secret address (a shelter's) out of every list and export.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists } from '../api/types';
import { createAgency, getAgency, splitCodes, updateAgency, type AgencyInput } from '../agencies/api';
import { useT } from '../i18n';
import { navigate } from '../router';
import { AgencyTypeAndCountry } from './AgencyTypeAndCountry';
import { FormField } from './FormField';
import { BackLink, PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';
import { codeLabel } from '../codes/labels';

interface FormState {
  name: string;
  type: string;
  country: string;
  city: string;
  phone: string;
  email: string;
  website: string;
  languages: string;
  services: string[];
  notes: string;
  address: string;
  address_confidential: boolean;
}

const blank: FormState = {
  name: '',
  type: '',
  country: '',
  city: '',
  phone: '',
  email: '',
  website: '',
  languages: '',
  services: [],
  notes: '',
  address: '',
  address_confidential: false,
};

export function AgencyForm({ api, codes, id }: { api: ApiClient; codes: CodeLists; id?: string }) {
  const t = useT();
  const [form, setForm] = useState<FormState>(blank);
  const [version, setVersion] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [badField, setBadField] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (id === undefined) return;
    let current = true;
    getAgency(api, id).then(
      (a) => {
        if (!current) return;
        setForm({
          name: a.name,
          type: a.type,
          country: a.country,
          city: a.city,
          phone: a.phone,
          email: a.email,
          website: a.website,
          languages: a.languages.join(', '),
          services: a.services,
          notes: a.notes,
          address: a.address ?? '',
          address_confidential: a.address_confidential,
        });
        setVersion(a.version);
      },
      (error: unknown) => {
        if (current && !(error instanceof ApiError && error.status === 401)) {
          setNotice({ kind: 'error', text: errorMessage(t, error) });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [id]);

  const set = (key: keyof FormState) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
  };

  async function save(e: Event) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setBadField('');
    const input: AgencyInput = {
      ...form,
      languages: splitCodes(form.languages),
    };
    try {
      const saved =
        id === undefined || version === null
          ? await createAgency(api, input)
          : await updateAgency(api, id, { ...input, version });
      navigate({ name: 'agency', id: saved.id });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      setBadField(error instanceof ApiError ? error.field : '');
      setNotice({ kind: 'error', text: errorMessage(t, error) });
    } finally {
      setSaving(false);
    }
  }

  const invalid = (field: string) => (badField === field ? true : undefined);
  const text = (field: keyof FormState, mode: 'text' | 'tel' | 'email' | 'url' = 'text', max = 200) => (
    <FormField inputId={`agency-${field}`} label={t(`directory.${field}`)}>
      <input
        id={`agency-${field}`}
        type="text"
        inputMode={mode}
        value={form[field] as string}
        maxLength={max}
        aria-invalid={invalid(field)}
        onInput={set(field)}
      />
    </FormField>
  );
  const longText = (field: 'address' | 'notes', max: number, rows: number) => (
    <FormField inputId={`agency-${field}`} label={t(`directory.${field}`)}>
      <textarea
        id={`agency-${field}`}
        value={form[field]}
        maxLength={max}
        rows={rows}
        aria-invalid={invalid(field)}
        onInput={set(field)}
      />
    </FormField>
  );

  return (
    <section class="page">
      <BackLink to={id ? { name: 'agency', id } : { name: 'directory' }} label={t('directory.back')} />
      <PageHeading title={id ? t('directory.editTitle') : t('directory.addTitle')} />
      <StatusRegion notice={notice} />
      <form class="agency-form" onSubmit={(e) => void save(e)}>
        {text('name')}
        <AgencyTypeAndCountry
          idPrefix="agency"
          codes={codes}
          type={form.type}
          country={form.country}
          placeholder={t('directory.choose')}
          onChange={set}
          invalid={invalid}
        />
        {text('city', 'text', 100)}
        {text('phone', 'tel', 31)}
        {text('email', 'email', 254)}
        {text('website', 'url', 300)}
        <div class="field">
          <label for="agency-languages">{t('directory.languages')}</label>
          <input
            id="agency-languages"
            value={form.languages}
            aria-invalid={invalid('languages')}
            aria-describedby="agency-languages-hint"
            onInput={set('languages')}
          />
          <p id="agency-languages-hint" class="hint">
            {t('directory.languagesHint')}
          </p>
        </div>
        <fieldset class="field" aria-invalid={invalid('services')}>
          <legend>{t('directory.services')}</legend>
          {(codes.lists.agency_service ?? []).map((code) => (
            <label key={code} class="checkbox">
              <input
                type="checkbox"
                checked={form.services.includes(code)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setForm((f) => ({
                    ...f,
                    services: on ? [...f.services, code] : f.services.filter((s) => s !== code),
                  }));
                }}
              />{' '}
              {codeLabel(codes, 'agency_service', code)}
            </label>
          ))}
        </fieldset>
        {longText('address', 500, 2)}
        <div class="field">
          <label class="checkbox">
            <input
              id="agency-confidential"
              type="checkbox"
              checked={form.address_confidential}
              aria-describedby="agency-confidential-hint"
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setForm((f) => ({ ...f, address_confidential: on }));
              }}
            />{' '}
            {t('directory.confidential')}
          </label>
          <p id="agency-confidential-hint" class="hint">
            {t('directory.confidentialHint')}
          </p>
        </div>
        {longText('notes', 4000, 4)}
        <button type="submit" aria-disabled={saving}>
          {saving ? t('directory.saving') : t('directory.save')}
        </button>
      </form>
    </section>
  );
}
