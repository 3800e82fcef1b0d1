// The review of one report: its figures by section, each breakdown a chart with its table, every
// other group a table; "suppressed" and "not collected" as words, never 0. The data officer
// approves a draft after review (with a confirmation); the period's other revisions are listed.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, User } from '../api/types';
import { useLoaded } from '../cases/useLoaded';
import { codeLabel } from '../codes/labels';
import { BarChartFigure } from '../components/BarChartFigure';
import { StatusRegion } from '../components/StatusRegion';
import { formatDateTime, formatNumber } from '../format';
import type { TFunction } from 'i18next';
import { useT } from '../i18n';
import { can } from '../permissions';
import {
  approveReport,
  submitReport,
  codeOfFigure,
  getReport,
  listReports,
  reportDefinition,
  type FigureGroup,
  type Report,
  type ReportFigure,
  type ReportSummary,
} from './api';

const barColour = '#1f5f8b';

/** How a figure reads: its count, or the word for a suppressed or not-collected one. */
export function figureText(t: TFunction, f: ReportFigure | undefined): string {
  if (f === undefined || f.state === 'not_collected') return t('reports.state.not_collected');
  if (f.state === 'suppressed') return t('reports.state.suppressed');
  return formatNumber(f.n ?? 0);
}

const key = (id: string) => id.replace(/\./g, '_');

function figureLabel(t: TFunction, codes: CodeLists | undefined, group: FigureGroup, id: string): string {
  return group.code_list === '' ? t(`reports.figures.${key(id)}`) : codeLabel(codes, group.code_list, codeOfFigure(group, id));
}

function GroupFigures({ group, report, codes }: { group: FigureGroup; report: Report; codes?: CodeLists }) {
  const t = useT();
  const byId = new Map(report.figures.map((f) => [f.id, f]));
  const figures = group.figures.map((id) => ({ id, figure: byId.get(id) }));
  const title = t(`reports.groups.${key(group.id)}`);
  if (group.code_list !== '') {
    return (
      <BarChartFigure
        id={`report-${key(group.id)}`}
        title={title}
        summary={t('stats.breakdownSummary', { count: figures.length })}
        labelHeading={t('stats.codeColumn')}
        height={Math.max(120, 24 * figures.length + 40)}
        spec={{
          labels: figures.map((f) => figureLabel(t, codes, group, f.id)),
          horizontal: true,
          series: [
            {
              label: t('reports.value'),
              values: figures.map((f) => (f.figure?.state === 'count' ? (f.figure.n ?? 0) : 0)),
              display: figures.map((f) => figureText(t, f.figure)),
              colour: barColour,
            },
          ],
        }}
      />
    );
  }
  return (
    <table class="report-figures">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.figure')}</th>
          <th scope="col" class="num">
            {t('reports.value')}
          </th>
        </tr>
      </thead>
      <tbody>
        {figures.map((f) => (
          <tr key={f.id}>
            <th scope="row">{figureLabel(t, codes, group, f.id)}</th>
            <td class="num">{figureText(t, f.figure)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Revisions({ report, all }: { report: Report; all: ReportSummary[] }) {
  const t = useT();
  const same = all.filter((r) => r.period === report.period && r.start === report.start);
  return (
    <section aria-labelledby="report-revisions">
      <h2 id="report-revisions">{t('reports.revisions')}</h2>
      <ul>
        {same.map((r) => (
          <li key={r.id}>
            <a href={`#/reports/${encodeURIComponent(r.id)}`} aria-current={r.id === report.id ? 'page' : undefined}>
              {t('reports.revisionOf', { revision: r.revision, status: t(`reports.status.${r.status}`), origin: t(`reports.origin.${r.origin}`) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Where a report stands with the network's hub: submitted when, and received when. */
export function SubmissionState({ report }: { report: ReportSummary }) {
  const t = useT();
  if (report.submitted_at === null) return null;
  return (
    <p class="submission-state">
      {t('reports.submittedAt', { at: formatDateTime(report.submitted_at) })}{' '}
      {report.hub_received_at === null
        ? t('reports.awaitingHub')
        : t('reports.receivedAt', { at: formatDateTime(report.hub_received_at) })}
    </p>
  );
}

export function ReportView({ api, codes, user, id }: { api: ApiClient; codes?: CodeLists; user: User; id: string }) {
  const t = useT();
  const loaded = useLoaded(
    () => Promise.all([getReport(api, id), reportDefinition(api), listReports(api)]),
    [id],
  );
  const [busy, setBusy] = useState(false);
  const [report, definition, list] = loaded.value ?? [null, null, null];
  const approve = () => {
    if (!report || busy || !window.confirm(t('reports.confirmApprove', { label: report.label, revision: report.revision }))) return;
    setBusy(true);
    approveReport(api, report.id).then(
      (approved) => {
        setBusy(false);
        if (loaded.value) loaded.setValue([approved, loaded.value[1], loaded.value[2]]);
        loaded.setNotice({ kind: 'success', text: t('reports.approved') });
      },
      (error: unknown) => {
        setBusy(false);
        loaded.setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
  };
  const submit = () => {
    if (!report || busy || !window.confirm(t('reports.confirmSubmit', { label: report.label, revision: report.revision }))) return;
    setBusy(true);
    submitReport(api, report.id).then(
      (submitted) => {
        setBusy(false);
        if (loaded.value) loaded.setValue([submitted, loaded.value[1], loaded.value[2]]);
        loaded.setNotice({ kind: 'success', text: t('reports.submitted') });
      },
      (error: unknown) => {
        setBusy(false);
        loaded.setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
  };
  const sections = [...new Set((definition?.groups ?? []).map((g) => g.id.split('.')[0] ?? ''))];
  return (
    <div class="report-view">
      <p>
        <a href="#/reports">{t('reports.back')}</a>
      </p>
      <h1>{report ? t('reports.reviewTitle', { label: report.label, revision: report.revision }) : t('reports.title')}</h1>
      <StatusRegion notice={loaded.notice} />
      {report && definition && (
        <>
          <p>
            {t(`reports.status.${report.status}`)} · {t(`reports.origin.${report.origin}`)} · {t('reports.kIs', { k: report.small_count_k })}
          </p>
          <SubmissionState report={report} />
          {report.status === 'approved' && can(user, 'reports.manage') && (
            <p class="actions">
              <button type="button" aria-disabled={busy} onClick={submit}>
                {t('reports.submit')}
              </button>
            </p>
          )}
          {report.status === 'draft' && can(user, 'reports.manage') && (
            <p class="actions">
              <button type="button" aria-disabled={busy} onClick={approve}>
                {t('reports.approve')}
              </button>
            </p>
          )}
          {sections.map((section) => (
            <section key={section} aria-labelledby={`report-section-${section}`}>
              <h2 id={`report-section-${section}`}>{t(`reports.sections.${section}`)}</h2>
              {definition.groups
                .filter((g) => g.id.split('.')[0] === section)
                .map((g) => (
                  <GroupFigures key={g.id} group={g} report={report} codes={codes} />
                ))}
            </section>
          ))}
          {list && <Revisions report={report} all={list.items} />}
        </>
      )}
    </div>
  );
}
