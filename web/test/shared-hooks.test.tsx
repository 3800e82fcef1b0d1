// @vitest-environment happy-dom
// The hooks the screens share: usePages (a list read page by page) and useCaseForm (a case form's
// values, field in error, status line and request), each driven through a small component.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { TextInput } from '../src/cases/fields';
import { useCaseForm } from '../src/cases/useCaseForm';
import { usePages } from '../src/components/usePages';
import { initI18n } from '../src/i18n';

async function settle() {
  for (let i = 0; i < 4; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

function mount(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.appendChild(root);
  render(node, root);
  return root;
}

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => {
  document.body.innerHTML = '';
});

describe('usePages', () => {
  type Pages = ReturnType<typeof usePages<number, string>>;

  function harness(read: (filter: string, after: string | null) => Promise<{ items: number[]; next_cursor: string | null }>) {
    const seen: { pages: Pages | null } = { pages: null };
    function Harness() {
      seen.pages = usePages({
        read,
        summary: (rows, filter, all) => `${filter}: ${rows.length}${all ? ' (all)' : ''}`,
        order: (a, b) => b - a,
      });
      return null;
    }
    mount(<Harness />);
    return seen;
  }

  it('adds the next page to the rows in order, and says how many are shown', async () => {
    const answers = [
      { items: [3, 5], next_cursor: 'c1' },
      { items: [4], next_cursor: null },
    ];
    const asked: (string | null)[] = [];
    const seen = harness((_f, after) => {
      asked.push(after);
      return Promise.resolve(answers.shift() ?? { items: [], next_cursor: null });
    });
    let added: number | null = null;
    await act(async () => {
      added = await seen.pages!.load('all', null);
    });
    expect(added).toBe(2);
    expect(seen.pages!.items).toEqual([5, 3]);
    expect(seen.pages!.cursor).toBe('c1');
    await act(async () => {
      added = await seen.pages!.load('all', 'c1');
    });
    await settle();
    expect(asked).toEqual([null, 'c1']);
    expect(added).toBe(1);
    expect(seen.pages!.items).toEqual([5, 4, 3]);
    expect(seen.pages!.cursor).toBeNull();
    expect(seen.pages!.notice).toEqual({ kind: 'info', text: 'all: 3 (all)' });
  });

  it('says why a page could not be read, but nothing for an ended session', async () => {
    const seen = harness(() => Promise.reject(new ApiError(500, 'internal', '', '')));
    let added: number | null = 0;
    await act(async () => {
      added = await seen.pages!.load('all', null);
    });
    expect(added).toBeNull();
    expect(seen.pages!.notice?.kind).toBe('error');
    expect(seen.pages!.loading).toBe(false);

    const signedOut = harness(() => Promise.reject(new ApiError(401, 'unauthenticated', '', '')));
    await act(async () => {
      await signedOut.pages!.load('all', null);
    });
    expect(signedOut.pages!.notice).toBeNull();
  });
});

describe('useCaseForm', () => {
  type Form = ReturnType<typeof useCaseForm<{ start_on: string }>>;

  function harness() {
    const seen: { form: Form | null } = { form: null };
    function Harness() {
      const form = useCaseForm('trial', { start_on: '' }, (field) => field.replace(/^period\./, ''));
      seen.form = form;
      return <TextInput {...form.bind('start_on', 'Starts on')} kind="date" />;
    }
    const root = mount(<Harness />);
    return { seen, root };
  }

  it('binds a field by its name: id, value and change', async () => {
    const { seen, root } = harness();
    const input = root.querySelector<HTMLInputElement>('#trial-start_on');
    expect(input).not.toBeNull();
    await act(() => seen.form!.set('start_on')('2026-12-01'));
    expect(seen.form!.values.start_on).toBe('2026-12-01');
    expect(root.querySelector<HTMLInputElement>('#trial-start_on')?.value).toBe('2026-12-01');
  });

  it('says what to correct on the field and in the status line, and focuses the field', async () => {
    const { seen, root } = harness();
    await act(() => seen.form!.invalid('start_on', 'Enter the start.', 'Not saved.'));
    expect(seen.form!.error).toEqual({ field: 'start_on', text: 'Enter the start.' });
    expect(seen.form!.notice).toEqual({ kind: 'error', text: 'Not saved.' });
    expect(document.activeElement?.id).toBe('trial-start_on');
    expect(root.querySelector('#trial-start_on')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('puts a 400 on the field the server names, in the form’s own name, and flags a stale write', async () => {
    const { seen } = harness();
    let ok = true;
    await act(async () => {
      ok = await seen.form!.send(() => Promise.reject(new ApiError(400, 'invalid', 'The start is not a date.', 'period.start_on')));
    });
    expect(ok).toBe(false);
    expect(seen.form!.error).toEqual({ field: 'start_on', text: 'The start is not a date.' });
    expect(seen.form!.busy).toBe(false);

    await act(async () => {
      ok = await seen.form!.send(() => Promise.reject(new ApiError(409, 'conflict', '', 'version')));
    });
    expect(seen.form!.conflict).toBe(true);
    expect(seen.form!.notice?.kind).toBe('error');

    await act(async () => {
      ok = await seen.form!.send(() => Promise.resolve(), { done: 'Saved.' });
    });
    expect(ok).toBe(true);
    expect(seen.form!.conflict).toBe(false);
    expect(seen.form!.error).toBeNull();
    expect(seen.form!.notice).toEqual({ kind: 'success', text: 'Saved.' });
  });
});
