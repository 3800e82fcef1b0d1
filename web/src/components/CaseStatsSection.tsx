import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import type { CodeLists } from '../api/types';
import { codeLabel } from '../codes/labels';
import { useT } from '../i18n';
import { caseStats, caseStatsDimensions, chartCounts, type CaseStats } from '../lists/api';
import { BarChartFigure } from './BarChartFigure';
import { StatusRegion, type Notice } from './StatusRegion';

const barColour = '#1f5f8b';

// The code list a case breakdown's codes come from.
function listOfCaseDimension(dimension: string): string {
  return dimension === 'citizenship' ? 'country' : dimension;
}

// The case figures of the statistics screen: cases opened per year, then each breakdown, each a
// chart with its table (BarChartFigure), small counts shown as "<11".
export function CaseStatsSection({ api, codes }: { api: ApiClient; codes?: CodeLists }) {
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
                series: [{ label: t('caseStats.count'), ...chartCounts(stats.opened.map((p) => p.n), below), colour: barColour }],
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
                    labels: cells.map((c) => codeLabel(codes, listOfCaseDimension(dimension), c.code)),
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
