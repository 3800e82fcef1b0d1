// Aligns a language file translated from an older en.json with English's current keys:
//   node scripts/i18n-align.mjs cs
// A message English now splits into plural forms (x_one, x_other) gets the forms the language's
// Intl.PluralRules name, each starting as the old text; keys English no longer has are dropped;
// stats.total's {{count}} becomes {{total}}. It prints the plural messages whose English forms
// differ ("1 report" / "3 reports"): their forms need writing by hand, the copies are only a
// start. test/i18n.test.tsx then checks the file. Keys missing from the file are reported, not
// invented.
import { readFileSync, writeFileSync } from 'node:fs';

const lng = process.argv[2];
if (!lng) throw new Error('usage: node scripts/i18n-align.mjs <language code>');
const dir = new URL('../src/i18n/', import.meta.url);
const en = JSON.parse(readFileSync(new URL('en.json', dir), 'utf8'));
const file = new URL(`${lng}.json`, dir);
const old = JSON.parse(readFileSync(file, 'utf8'));
const order = ['zero', 'one', 'two', 'few', 'many', 'other'];
const forms = [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort((a, b) => order.indexOf(a) - order.indexOf(b));
const plural = /_(zero|one|two|few|many|other)$/;
const toWrite = [];
const missing = [];

function align(reference, theirs, path) {
  const out = {};
  const done = new Set();
  for (const [key, value] of Object.entries(reference)) {
    const here = [...path, key].join('.');
    if (typeof value !== 'string') {
      out[key] = align(value, typeof theirs?.[key] === 'object' ? theirs[key] : {}, [...path, key]);
      continue;
    }
    const base = key.replace(plural, '');
    if (base === key) {
      let text = theirs?.[key];
      if (text === undefined && here === 'stats.total') text = theirs?.total_other;
      if (typeof text !== 'string') missing.push(here);
      else out[key] = here === 'stats.total' ? text.replace('{{count}}', '{{total}}') : text;
      continue;
    }
    if (done.has(base)) continue;
    done.add(base);
    if (reference[`${base}_one`] !== reference[`${base}_other`]) toWrite.push([...path, base].join('.'));
    const start = theirs?.[`${base}_other`] ?? theirs?.[base];
    if (typeof start !== 'string') {
      missing.push([...path, base].join('.'));
      continue;
    }
    for (const form of forms) out[`${base}_${form}`] = theirs?.[`${base}_${form}`] ?? start;
  }
  return out;
}

writeFileSync(file, `${JSON.stringify(align(en, old, []), null, 2)}\n`);
const say = (line) => process.stdout.write(`${line}\n`);
say(`${lng}: plural forms ${forms.join(', ')}`);
say(`write these forms by hand (English says them differently): ${toWrite.join(', ') || 'none'}`);
if (missing.length > 0) say(`missing (translate them): ${missing.join(', ')}`);
