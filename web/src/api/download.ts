import { ApiError, parseError } from './client';

/**
 * Fetches `path` with the session cookie and hands the answer to the browser as a file named
 * `filename`. Resolves with the response (its headers may carry figures such as a row count).
 */
export async function downloadFile(path: string, filename: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'unreachable', '', '');
  }
  if (!response.ok) throw parseError(response.status, await response.text());
  saveBlob(await response.blob(), filename);
  return response;
}

/** Hands `blob` to the browser as a file named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
