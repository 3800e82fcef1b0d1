// A code's label comes from the server's code lists only (codes/hotline-codes.tsv via
// GET /api/v1/codes), in the UI language; languages and countries, which the server leaves
// unlabelled, take the browser's names and are ordered by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLists } from '../src/api/types';
import { codeLabel, codesInOrder } from '../src/codes/labels';
import { isoName } from '../src/codes/isoNames';
import { initI18n, setUiLanguage } from '../src/i18n';

const codes: CodeLists = {
  version: 'test',
  lists: { channel: ['phone', 'messaging_app', 'carrier_pigeon'], country: ['DE', 'AT', 'NL'], language: ['nl', 'ab'] },
  labels: {
    channel: {
      phone: { en: 'Phone', nl: 'Telefoon', ro: 'Telefon' },
      messaging_app: { en: 'Messaging app', nl: 'Berichtenapp', ro: 'Aplicație de mesagerie' },
    },
  },
};

describe('codeLabel', () => {
  beforeAll(async () => {
    await initI18n('en');
  });
  afterAll(async () => {
    await setUiLanguage('en');
  });

  it("is the server's label in the UI language", async () => {
    expect(codeLabel(codes, 'channel', 'messaging_app')).toBe('Messaging app');
    await setUiLanguage('nl');
    expect(codeLabel(codes, 'channel', 'phone')).toBe('Telefoon');
    await setUiLanguage('en');
  });

  it('is English when the server sent no label in the UI language', async () => {
    const englishOnly: CodeLists = { ...codes, labels: { channel: { phone: { en: 'Phone' } } } };
    await setUiLanguage('bg');
    expect(codeLabel(englishOnly, 'channel', 'phone')).toBe('Phone');
    const bulgarian: CodeLists = { ...codes, labels: { channel: { phone: { en: 'Phone', bg: 'Телефон' } } } };
    expect(codeLabel(bulgarian, 'channel', 'phone')).toBe('Телефон');
    await setUiLanguage('en');
  });

  it('is the code itself when the server has no label for it', () => {
    expect(codeLabel(codes, 'channel', 'carrier_pigeon')).toBe('carrier_pigeon');
    expect(codeLabel(null, 'channel', 'phone')).toBe('phone');
    expect(codeLabel(codes, 'channel', '')).toBe('');
  });

  it('names languages and countries in the UI language', async () => {
    expect(codeLabel(codes, 'country', 'DE')).toBe('Germany');
    expect(codeLabel(codes, 'language', 'nl')).toBe('Dutch');
    await setUiLanguage('ro');
    expect(codeLabel(codes, 'country', 'DE')).toBe('Germania');
    await setUiLanguage('en');
    expect(codeLabel(codes, 'country', 'XX')).toBe('XX');
  });

  it('has an English name for the rare languages browsers leave unnamed', () => {
    // Chromium's ICU data has no name for "ab"; Node's has. Either way it is not the bare code.
    expect(isoName('language', 'ab', 'en-GB')).toMatch(/^Abkhaz/);
    expect(isoName('language', 'za', 'en-GB')).toBe('Zhuang');
  });
});

describe('codesInOrder', () => {
  it('orders countries by their name in the UI language, not by ISO code', async () => {
    await setUiLanguage('nl');
    // Duitsland, Nederland, Oostenrijk
    expect(codesInOrder(codes, 'country')).toEqual(['DE', 'NL', 'AT']);
    await setUiLanguage('en');
    // Austria, Germany, Netherlands
    expect(codesInOrder(codes, 'country')).toEqual(['AT', 'DE', 'NL']);
  });

  it("keeps a hotline list in the server's order", () => {
    expect(codesInOrder(codes, 'channel')).toEqual(['phone', 'messaging_app', 'carrier_pigeon']);
  });
});
