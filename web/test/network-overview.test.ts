// The network overview's words and numbers (src/network/overviewFormat.ts): a cell not collected
// reads "not collected", never 0; totals that left cells out are marked; footnotes name the
// members and years as ranges; the chart series stack counts only, with the table's words.
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../src/i18n';
import type { Overview } from '../src/network/overviewApi';
import { cellText, footnoteText, seriesByMember, totalText, yearsText } from '../src/network/overviewFormat';

let t: TFunction;
beforeAll(async () => {
  t = await initI18n('en');
});

const overview: Overview = {
  from: 2010,
  to: 2012,
  figures: ['contacts.total'],
  members: [
    { code: 'MA', name: 'Member A', country: 'NL' },
    { code: 'MB', name: 'Member B', country: 'GR' },
  ],
  rows: [
    { member: 'MA', year: 2010, revision: 1, origin: 'imported', figures: { 'contacts.total': { state: 'count', n: 4000 } } },
    { member: 'MA', year: 2011, revision: 2, origin: 'imported', figures: { 'contacts.total': { state: 'suppressed', n: null } } },
    { member: 'MA', year: 2012, revision: null, origin: null, figures: { 'contacts.total': { state: 'not_reported', n: null } } },
    { member: 'MB', year: 2010, revision: 1, origin: 'imported', figures: { 'contacts.total': { state: 'not_collected', n: null } } },
    { member: 'MB', year: 2011, revision: 1, origin: 'imported', figures: { 'contacts.total': { state: 'not_collected', n: null } } },
    { member: 'MB', year: 2012, revision: 1, origin: 'computed', figures: { 'contacts.total': { state: 'count', n: 12 } } },
  ],
  totals: [{ figure: 'contacts.total', n: 4012, counted: 2, left_out: 4, complete: false }],
  by_member: [],
  by_country: [],
  by_year: [],
  footnotes: [{ state: 'not_collected', figure: 'contacts.total', members: [{ member: 'MB', years: [2010, 2011] }] }],
};

describe('network overview formatting', () => {
  it('writes years as ranges', () => {
    expect(yearsText([2012, 2010, 2011, 2015, 2017, 2018])).toBe('2010–2012, 2015, 2017–2018');
    expect(yearsText([])).toBe('');
  });

  it('never shows a cell left out as 0', () => {
    expect(cellText(t, { state: 'not_collected', n: null })).toBe('not collected');
    expect(cellText(t, { state: 'suppressed', n: null })).toBe('suppressed');
    expect(cellText(t, undefined)).toBe('not reported');
    expect(cellText(t, { state: 'count', n: 0 })).toBe('0');
  });

  it('marks totals that left cells out, and says when nothing was counted', () => {
    expect(totalText(t, overview.totals[0])).toBe('4,012 *');
    expect(totalText(t, { figure: 'x', n: 5, counted: 1, left_out: 0, complete: true })).toBe('5');
    expect(totalText(t, { figure: 'x', n: 0, counted: 0, left_out: 3, complete: false })).toBe('none counted');
  });

  it('names the members and years a footnote leaves out', () => {
    const note = overview.footnotes[0];
    expect(note).toBeDefined();
    if (note) expect(footnoteText(t, note, () => 'Calls')).toBe('not collected, Calls: MB (2010–2011)');
  });

  it('stacks counts by member and year with the words in the table', () => {
    const spec = seriesByMember(t, overview, 'contacts.total', ['#000', '#111']);
    expect(spec.labels).toEqual(['2010', '2011', '2012']);
    expect(spec.stacked).toBe(true);
    expect(spec.series.map((s) => s.label)).toEqual(['MA', 'MB']);
    expect(spec.series[0]?.values).toEqual([4000, 0, 0]);
    expect(spec.series[0]?.display).toEqual(['4,000', 'suppressed', 'not reported']);
    expect(spec.series[1]?.display).toEqual(['not collected', 'not collected', '12']);
  });
});
