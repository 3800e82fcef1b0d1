import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists, User } from '../api/types';
import { codeLabel } from '../codes/labels';
import { useT } from '../i18n';
import { caseStats, caseStatsDimensions, chartCounts, downloadCaseStats, type CaseStats } from '../lists/api';
import { can } from '../permissions';
import { BarChartFigure } from './BarChartFigure';
import { StatusRegion, type Notice } from './StatusRegion';

const barColour = '#1f5f8b';
const assistedColour = '#3d6f3a';

// The code list a case breakdown's codes come from.
function listOfCaseDimension(dimension: string): string {
  if (dimension === 'status') return 'case_status';
  if (dimension === 'inclusion') return 'inclusion_domain';
  return dimension === 'citizenship' ? 'country' : dimension;
}

// The CSV and XLSX buttons: each downloads the figures (read from rollups: a normal download).
function CaseStatsDownloads({ onError }: { onError: (error: unknown) => void }) {
  const t = useT();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const download = (format: 'csv' | 'xlsx') => {
    if (busy) return;
    setBusy(format);
    downloadCaseStats(format).then(
      () => setBusy(null),
      (error: unknown) => {
        setBusy(null);
        onError(error);
      },
    );
  };
  return (
    <p class="actions">
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" class="secondary" aria-disabled={busy !== null} onClick={() => download(format)}>
          {busy === format ? t('lists.exportPreparing') : format === 'csv' ? t('caseStats.download.csv') : t('caseStats.download.xlsx')}
        </button>
      ))}
    </p>
  );
}

// The case figures of the statistics screen: cases opened and people assisted per year, then each
// breakdown, each a chart with its table (BarChartFigure), small counts shown as "<11"; download
// buttons for those who may export them.
export function CaseStatsSection({ api, codes, user }: { api: ApiClient; codes?: CodeLists; user?: User }) {
  const t = useT();
  const [stats, setStats] = useState<CaseStats | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    let cancelled = false;
    caseStats(api).then(
      (s) => {
        if (!cancelled) setStats(s);
      },
      (error: unknown) => {
        if (cancelled || (error instanceof ApiError && error.status === 401)) return;
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const below = stats?.small_counts_below;
  return (
    <section class="case-stats" aria-labelledby="case-stats-heading">
      <h2 id="case-stats-heading">{t('caseStats.title')}</h2>
      <p class="intro">{t('caseStats.intro')}</p>
      <StatusRegion notice={notice} />
      {can(user, 'case_stats.export') && (
        <CaseStatsDownloads onError={(error) => setNotice({ kind: 'error', text: errorMessage(t, error) })} />
      )}
      {stats && (
        <>
          {stats.opened.length === 0 ? (
            <p>{t('caseStats.none')}</p>
          ) : (
            <BarChartFigure
              id="case-stats-opened"
              title={t('caseStats.opened')}
              summary={t('stats.breakdownSummary', { count: stats.opened.length })}
              labelHeading={t('stats.periodColumn')}
              spec={{
                labels: stats.opened.map((p) => p.code),
                series: [
                  { label: t('caseStats.count'), ...chartCounts(stats.opened.map((p) => p.n), below), colour: barColour },
                  { label: t('caseStats.assisted'), ...chartCounts(stats.assisted.map((p) => p.n), below), colour: assistedColour },
                ],
              }}
            />
          )}
          {caseStatsDimensions.map((dimension) => {
            const cells = stats.breakdowns[dimension] ?? [];
            if (cells.length === 0) return null;
            return (
              <div key={dimension} class="breakdown">
                <BarChartFigure
                  id={`case-stats-${dimension}`}
                  title={t(`caseStats.dimensions.${dimension}`)}
                  summary={t('stats.breakdownSummary', { count: cells.length })}
                  labelHeading={t('stats.codeColumn')}
                  height={Math.max(120, 28 * cells.length + 40)}
                  spec={{
                    labels: cells.map((c) =>
                    dimension === 'in_proceedings' ? t('caseStats.inProceedings') : codeLabel(codes, listOfCaseDimension(dimension), c.code),
                  ),
                    horizontal: true,
                    series: [{ label: t('caseStats.count'), ...chartCounts(cells.map((c) => c.n), below), colour: barColour }],
                  }}
                />
              </div>
            );
          })}
          {below !== undefined && <p class="note">{t('caseStats.suppressed', { below })}</p>}
        </>
      )}
    </section>
  );
}
