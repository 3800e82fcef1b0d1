// How the network overview reads: cells and totals as words or numbers ("not collected" is never
// 0), footnotes naming what the totals leave out, and the chart series. Pure functions.
import type { TFunction } from 'i18next';
import { formatNumber } from '../format';
import type { CellState, Footnote, Overview, OverviewCell, OverviewTotal } from './overviewApi';

/** "2010–2012, 2015": consecutive years as a range. */
export function yearsText(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    const first = String(sorted[i]);
    parts.push(j > i ? `${first}–${String(sorted[j])}` : first);
    i = j + 1;
  }
  return parts.join(', ');
}

export function stateText(t: TFunction, state: CellState): string {
  return t(`networkOverview.state.${state}`);
}

/** A cell: its count, or the word for what it is instead. */
export function cellText(t: TFunction, cell: OverviewCell | undefined): string {
  if (cell === undefined) return stateText(t, 'not_reported');
  return cell.state === 'count' ? formatNumber(cell.n ?? 0) : stateText(t, cell.state);
}

/** A total: the sum of the counts, marked * when cells were left out; none counted says so. */
export function totalText(t: TFunction, total: OverviewTotal | undefined): string {
  if (total === undefined || total.counted === 0) return t('networkOverview.noneCounted');
  return total.complete ? formatNumber(total.n) : `${formatNumber(total.n)} *`;
}

/** "Not collected, All contacts: MB (2010–2012); MC (2011)". */
export function footnoteText(t: TFunction, note: Footnote, figureLabel: (id: string) => string): string {
  const who = note.members.map((m) => `${m.member} (${yearsText(m.years)})`).join('; ');
  return t('networkOverview.footnote', { state: stateText(t, note.state), figure: figureLabel(note.figure), cells: who });
}

/** A stacked bar series per member of `figure` by year: counts as bars, the table's words. */
export function seriesByMember(t: TFunction, o: Overview, figure: string, colours: readonly string[]) {
  const years: number[] = [];
  for (let y = o.from; y <= o.to; y++) years.push(y);
  const byKey = new Map(o.rows.map((r) => [`${r.member}/${String(r.year)}`, r]));
  return {
    labels: years.map(String),
    stacked: true,
    series: o.members.map((m, i) => {
      const cells = years.map((y) => byKey.get(`${m.code}/${String(y)}`)?.figures[figure]);
      return {
        label: m.code,
        values: cells.map((c) => (c?.state === 'count' ? (c.n ?? 0) : 0)),
        display: cells.map((c) => cellText(t, c)),
        colour: colours[i % colours.length] ?? '#1f5f8b',
      };
    }),
  };
}
