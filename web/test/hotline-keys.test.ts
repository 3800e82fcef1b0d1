// The hotline form's keys as data: what each key does where the focus is, the arrow keys in a
// row of buttons (one Tab stop), and when a form counts as filled.
import { describe, expect, it } from 'vitest';
import { emptyForm, isFilled } from '../src/contacts/hotlineValues';
import { nextIndex, rovingTabIndex } from '../src/contacts/rovingFocus';
import { jumpKeys, shortcutFor, type KeyContext, type KeyPress } from '../src/contacts/shortcuts';
import { contactFormReducer } from '../src/contacts/useContactForm';

const key = (k: string, over: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  code: k.length === 1 ? `Key${k.toUpperCase()}` : k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});
const data: KeyContext = { inTextField: false, onButton: false, nonData: false, nonDataType: '' };

describe('shortcutFor', () => {
  it('chooses with single keys outside text fields only', () => {
    expect(shortcutFor(key('t'), data)).toEqual({ kind: 'category', code: 'tip' });
    expect(shortcutFor(key('1'), data)).toEqual({ kind: 'callerType', code: 'possible_victim' });
    expect(shortcutFor(key('n'), data)).toEqual({ kind: 'setKind', value: 'non_data' });
    expect(shortcutFor(key('s'), { ...data, nonData: true })).toEqual({ kind: 'nonDataType', code: 'silent' });
    expect(shortcutFor(key('t'), { ...data, inTextField: true })).toBeNull();
    expect(shortcutFor(key('x'), data)).toBeNull();
  });

  it('jumps with Alt and the key by its position, also in text fields (a Mac Option key types ©)', () => {
    const inText = { ...data, inTextField: true };
    for (const [to, letter] of Object.entries(jumpKeys)) {
      expect(shortcutFor(key('©', { altKey: true, code: `Key${letter}` }), inText)).toEqual({ kind: 'jump', to });
    }
    expect(shortcutFor(key('n', { altKey: true }), inText)).toEqual({ kind: 'newContact' });
    expect(shortcutFor(key('o', { altKey: true, shiftKey: true }), inText)).toBeNull();
  });

  it('finishes with Ctrl+Enter anywhere, and with Enter on a chosen non-data kind', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }), { ...data, inTextField: true })).toEqual({ kind: 'finish' });
    expect(shortcutFor(key('s', { ctrlKey: true }), data)).toEqual({ kind: 'saveDraft' });
    const nonData = { ...data, nonData: true, nonDataType: 'silent' };
    expect(shortcutFor(key('Enter'), nonData)).toEqual({ kind: 'finish' });
    expect(shortcutFor(key('Enter'), { ...nonData, onButton: true })).toBeNull(); // the button's own Enter
    expect(shortcutFor(key('Enter'), data)).toBeNull();
  });
});

describe('a row of buttons as one Tab stop', () => {
  it('is entered on the chosen button, else the first', () => {
    expect([0, 1, 2].map((i) => rovingTabIndex(i, 1))).toEqual([-1, 0, -1]);
    expect([0, 1, 2].map((i) => rovingTabIndex(i, -1))).toEqual([0, -1, -1]);
  });

  it('moves with the arrows (wrapping), Home and End', () => {
    expect(nextIndex('ArrowRight', 2, 3)).toBe(0);
    expect(nextIndex('ArrowDown', 0, 3)).toBe(1);
    expect(nextIndex('ArrowLeft', 0, 3)).toBe(2);
    expect(nextIndex('Home', 2, 3)).toBe(0);
    expect(nextIndex('End', 0, 3)).toBe(2);
    expect(nextIndex('a', 0, 3)).toBeNull();
  });
});

describe('the form state', () => {
  const empty = emptyForm(['en', 'nl'], 'nl', new Date(2026, 11, 3, 8, 0));

  it('counts as filled once anything but its start time differs from an empty form', () => {
    expect(empty.language).toBe('nl');
    expect(isFilled({ ...empty, startedAt: '2026-12-03T09:00' }, empty)).toBe(false);
    expect(isFilled({ ...empty, category: 'tip' }, empty)).toBe(true);
    expect(isFilled({ ...empty, summary: 'x' }, empty)).toBe(true);
  });

  it('counts edits, not loads', () => {
    let state = contactFormReducer({ values: empty, agencyNames: {}, fieldError: null, edits: 0 }, { type: 'edit', patch: { category: 'tip' } });
    state = contactFormReducer(state, { type: 'agencies', ids: ['a'], names: { a: 'Shelter' } });
    expect(state.edits).toBe(2);
    expect(state.values.referralAgencyIds).toEqual(['a']);
    state = contactFormReducer(state, { type: 'fieldError', error: { field: 'category', text: 'Choose.' } });
    state = contactFormReducer(state, { type: 'load', values: empty });
    expect(state).toEqual({ values: empty, agencyNames: {}, fieldError: null, edits: 0 });
  });
});
