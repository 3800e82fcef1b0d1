// The data officer's Exports screen (issue 9, section 5; docs/exports.md): choose the period of
// the cases (by the day they were opened), download the HTCDS 2.0 file as CSV or XLSX, and run the
// k-anonymised CTDC export for the global data hub: its report (what each generalisation step
// changed, how many records were dropped) is shown before its file is saved.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import { DataTable } from '../components/DataTable';
import { FormField } from '../components/FormField';
import { PageHeading } from '../components/PageHeading';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { downloadHtcds, runCtdcExport, saveCtdcFile, type CtdcExport, type CtdcExportStep } from './api';

type Busy = 'csv' | 'xlsx' | 'ctdc' | null;

/** The report of a CTDC export: its figures, then one row per step. */
function CtdcReport({ result }: { result: CtdcExport }) {
  const t = useT();
  const r = result.report;
  const figures: [string, number][] = [
    ['casesRead', r.cases_read],
    ['withoutConsent', r.without_consent],
    ['recordsIn', r.records_in],
    ['belowBefore', r.records_below_k_before],
    ['recordsOut', r.records_out],
    ['suppressed', r.records_suppressed],
    ['classes', r.classes],
    ['smallestClass', r.smallest_class],
  ];
  return (
    <section aria-labelledby="ctdc-report-heading" class="ctdc-report">
      <h2 id="ctdc-report-heading">{t('exports.ctdc.reportTitle', { k: r.k, span: r.year_span })}</h2>
      <dl class="figures">
        {figures.map(([key, n]) => (
          <div key={key}>
            <dt>{t(`exports.ctdc.figures.${key}`)}</dt>
            <dd data-figure={key}>{n}</dd>
          </div>
        ))}
      </dl>
      <DataTable<CtdcExportStep>
        name={t('exports.ctdc.stepsTitle')}
        caption={t('exports.ctdc.stepsTitle')}
        rows={r.steps}
        rowKey={(s) => s.step}
        columns={[
          { header: t('exports.ctdc.step'), cell: (s) => t(`exports.ctdc.steps.${s.step}`) },
          { header: t('exports.ctdc.changed'), cell: (s) => s.records_changed, class: 'num' },
          { header: t('exports.ctdc.belowAfter'), cell: (s) => s.records_below_k, class: 'num' },
        ]}
      />
      <p class="actions">
        <button type="button" onClick={() => saveCtdcFile(result.file)}>
          {t('exports.ctdc.save', { count: r.records_out })}
        </button>
      </p>
    </section>
  );
}

export function ExportsPage({ api }: { api: ApiClient }) {
  const t = useT();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [k, setK] = useState('11');
  const [span, setSpan] = useState('5');
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [invalid, setInvalid] = useState('');
  const [result, setResult] = useState<CtdcExport | null>(null);

  const fail = (error: unknown) => {
    setBusy(null);
    if (error instanceof ApiError && error.status === 401) return;
    setInvalid(error instanceof ApiError ? error.field : '');
    setNotice({ kind: 'error', text: errorMessage(t, error) });
  };

  const download = (format: 'csv' | 'xlsx') => {
    if (busy) return;
    setBusy(format);
    setNotice({ kind: 'info', text: t('exports.preparing') });
    downloadHtcds(from, to, format).then(() => {
      setBusy(null);
      setInvalid('');
      setNotice({ kind: 'success', text: t('exports.htcds.done') });
    }, fail);
  };

  const runCtdc = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy('ctdc');
    setResult(null);
    setNotice({ kind: 'info', text: t('exports.ctdc.running') });
    const input = { k: Number(k), year_span: Number(span), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    runCtdcExport(api, input).then((made) => {
      setBusy(null);
      setInvalid('');
      setResult(made);
      setNotice({ kind: 'success', text: t('exports.ctdc.ready', { count: made.report.records_out }) });
    }, fail);
  };

  const htcdsButton = (format: 'csv' | 'xlsx', label: string) => (
    <button type="button" class="secondary" aria-disabled={busy !== null} onClick={() => download(format)}>
      {busy === format ? t('exports.preparing') : label}
    </button>
  );
  const day = (id: string, name: 'from' | 'to', value: string, set: (v: string) => void) => (
    <FormField inputId={id} label={name === 'from' ? t('exports.from') : t('exports.to')}>
      <input id={id} type="date" value={value} aria-invalid={invalid === name} onInput={(e) => set(e.currentTarget.value)} />
    </FormField>
  );
  const whole = (id: string, name: 'k' | 'year_span', value: string, set: (v: string) => void, hint: string) => (
    <FormField
      inputId={id}
      label={name === 'k' ? t('exports.ctdc.k') : t('exports.ctdc.year_span')}
      hint={{ id: `${id}-hint`, text: hint }}
    >
      <input
        id={id}
        type="number"
        inputMode="numeric"
        value={value}
        aria-invalid={invalid === name}
        aria-describedby={`${id}-hint`}
        onInput={(e) => set(e.currentTarget.value)}
      />
    </FormField>
  );

  return (
    <section class="page exports-page">
      <PageHeading title={t('exports.title')} />
      <p class="intro">{t('exports.intro')}</p>
      <fieldset class="filter">
        <legend>{t('exports.period')}</legend>
        {day('exports-from', 'from', from, setFrom)}
        {day('exports-to', 'to', to, setTo)}
      </fieldset>
      <StatusRegion notice={notice} />
      <section aria-labelledby="htcds-heading">
        <h2 id="htcds-heading">{t('exports.htcds.title')}</h2>
        <p>{t('exports.htcds.intro')}</p>
        <p class="actions">
          {htcdsButton('csv', t('exports.htcds.csv'))}
          {htcdsButton('xlsx', t('exports.htcds.xlsx'))}
        </p>
      </section>
      <section aria-labelledby="ctdc-heading">
        <h2 id="ctdc-heading">{t('exports.ctdc.title')}</h2>
        <p>{t('exports.ctdc.intro')}</p>
        <form onSubmit={runCtdc} noValidate aria-labelledby="ctdc-heading">
          {whole('exports-k', 'k', k, setK, t('exports.ctdc.kHint'))}
          {whole('exports-span', 'year_span', span, setSpan, t('exports.ctdc.spanHint'))}
          <p class="actions">
            <button type="submit" aria-disabled={busy !== null}>
              {busy === 'ctdc' ? t('exports.ctdc.running') : t('exports.ctdc.run')}
            </button>
          </p>
        </form>
        {busy === 'ctdc' && <progress aria-label={t('exports.ctdc.running')} />}
        {result && <CtdcReport result={result} />}
      </section>
    </section>
  );
}
