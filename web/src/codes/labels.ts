// What a code of GET /api/v1/codes is called on screen. The server's code lists
// (codes/hotline-codes.tsv) are the only source of code labels; the i18n files carry none.
import type { CodeLists } from '../api/types';
import { currentUiLanguage } from '../i18n';
import { uiLocale } from '../format';
import { isIsoList, isoName } from './isoNames';

/**
 * A code's label: the server's label in the UI language; for the language and country lists,
 * which the server leaves unlabelled, the name the browser (or ISO 639) gives; else the code.
 */
export function codeLabel(codes: CodeLists | null | undefined, list: string, code: string): string {
  if (code === '') return '';
  const labels: Partial<Record<string, string>> | undefined = codes?.labels?.[list]?.[code];
  // The server labels in every UI language but sends only the one asked for and English: English
  // until the labels of a newly chosen language arrive.
  const fromServer = labels?.[currentUiLanguage()] ?? labels?.en;
  if (fromServer !== undefined && fromServer !== '') return fromServer;
  if (isIsoList(list)) return isoName(list, code, uiLocale()) ?? code;
  return code;
}

/** What a contact was about: its category, or for a non-data contact its non-data type. */
export function contactTopicLabel(
  codes: CodeLists | null | undefined,
  contact: { kind?: string; category?: string | null; non_data_type?: string | null },
): string {
  return contact.kind === 'non_data'
    ? codeLabel(codes, 'non_data_type', contact.non_data_type ?? '')
    : codeLabel(codes, 'category', contact.category ?? '');
}

/**
 * The codes of `list` (or `only` of them) in the order a person looks for them: languages and
 * countries by name in the UI language, hotline lists in the server's order (which is meaningful:
 * "other" and "unknown" come last).
 */
export function codesInOrder(codes: CodeLists | null | undefined, list: string, only?: readonly string[]): string[] {
  const all = [...(only ?? codes?.lists[list] ?? [])];
  if (!isIsoList(list)) return all;
  const collator = new Intl.Collator(uiLocale(), { sensitivity: 'base' });
  const named = all.map((code) => ({ code, name: codeLabel(codes, list, code) }));
  named.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
  return named.map((n) => n.code);
}

/** Languages hotlines hear most often: offered above the rest of the ISO 639-1 list. */
export const frequentLanguages: readonly string[] = [
  'en', 'nl', 'ro', 'bg', 'uk', 'ru', 'pl', 'de', 'fr', 'es', 'it', 'pt', 'cs', 'sk', 'hu',
  'lt', 'lv', 'et', 'sq', 'mk', 'sr', 'hr', 'bs', 'ar', 'tr', 'fa', 'ti', 'vi', 'zh',
];
