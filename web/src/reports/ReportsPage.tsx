// The data officer's Reports screen (docs/reports.md): every report and revision, computing a
// draft for a period, importing historic figures (with the wrong lines of a refused file), and
// the figure groups the organisation collects. One report opens in ReportView.
import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { User } from '../api/types';
import { useLoaded } from '../cases/useLoaded';
import { StatusRegion, type Notice } from '../components/StatusRegion';
import { useT } from '../i18n';
import { can } from '../permissions';
import { formatDateTime } from '../format';
import { navigate } from '../router';
import {
  computeReport,
  importErrors,
  importReports,
  listReports,
  reportDefinition,
  reportSettings,
  saveReportSettings,
  submitAllApproved,
  type ImportLineError,
  type ReportSummary,
} from './api';

/** A table's column headings. */
function HeaderRow({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function ReportList({ items }: { items: ReportSummary[] }) {
  const t = useT();
  if (items.length === 0) return <p>{t('reports.none')}</p>;
  return (
    <table class="report-list">
      <caption class="visually-hidden">{t('reports.title')}</caption>
      <HeaderRow labels={[t('reports.period'), t('reports.revision'), t('reports.statusColumn'), t('reports.originColumn'), t('reports.networkColumn')]} />
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            <th scope="row">
              <a href={`#/reports/${encodeURIComponent(r.id)}`}>{r.label}</a>
            </th>
            <td>{r.revision}</td>
            <td>{t(`reports.status.${r.status}`)}</td>
            <td>{t(`reports.origin.${r.origin}`)}</td>
            <td>
              {r.submitted_at === null
                ? '—'
                : r.hub_received_at === null
                  ? t('reports.awaitingHubShort', { at: formatDateTime(r.submitted_at) })
                  : t('reports.receivedShort', { at: formatDateTime(r.hub_received_at) })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComputeForm({ api, onNotice }: { api: ApiClient; onNotice: (n: Notice) => void }) {
  const t = useT();
  const [period, setPeriod] = useState('year');
  const [start, setStart] = useState(`${String(new Date().getFullYear() - 1)}-01-01`);
  const [busy, setBusy] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    computeReport(api, period, start).then(
      (report) => navigate({ name: 'report', id: report.id }),
      (error: unknown) => {
        setBusy(false);
        onNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="report-compute">
      <h2 id="report-compute">{t('reports.compute')}</h2>
      <label for="report-period">{t('reports.period')}</label>
      <select id="report-period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
        {(['month', 'quarter', 'year'] as const).map((p) => (
          <option key={p} value={p}>
            {t(`reports.periods.${p}`)}
          </option>
        ))}
      </select>
      <label for="report-start">{t('reports.start')}</label>
      <input id="report-start" type="date" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
      <button type="submit" aria-disabled={busy}>
        {t('reports.computeButton')}
      </button>
    </form>
  );
}

function ImportForm({ api, onDone }: { api: ApiClient; onDone: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [lines, setLines] = useState<ImportLineError[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!file) {
      setNotice({ kind: 'error', text: t('reports.importChoose') });
      return;
    }
    importReports(api, file).then(
      (made) => {
        setLines([]);
        setNotice({ kind: 'success', text: t('reports.imported', { n: made.items.length }) });
        onDone();
      },
      (error: unknown) => {
        setLines(error instanceof ApiError ? importErrors(error.body) : []);
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="report-import">
      <h2 id="report-import">{t('reports.import')}</h2>
      <p>
        {t('reports.importIntro')} <a href="/api/v1/reports/import-template">{t('reports.template')}</a>
      </p>
      <label for="report-file">{t('reports.file')}</label>
      <input id="report-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <button type="submit">{t('reports.importButton')}</button>
      <StatusRegion notice={notice} />
      {lines.length > 0 && (
        <table class="import-errors">
          <caption>{t('reports.importErrors')}</caption>
          <HeaderRow labels={[t('reports.line'), t('reports.field'), t('reports.message')]} />
          <tbody>
            {lines.map((l) => (
              <tr key={`${String(l.line)}-${l.field}`}>
                <td>{l.line}</td>
                <td>{l.field}</td>
                <td>{l.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}

function CollectedSettings({ api, user }: { api: ApiClient; user: User }) {
  const t = useT();
  const loaded = useLoaded(() => Promise.all([reportSettings(api), reportDefinition(api)]), []);
  const [settings, definition] = loaded.value ?? [null, null];
  const editable = can(user, 'reports.settings');
  const toggle = (group: string, collected: boolean) => {
    if (!settings || !editable) return;
    const not_collected = collected ? settings.not_collected.filter((g) => g !== group) : [...settings.not_collected, group];
    saveReportSettings(api, { small_count_k: settings.small_count_k, not_collected }).then(
      (saved) => {
        if (loaded.value) loaded.setValue([saved, loaded.value[1]]);
        loaded.setNotice({ kind: 'success', text: t('reports.settingsSaved') });
      },
      (error: unknown) => loaded.setNotice({ kind: 'error', text: errorMessage(t, error) }),
    );
  };
  return (
    <section aria-labelledby="report-settings">
      <h2 id="report-settings">{t('reports.collected')}</h2>
      <StatusRegion notice={loaded.notice} />
      {settings && definition && (
        <fieldset>
          <legend>{t('reports.collectedIntro', { k: settings.small_count_k })}</legend>
          {definition.groups.map((g) => (
            <div key={g.id} class="checkbox">
              <input
                id={`collect-${g.id}`}
                type="checkbox"
                disabled={!editable}
                checked={!settings.not_collected.includes(g.id)}
                onChange={(e) => toggle(g.id, e.currentTarget.checked)}
              />
              <label for={`collect-${g.id}`}>{t(`reports.groups.${g.id.replace(/\./g, '_')}`)}</label>
            </div>
          ))}
        </fieldset>
      )}
    </section>
  );
}

/** "Submit all approved reports to the network": the historic years, typically, at once. */
function SubmitApproved({ api, items, onDone }: { api: ApiClient; items: ReportSummary[]; onDone: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const waiting = items.filter((r) => r.status === 'approved').length;
  const submit = () => {
    if (busy || !window.confirm(t('reports.confirmSubmitAll', { count: waiting }))) return;
    setBusy(true);
    submitAllApproved(api).then(
      (done) => {
        setBusy(false);
        setNotice({ kind: 'success', text: t('reports.submittedAll', { count: done.items.length }) });
        onDone();
      },
      (error: unknown) => {
        setBusy(false);
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
  };
  return (
    <section aria-labelledby="report-submit-all">
      <h2 id="report-submit-all">{t('reports.submitAllTitle')}</h2>
      <p>{t('reports.submitAllIntro', { count: waiting })}</p>
      <button type="button" aria-disabled={busy || waiting === 0} onClick={waiting === 0 ? undefined : submit}>
        {t('reports.submitAll')}
      </button>
      <StatusRegion notice={notice} />
    </section>
  );
}

export function ReportsPage({ api, user }: { api: ApiClient; user: User }) {
  const t = useT();
  const loaded = useLoaded(() => listReports(api), []);
  return (
    <div class="reports-page">
      <h1>{t('reports.title')}</h1>
      <p class="intro">{t('reports.intro')}</p>
      <StatusRegion notice={loaded.notice} />
      {can(user, 'reports.manage') && <ComputeForm api={api} onNotice={loaded.setNotice} />}
      <section aria-labelledby="report-history">
        <h2 id="report-history">{t('reports.history')}</h2>
        {loaded.value && <ReportList items={loaded.value.items} />}
      </section>
      {can(user, 'reports.manage') && loaded.value && <SubmitApproved api={api} items={loaded.value.items} onDone={loaded.reload} />}
      {can(user, 'reports.manage') && <ImportForm api={api} onDone={loaded.reload} />}
      <CollectedSettings api={api} user={user} />
    </div>
  );
}
