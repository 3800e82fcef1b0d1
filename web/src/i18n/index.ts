// The i18n layer: i18next core with our bundled messages, plus a tiny Preact hook.
// The messages are data: one JSON file a language. English is the reference: every other language
// must have its keys (the type below checks that at build time; test/i18n.test.tsx also fails on a
// key English lacks, an empty text or a lost {{placeholder}}).
import i18next, { type TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import en from './en.json';
import nl from './nl.json';
import ro from './ro.json';

// Same shape as English, any strings.
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
type Messages = Shape<typeof en>;

export const messages: Record<'en' | 'nl' | 'ro', Messages> = { en, nl, ro };
type UiLanguage = keyof typeof messages;
export const uiLanguages = Object.keys(messages) as UiLanguage[];

// Only the chosen UI language is stored; it is a preference, not personal data.
const storageKey = 'strada.uiLanguage';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (uiLanguages as string[]).includes(value);
}

function storedLanguage(): UiLanguage | null {
  try {
    const value = globalThis.localStorage?.getItem(storageKey);
    return isUiLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled: fall back to the browser's languages
  }
}

function browserLanguage(): UiLanguage | null {
  const wanted = globalThis.navigator?.languages ?? [];
  for (const tag of wanted) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return null;
}

function applyToDocument(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export const i18n = i18next.createInstance();

export function initI18n(lng?: UiLanguage): Promise<TFunction> {
  i18n.on('languageChanged', applyToDocument);
  return i18n.init({
    resources: Object.fromEntries(
      Object.entries(messages).map(([code, bundle]) => [code, { translation: bundle }]),
    ),
    lng: lng ?? storedLanguage() ?? browserLanguage() ?? 'en',
    fallbackLng: 'en',
    supportedLngs: uiLanguages,
    interpolation: { escapeValue: false }, // Preact escapes text itself
    returnNull: false,
    initAsync: false,
  });
}

export async function setUiLanguage(lng: UiLanguage): Promise<void> {
  try {
    globalThis.localStorage?.setItem(storageKey, lng);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  await i18n.changeLanguage(lng);
}

export function currentUiLanguage(): UiLanguage {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isUiLanguage(lng) ? lng : 'en';
}

// Re-renders the calling component whenever the language changes.
export function useT(): TFunction {
  const [, setLanguage] = useState(i18n.language);
  useEffect(() => {
    const onChange = (lng: string) => setLanguage(lng);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
  return i18n.t.bind(i18n);
}
