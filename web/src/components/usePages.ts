// A list read a page at a time by the server's cursor (contacts, cases, agencies): the rows so
// far, the next page's cursor, whether a page is on its way, and the status line that says how
// many are shown or why the list could not be read.
import type { TFunction } from 'i18next';
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/messages';
import { useT } from '../i18n';
import type { Notice } from './StatusRegion';

interface Page<Row> {
  items: Row[];
  /** null on the last page. */
  next_cursor: string | null;
}

interface PagesOptions<Row, Filter> {
  read: (filter: Filter, after: string | null) => Promise<Page<Row>>;
  /** What the status line says once a page is in, given every row so far and whether that is all. */
  summary: (rows: Row[], filter: Filter, all: boolean) => string;
  /** The rows' order, when the pages do not keep it by themselves. */
  order?: (a: Row, b: Row) => number;
  /** Why a read failed; null says nothing. By default a 401 says nothing (the app signs out). */
  failure?: (t: TFunction, error: unknown) => string | null;
  /** The status line before the first page. */
  initial?: Notice | null;
}

const unlessSignedOut = (t: TFunction, error: unknown) =>
  error instanceof ApiError && error.status === 401 ? null : errorMessage(t, error);

export function usePages<Row, Filter>({ read, summary, order, failure = unlessSignedOut, initial = null }: PagesOptions<Row, Filter>) {
  const t = useT();
  const [items, setItems] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(initial);

  /** Reads the first page (`after` null) or the next one: how many rows it added, or null when it failed. */
  async function load(filter: Filter, after: string | null): Promise<number | null> {
    setLoading(true);
    try {
      const page = await read(filter, after);
      const merged = [...(after === null ? [] : (items ?? [])), ...page.items];
      if (order) merged.sort(order);
      setItems(merged);
      setCursor(page.next_cursor);
      setNotice({ kind: 'info', text: summary(merged, filter, page.next_cursor === null) });
      return page.items.length;
    } catch (error) {
      const text = failure(t, error);
      if (text !== null) setNotice({ kind: 'error', text });
      return null;
    } finally {
      setLoading(false);
    }
  }

  return { items, cursor, loading, notice, setNotice, load };
}
