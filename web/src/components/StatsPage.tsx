import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import { formatPeriod } from '../format';
import { useT } from '../i18n';
import { chartCounts, contactStats, listOfDimension, statsDimensions, type ContactStats } from '../lists/api';
import { BarChartFigure } from './BarChartFigure';
import { CaseStatsSection } from './CaseStatsSection';
import { FilterBar } from './FilterBar';
import { FormField } from './FormField';
import { Options } from './Options';
import { PageHeading } from './PageHeading';
import { StatusRegion, type Notice } from './StatusRegion';
import type { CodeLists, User } from '../api/types';
import { codeLabel } from '../codes/labels';

const presets = ['this_month', 'this_year', 'last_12_months', 'custom'] as const;
type Preset = (typeof presets)[number];
const granularities = ['day', 'week', 'month', 'year'] as const;
type Granularity = (typeof granularities)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The days (local calendar, both inclusive) and the natural granularity of a preset. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today = new Date()) {
  const y = today.getFullYear();
  const m = today.getMonth();
  switch (preset) {
    case 'this_month':
      return { from: isoDay(new Date(y, m, 1)), to: isoDay(today), granularity: 'day' as Granularity };
    case 'this_year':
      return { from: isoDay(new Date(y, 0, 1)), to: isoDay(today), granularity: 'month' as Granularity };
    case 'last_12_months':
      return { from: isoDay(new Date(y, m - 11, 1)), to: isoDay(today), granularity: 'month' as Granularity };
  }
}

const colours = { data: '#1f5f8b', non_data: '#b35c00', bar: '#3d6f3a' };

export function StatsPage({ api, codes, user }: { api: ApiClient; codes?: CodeLists; user?: User }) {
  const t = useT();
  const initial = presetRange('last_12_months');
  const [preset, setPreset] = useState<Preset>('last_12_months');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [granularity, setGranularity] = useState<Granularity>(initial.granularity);
  const [query, setQuery] = useState({ ...initial });
  const [stats, setStats] = useState<ContactStats | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    let cancelled = false;
    setNotice({ kind: 'info', text: t('app.loading') });
    contactStats(api, query.from, query.to, query.granularity).then(
      (s) => {
        if (cancelled) return;
        setStats(s);
        setNotice(null);
      },
      (error: unknown) => {
        if (cancelled || (error instanceof ApiError && error.status === 401)) return;
        setNotice({ kind: 'error', text: errorMessage(t, error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [query.from, query.to, query.granularity]);

  function choosePreset(value: Preset) {
    setPreset(value);
    if (value !== 'custom') {
      const r = presetRange(value);
      setFrom(r.from);
      setTo(r.to);
      setGranularity(r.granularity);
    }
  }

  function apply(e: Event) {
    e.preventDefault();
    if (from === '' || to === '' || from > to) {
      setNotice({ kind: 'error', text: t('stats.rangeInvalid') });
      return;
    }
    setQuery({ from, to, granularity });
  }

  // Suppressed small counts (null) are left out of the total: it then reads as "at least".
  const total = stats ? stats.series.reduce((sum, p) => sum + (p.total ?? 0), 0) : 0;
  const totalText = stats?.series.some((p) => p.total === null) ? `${String(total)}+` : total;
  const below = stats?.small_counts_below;

  /** A date of the period: choosing one makes the period a custom one. */
  const customDay = (id: string, label: string, value: string, setDay: (day: string) => void) => (
    <FormField inputId={id} label={label}>
      <input
        id={id}
        type="date"
        value={value}
        onInput={(e) => {
          setPreset('custom');
          setDay(e.currentTarget.value);
        }}
      />
    </FormField>
  );

  return (
    <section class="page stats">
      <PageHeading title={t('stats.title')} />
      <p class="intro">{t('stats.intro')}</p>
      <FilterBar legend={t('stats.period')} onApply={apply}>
        <FormField inputId="stats-preset" label={t('stats.preset')}>
          <select id="stats-preset" value={preset} onChange={(e) => choosePreset(e.currentTarget.value as Preset)}>
            <Options values={presets} label={(p) => t(`stats.presets.${p}`)} />
          </select>
        </FormField>
        {customDay('stats-from', t('contacts.from'), from, setFrom)}
        {customDay('stats-to', t('contacts.to'), to, setTo)}
        <FormField inputId="stats-granularity" label={t('stats.granularity')}>
          <select
            id="stats-granularity"
            value={granularity}
            onChange={(e) => setGranularity(e.currentTarget.value as Granularity)}
          >
            <Options values={granularities} label={(g) => t(`stats.granularities.${g}`)} />
          </select>
        </FormField>
      </FilterBar>
      <StatusRegion notice={notice} />
      {stats && (
        <>
          <p class="stats-total">{t('stats.total', { total: totalText })}</p>
          <BarChartFigure
            id="stats-series"
            title={t('stats.perPeriod')}
            summary={t('stats.perPeriodSummary', { count: total })}
            labelHeading={t('stats.periodColumn')}
            spec={{
              labels: stats.series.map((p) => formatPeriod(p.period)),
              stacked: true,
              series: [
                {
                  label: t('stats.data'),
                  ...chartCounts(stats.series.map((p) => p.data), below),
                  colour: colours.data,
                },
                {
                  label: t('stats.nonData'),
                  ...chartCounts(stats.series.map((p) => p.non_data), below),
                  colour: colours.non_data,
                },
              ],
            }}
          />
          {statsDimensions.map((dimension) => {
            const cells = stats.breakdowns[dimension] ?? [];
            const list = listOfDimension(dimension);
            return (
              <div key={dimension} class="breakdown">
                {cells.length === 0 ? (
                  <>
                    <h2 class="chart-heading">{t(`stats.dimensions.${dimension}`)}</h2>
                    <p>{t('stats.none')}</p>
                  </>
                ) : (
                  <BarChartFigure
                    id={`stats-${dimension}`}
                    title={t(`stats.dimensions.${dimension}`)}
                    summary={t('stats.breakdownSummary', { count: cells.length })}
                    labelHeading={t('stats.codeColumn')}
                    height={Math.max(120, 28 * cells.length + 40)}
                    spec={{
                      labels: cells.map((c) => codeLabel(codes, list, c.code)),
                      horizontal: true,
                      series: [
                        { label: t('stats.count'), ...chartCounts(cells.map((c) => c.n), below), colour: colours.bar },
                      ],
                    }}
                  />
                )}
              </div>
            );
          })}
          {below === undefined && <p class="note">{t('stats.smallCells')}</p>}
        </>
      )}
      <CaseStatsSection api={api} codes={codes} user={user} />
    </section>
  );
}
