// What to tell a person about a failed request: always what happened and what to do next.
import type { TFunction } from 'i18next';
import { ApiError } from './client';

export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('app.unreachable');
    // 503: the server is busy, or its database is away or its disk full; nothing was saved.
    if (error.status === 503) return t('app.unavailable');
    if (error.status >= 500 || error.message === '') return t('app.serverError');
    return error.message;
  }
  return t('app.serverError');
}
