// @vitest-environment happy-dom
// The statistics screen with suppressed small counts (an org admin's view): the tables show
// "<11" where the server sent null, 0 stays 0, and the total says it is a lower bound.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { StatsPage } from '../src/components/StatsPage';
import { initI18n } from '../src/i18n';
import { chartCounts, type ContactStats } from '../src/lists/api';

const suppressed: ContactStats = {
  from: '2022-06-01',
  to: '2022-06-03',
  granularity: 'day',
  series: [
    { period: '2022-06-01', total: null, data: null, non_data: 0, suppressed: ['total', 'data'] },
    { period: '2022-06-02', total: 0, data: 0, non_data: 0 },
    { period: '2022-06-03', total: 11, data: 11, non_data: 0 },
  ],
  breakdowns: {
    category: [
      { code: 'safe_migration', n: 11 },
      { code: 'tip', n: null, suppressed: true },
    ],
  },
  not_collected: [],
  small_counts_below: 11,
};

function fakeApi(body: unknown) {
  const fetchFn = () => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  return new ApiClient({ fetch: fetchFn as unknown as typeof fetch });
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

const rowsOf = (root: HTMLElement, id: string) =>
  [...root.querySelectorAll(`#${id} tbody tr`)].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? ''),
  );

describe('statistics with suppressed small counts', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('shows "<11" for a suppressed count and keeps 0 as 0', async () => {
    const root = document.createElement('div');
    document.body.appendChild(root);
    render(<StatsPage api={fakeApi(suppressed)} />, root);
    await settle();
    expect(rowsOf(root, 'stats-series-table')).toEqual([
      ['1 Jun 2022', '<11', '0'],
      ['2 Jun 2022', '0', '0'],
      ['3 Jun 2022', '11', '0'],
    ]);
    expect(rowsOf(root, 'stats-category-table').map((r) => r[1])).toEqual(['11', '<11']);
    expect(root.querySelector('.stats-total')?.textContent).toContain('11+');
    expect(root.textContent).not.toContain('NaN');
  });

  it('draws a suppressed count as 0 and labels the table only when one is suppressed', () => {
    expect(chartCounts([3, 0])).toEqual({ values: [3, 0] });
    expect(chartCounts([null, 0, 12], 11)).toEqual({ values: [0, 0, 12], display: ['<11', '0', '12'] });
  });
});
