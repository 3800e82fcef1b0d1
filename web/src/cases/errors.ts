// What the case screens say when a request fails: what happened and what to do next. A 401 says
// nothing here (the app signs the person out and says so).
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';

/** The message for a failed request, or null when the session has ended. */
export function failureText(t: TFunction, error: unknown): string | null {
  if (!(error instanceof ApiError)) return errorMessage(t, error);
  if (error.status === 401) return null;
  if (error.status === 404) return t('cases.errors.notFound');
  if (error.status === 409 && error.message === '') return t('cases.errors.conflict');
  if (error.status === 403 && error.message === '') return t('cases.errors.forbidden');
  return errorMessage(t, error);
}

/** Whether `error` is a stale write (409 with the current version): the screen offers to reload. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/** The field the server named in a 400, else "". */
export function badField(error: unknown): string {
  return error instanceof ApiError && error.status === 400 ? error.field : '';
}

