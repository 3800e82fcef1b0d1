#!/usr/bin/env node
// scripts/country-names.mjs: rewrites codes/country-names.tsv, the names of every country of the
// country code list (its first column: ISO 3166-1 alpha-2, from Debian's iso-codes) in each UI
// language (domain::kLabelLanguages: en, nl, ro, bg, ar, cs, pl, uk, ru). The names are CLDR's, as Intl.DisplayNames
// gives them: the names the web client shows beside a country code, so the knowledge search
// finds an article by the name a consultant reads on screen.
//
//   node scripts/country-names.mjs      (Node with full ICU, the default build)
//
// To change the country list, edit the code column, then run it. Articles already stored are
// re-indexed with the new names at the next start (hotline::refreshKnowledgeIndex).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'codes/country-names.tsv');
const codes = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t')[0]);
if (!codes.every((code) => /^[A-Z]{2}$/.test(code))) throw new Error('a code is not two capitals');
const languages = ['en', 'nl', 'ro', 'bg', 'ar', 'cs', 'pl', 'uk', 'ru']; // domain::kLabelLanguages
const names = languages.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'code' }));

const rows = codes.map((code) => [code, ...names.map((n) => n.of(code).normalize('NFC'))].join('\t'));
const header = `# Country names: ISO 3166-1 alpha-2 code (Debian's iso-codes), then its name in English, Dutch,
# Romanian, Bulgarian, Arabic, Czech, Polish, Ukrainian and Russian (domain::kLabelLanguages),
# tab-separated. The code column is the country code list. Names are CLDR's, written by
# scripts/country-names.mjs (Node ${process.versions.node}, ICU ${process.versions.icu}, CLDR ${process.versions.cldr}): run it after changing
# the codes.
`;
writeFileSync(file, header + rows.join('\n') + '\n');
console.log(`${codes.length} countries written to codes/country-names.tsv`);
