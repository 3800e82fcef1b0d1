// What to tell a person about a failed request: always what happened and what to do next.
import type { TFunction } from 'i18next';
import { ApiError } from './client';

export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('app.unreachable');
    if (error.status >= 500 || error.message === '') return t('app.serverError');
    return error.message;
  }
  return t('app.serverError');
}
