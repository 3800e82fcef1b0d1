// The aggregate reports' API (docs/reports.md): list, compute, read, approve, settings, import.
import type { ApiClient } from '../api/client';

export type FigureState = 'count' | 'suppressed' | 'not_collected';

export interface ReportSummary {
  id: string;
  period: 'month' | 'quarter' | 'year';
  start: string;
  label: string;
  revision: number;
  origin: 'computed' | 'imported';
  status: 'draft' | 'approved' | 'submitted';
  small_count_k: number;
  created_at: string | null;
  approved_at: string | null;
  /** When it was queued for the network's hub, and when the hub said it received it. */
  submitted_at: string | null;
  hub_received_at: string | null;
}

export interface ReportFigure {
  id: string;
  group: string;
  state: FigureState;
  n: number | null;
}

export interface Report extends ReportSummary {
  figures: ReportFigure[];
}

export interface FigureGroup {
  id: string;
  code_list: string;
  total: string;
  figures: string[];
}

export interface ReportSettings {
  small_count_k: number;
  minimum_k: number;
  not_collected: string[];
}

export interface ImportLineError {
  line: number;
  field: string;
  message: string;
}

export const listReports = (api: ApiClient) => api.request<{ items: ReportSummary[] }>('GET', '/api/v1/reports');
export const getReport = (api: ApiClient, id: string) => api.request<Report>('GET', `/api/v1/reports/${encodeURIComponent(id)}`);
export const computeReport = (api: ApiClient, period: string, start: string) =>
  api.request<Report>('POST', '/api/v1/reports', { body: { period, start } });
export const approveReport = (api: ApiClient, id: string) =>
  api.request<Report>('POST', `/api/v1/reports/${encodeURIComponent(id)}/approve`, { body: {} });
export const submitReport = (api: ApiClient, id: string) =>
  api.request<Report>('POST', `/api/v1/reports/${encodeURIComponent(id)}/submit`, { body: {} });
export const submitAllApproved = (api: ApiClient) =>
  api.request<{ items: ReportSummary[] }>('POST', '/api/v1/reports/submit-approved', { body: {} });
export const reportDefinition = (api: ApiClient) =>
  api.request<{ version: number; groups: FigureGroup[] }>('GET', '/api/v1/reports/definition');
export const reportSettings = (api: ApiClient) => api.request<ReportSettings>('GET', '/api/v1/reports/settings');
export const saveReportSettings = (api: ApiClient, settings: { small_count_k: number; not_collected: string[] }) =>
  api.request<ReportSettings>('PUT', '/api/v1/reports/settings', { body: settings });
export const importReports = (api: ApiClient, file: Blob) =>
  api.upload<{ items: ReportSummary[] }>('/api/v1/reports/import', file, {}, () => undefined);

/** The lines of a 422 answer to an import, or none. */
export function importErrors(body: Record<string, unknown>): ImportLineError[] {
  const error = body.error as { lines?: unknown } | undefined;
  return Array.isArray(error?.lines) ? (error.lines as ImportLineError[]) : [];
}

/** The code a breakdown figure id ends with ("contacts.by_channel.phone" in group "contacts.by_channel"). */
export function codeOfFigure(group: FigureGroup, figureId: string): string {
  return figureId.startsWith(`${group.id}.`) ? figureId.slice(group.id.length + 1) : figureId;
}
