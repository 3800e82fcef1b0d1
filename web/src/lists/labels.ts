import type { CodeLists } from '../api/types';
import { codeLabel, currentUiLanguage } from '../i18n';

/** Code lists as GET /api/v1/codes sends them, with labels when the server has them. */
export type LabelledCodes = CodeLists & {
  labels?: Record<string, Record<string, Partial<Record<string, string>>>>;
};

/** The server's label of a code in the UI language, else ours, else the raw code. */
export function labelOf(codes: LabelledCodes | null, list: string, code: string): string {
  if (code === '') return '';
  const fromServer = codes?.labels?.[list]?.[code]?.[currentUiLanguage()];
  return fromServer && fromServer !== '' ? fromServer : codeLabel(list, code);
}
