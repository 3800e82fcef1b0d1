// Reading the one record a page shows (an agency, a contact, an article, a safety plan) whenever
// its id changes. An answer that comes after the page moved on (another id, or closed) is dropped.
import type { TFunction } from 'i18next';
import { useEffect } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';

interface RecordHandlers<T> {
  /** The record arrived; `isLive` says whether the page still wants what it reads next. */
  loaded: (record: T, isLive: () => boolean) => void;
  /** It could not be read (`failureText` words the usual cases). */
  failed: (error: unknown) => void;
  /** Before each read, such as forgetting the record of the previous id. */
  starting?: () => void;
  /** Pass a 401 to `failed` too; by default it is left to the app, which shows the sign-in page. */
  reportSignedOut?: boolean;
}

export function useRecord<T>(read: () => Promise<T>, id: string, handlers: RecordHandlers<T>): void {
  const { loaded, failed, starting, reportSignedOut = false } = handlers;
  useEffect(() => {
    let live = true;
    const isLive = () => live;
    starting?.();
    read().then(
      (record) => {
        if (live) loaded(record, isLive);
      },
      (error: unknown) => {
        const signedOut = error instanceof ApiError && error.status === 401;
        if (live && (reportSignedOut || !signedOut)) failed(error);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
}

/** Why a record could not be read: `notFound` for a 404, else what errorMessage says. */
export function failureText(t: TFunction, error: unknown, notFound: string): string {
  return error instanceof ApiError && error.status === 404 ? notFound : errorMessage(t, error);
}
