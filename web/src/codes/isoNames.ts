// Names of ISO 639-1 languages and ISO 3166-1 regions, for the code lists the server sends
// without labels (docs/openapi.yaml, GET /api/v1/codes). The browser's Intl.DisplayNames names
// most of them in the UI language; Chromium's trimmed ICU data has no name for about 50 rarer
// languages, so the standard's English names stand in for those.
const iso639EnglishNames: Readonly<Record<string, string>> = {
  aa: 'Afar',
  ab: 'Abkhazian',
  ae: 'Avestan',
  av: 'Avaric',
  ba: 'Bashkir',
  bi: 'Bislama',
  bo: 'Tibetan',
  ce: 'Chechen',
  ch: 'Chamorro',
  cr: 'Cree',
  cu: 'Church Slavic',
  cv: 'Chuvash',
  dz: 'Dzongkha',
  ff: 'Fulah',
  fj: 'Fijian',
  gv: 'Manx',
  ho: 'Hiri Motu',
  hz: 'Herero',
  ie: 'Interlingue',
  ii: 'Sichuan Yi',
  ik: 'Inupiaq',
  io: 'Ido',
  iu: 'Inuktitut',
  kg: 'Kongo',
  ki: 'Kikuyu',
  kj: 'Kuanyama',
  kl: 'Kalaallisut',
  kr: 'Kanuri',
  ks: 'Kashmiri',
  kv: 'Komi',
  kw: 'Cornish',
  li: 'Limburgish',
  lu: 'Luba-Katanga',
  mh: 'Marshallese',
  na: 'Nauru',
  nd: 'North Ndebele',
  ng: 'Ndonga',
  nr: 'South Ndebele',
  nv: 'Navajo',
  oj: 'Ojibwa',
  os: 'Ossetian',
  pi: 'Pali',
  rn: 'Rundi',
  sc: 'Sardinian',
  se: 'Northern Sami',
  sg: 'Sango',
  ss: 'Swati',
  ty: 'Tahitian',
  ve: 'Venda',
  vo: 'Volapük',
  za: 'Zhuang',
};

const displayTypes: Readonly<Record<string, 'language' | 'region'>> = { language: 'language', country: 'region' };

/** Whether `list` is one of the ISO lists the server leaves unlabelled. */
export function isIsoList(list: string): boolean {
  return list in displayTypes;
}

/** The name of an ISO language or country code in `locale`, or null when nobody knows one. */
export function isoName(list: string, code: string, locale: string): string | null {
  const type = displayTypes[list];
  if (type === undefined) return null;
  if (typeof Intl.DisplayNames === 'function') {
    try {
      const name = new Intl.DisplayNames([locale], { type, fallback: 'none' }).of(code);
      if (name !== undefined && name !== '' && name !== code) return name;
    } catch {
      // not a well-formed code: no name
    }
  }
  return type === 'language' ? (iso639EnglishNames[code] ?? null) : null;
}
