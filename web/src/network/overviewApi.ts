// The network overview's API at the hub (docs/network.md, "The overview" and "Publication").
import type { ApiClient } from '../api/client';

export type CellState = 'count' | 'suppressed' | 'not_collected' | 'not_reported';

export interface OverviewCell {
  state: CellState;
  n: number | null;
}

export interface OverviewTotal {
  figure: string;
  n: number;
  counted: number;
  left_out: number;
  complete: boolean;
}

export interface OverviewMember {
  code: string;
  name: string;
  country: string;
}

export interface OverviewRow {
  member: string;
  year: number;
  revision: number | null;
  origin: 'computed' | 'imported' | null;
  figures: Record<string, OverviewCell>;
}

export interface Footnote {
  state: Exclude<CellState, 'count'>;
  figure: string;
  members: { member: string; years: number[] }[];
}

export interface Overview {
  from: number;
  to: number;
  figures: string[];
  members: OverviewMember[];
  rows: OverviewRow[];
  totals: OverviewTotal[];
  by_member: { member: string; totals: OverviewTotal[] }[];
  by_country: { country: string; totals: OverviewTotal[] }[];
  by_year: { year: number; totals: OverviewTotal[] }[];
  footnotes: Footnote[];
}

export interface Publication {
  year_from: number | null;
  year_to: number | null;
  figures: string[];
  members: string[];
  updated_at: string | null;
  version: number;
}

/** The figures the overview offers to choose (the server's default first: the headline ones). */
export const headlineFigures = ['contacts.total', 'people.total', 'people.new', 'services.total', 'referrals.out.cross_border', 'returns'];
export const choosableFigures = [
  ...headlineFigures,
  'contacts.data',
  'contacts.non_data',
  'people.ongoing',
  'referrals.in.national',
  'referrals.in.cross_border',
  'referrals.out.national',
  'cases.in_proceedings',
  'trainings.courses',
  'trainings.participants',
];

/** The address of the overview of years [from, to] and `figures` (format json, csv or xlsx). */
export function overviewPath(from: number, to: number, format: 'json' | 'csv' | 'xlsx' = 'json', figures: readonly string[] = []): string {
  const q = `from=${String(from)}&to=${String(to)}`;
  const chosen = figures.length > 0 ? `&figures=${figures.map(encodeURIComponent).join(',')}` : '';
  return `/api/v1/network/overview?${q}${chosen}${format === 'json' ? '' : `&format=${format}`}`;
}

export const getOverview = (api: ApiClient, from: number, to: number, figures: readonly string[] = []) =>
  api.request<Overview>('GET', overviewPath(from, to, 'json', figures));
export interface ReceivedReport {
  member: string;
  period: 'month' | 'quarter' | 'year';
  start: string;
  label: string;
  revision: number;
  origin: 'computed' | 'imported';
  small_count_k: number;
  key_id: string;
  received_at: string;
  latest: boolean;
}

export const listReceivedReports = (api: ApiClient) => api.request<{ items: ReceivedReport[] }>('GET', '/api/v1/network/reports');
export const getPublication = (api: ApiClient) => api.request<Publication>('GET', '/api/v1/network/publication');
export const savePublication = (
  api: ApiClient,
  p: { year_from: number; year_to: number; figures: string[]; members: string[]; version: number },
) => api.request<Publication>('PUT', '/api/v1/network/publication', { body: p });
