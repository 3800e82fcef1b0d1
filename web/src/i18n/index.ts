// The i18n layer: i18next core with our messages, plus a tiny Preact hook.
// The messages are data: one JSON file a language. English is the reference and the fallback, and
// the only bundle in the first page; every other language is loaded when it is chosen (a dynamic
// import, so Vite makes it a file of its own). Every other language must have English's keys (the
// type below checks that at build time; test/i18n.test.tsx also fails on a key English lacks, an
// empty text, a lost {{placeholder}} or plural forms that do not fit the language).
import i18next, { type FormatterModule, type TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import en from './en.json';

// Same shape as English, any strings. Plural keys (x_one, x_few, ...) differ between languages
// (Intl.PluralRules), so the build checks every other key and the test checks the plural ones.
type PluralKey = `${string}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`;
type Shape<T> = { [K in keyof T as K extends PluralKey ? never : K]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
type Bundle = () => Promise<{ default: Messages }>;

/**
 * The languages of the UI, in the order the switch offers them: the name each gives itself, the
 * locale of its dates and numbers, its writing direction and its messages. Adding a language is a
 * line here and its JSON file (a line naming a file that is not there fails the build); a file
 * translated from an older en.json is brought to its keys by `node scripts/i18n-align.mjs xx`.
 */
const registry = {
  en: { name: 'English', locale: 'en-GB', dir: 'ltr', load: () => Promise.resolve({ default: en }) },
  nl: { name: 'Nederlands', locale: 'nl-NL', dir: 'ltr', load: () => import('./nl.json') },
  ro: { name: 'Română', locale: 'ro-RO', dir: 'ltr', load: () => import('./ro.json') },
  bg: { name: 'Български', locale: 'bg-BG', dir: 'ltr', load: () => import('./bg.json') },
  ar: { name: 'العربية', locale: 'ar', dir: 'rtl', load: () => import('./ar.json') },
  cs: { name: 'Čeština', locale: 'cs-CZ', dir: 'ltr', load: () => import('./cs.json') },
  pl: { name: 'Polski', locale: 'pl-PL', dir: 'ltr', load: () => import('./pl.json') },
  uk: { name: 'Українська', locale: 'uk-UA', dir: 'ltr', load: () => import('./uk.json') },
  ru: { name: 'Русский', locale: 'ru-RU', dir: 'ltr', load: () => import('./ru.json') },
} satisfies Record<string, { name: string; locale: string; dir: 'ltr' | 'rtl'; load: Bundle }>;
// Hotlines are European: English dates read day-month-year, 24-hour clock (en-GB).

export type UiLanguage = keyof typeof registry;
export const uiLanguages = Object.keys(registry) as UiLanguage[];

/** The language's name in itself ("Български"), as the switch offers it. */
export function languageName(lng: UiLanguage): string {
  return registry[lng].name;
}

/** The BCP 47 locale for Intl formatters of a UI language. */
export function languageLocale(lng: UiLanguage): string {
  return registry[lng].locale;
}

/** The messages of a language, loaded if they are not yet. */
export async function loadMessages(lng: UiLanguage): Promise<Messages> {
  return (await registry[lng].load()).default;
}

// Only the chosen UI language is stored; it is a preference, not personal data.
const storageKey = 'strada.uiLanguage';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && Object.hasOwn(registry, value);
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
  if (typeof document === 'undefined' || !isUiLanguage(lng)) return;
  document.documentElement.lang = lng;
  document.documentElement.dir = registry[lng].dir;
}

// A {{count}} is written with the language's digits and grouping ("12,345", "12 345", "١٢٬٣٤٥");
// other numbers in messages (years, ids) stay as they are. No message uses i18next's
// {{x, format}} syntax, so this formatter is the only one.
const countFormatter: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  format(value: unknown, _format, lng, options) {
    const count = typeof value === 'number' && options?.interpolationkey === 'count';
    // Anything else as it came (a missing value stays undefined for i18next to handle).
    return count && isUiLanguage(lng) ? new Intl.NumberFormat(registry[lng].locale).format(value) : (value as string);
  },
};

export const i18n = i18next.createInstance().use(countFormatter);

async function ensureLoaded(lng: UiLanguage): Promise<void> {
  if (i18n.hasResourceBundle(lng, 'translation')) return;
  i18n.addResourceBundle(lng, 'translation', await loadMessages(lng));
}

export async function initI18n(lng?: UiLanguage): Promise<TFunction> {
  let wanted = lng ?? storedLanguage() ?? browserLanguage() ?? 'en';
  const resources: Record<string, { translation: Messages }> = { en: { translation: en } };
  if (wanted !== 'en') {
    try {
      resources[wanted] = { translation: await loadMessages(wanted) };
    } catch {
      wanted = 'en'; // the bundle did not arrive (offline): English rather than no page
    }
  }
  i18n.on('languageChanged', applyToDocument);
  const t = await i18n.init({
    resources,
    partialBundledLanguages: true,
    lng: wanted,
    fallbackLng: 'en',
    supportedLngs: uiLanguages,
    interpolation: { escapeValue: false, alwaysFormat: true }, // Preact escapes text itself
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(wanted);
  return t;
}

export async function setUiLanguage(lng: UiLanguage): Promise<void> {
  await ensureLoaded(lng);
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
