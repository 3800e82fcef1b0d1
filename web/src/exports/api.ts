// The standard exports (docs/openapi.yaml, tag "exports"; docs/exports.md): the HTCDS 2.0 file
// downloaded as is, and the CTDC export run first so that its report is read before its file is
// saved.
import type { ApiClient } from '../api/client';
import { downloadFile, saveBlob } from '../api/download';
import type { CtdcExport, CtdcExportInput } from '../../generated/schema';

export type { CtdcExport, CtdcExportReport, CtdcExportStep } from '../../generated/schema';

/** The period's query string ("" bounds left out). */
function periodQuery(from: string, to: string): string {
  const params = new URLSearchParams();
  if (from !== '') params.set('from', from);
  if (to !== '') params.set('to', to);
  return params.toString();
}

/** Downloads the HTCDS 2.0 file of the cases opened in the period. */
export async function downloadHtcds(from: string, to: string, format: 'csv' | 'xlsx', baseUrl = ''): Promise<void> {
  const query = periodQuery(from, to);
  await downloadFile(
    `${baseUrl}/api/v1/exports/htcds?${query}${query === '' ? '' : '&'}format=${format}`,
    `strada-htcds.${format}`,
  );
}

/** Runs the CTDC export: its report and its file's content. */
export function runCtdcExport(api: ApiClient, input: CtdcExportInput): Promise<CtdcExport> {
  return api.request<CtdcExport>('POST', '/api/v1/exports/ctdc', { body: input });
}

/** Hands the CTDC file to the browser. */
export function saveCtdcFile(file: CtdcExport['file']): void {
  saveBlob(new Blob([file.content], { type: file.content_type }), file.name);
}
