// @vitest-environment happy-dom
// The UI decides what to offer from the server's answers only: the permissions GET /api/v1/me
// lists and a contact's may_correct. Roles are shown, never interpreted.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Contact, User } from '../src/api/types';
import { contact as baseContact } from './fixtures';
import { Shell } from '../src/components/Shell';
import { mayCorrect, mayFlagCallers } from '../src/contacts/permissions';
import { initI18n } from '../src/i18n';
import { can } from '../src/permissions';

const user = (permissions: string[], roles: User['roles'] = []): User => ({
  id: 'u1',
  email: 'x@example.org',
  name: 'X',
  roles,
  permissions,
  organisation: { id: 'o1', code: 'NL', name: 'Org', country: 'NL' },
});

const contact = (over: Partial<Contact> = {}): Contact =>
  baseContact({ finalised_at: '2020-01-01T00:00:00Z', ...over });

describe('can', () => {
  it('is exactly what the server listed', () => {
    const u = user(['contact.read', 'stats.read']);
    expect(can(u, 'stats.read')).toBe(true);
    expect(can(u, 'contact.read')).toBe(true);
    expect(can(u, 'contact.export')).toBe(false);
    expect(can(undefined, 'stats.read')).toBe(false);
  });

  it('reads nothing into roles', () => {
    const supervisor = user([], ['supervisor', 'org_admin']);
    expect(can(supervisor, 'supervision.act')).toBe(false);
    expect(mayFlagCallers(supervisor)).toBe(false);
    expect(mayFlagCallers(user(['caller.flag_write'], ['consultant']))).toBe(true);
  });
});

describe('who may correct', () => {
  it('follows the server: may_correct on a finished contact', () => {
    // However old the finalisation, the server's answer decides (it knows its window and clock).
    expect(mayCorrect(contact({ may_correct: true }))).toBe(true);
    expect(mayCorrect(contact({ may_correct: false, finalised_at: new Date().toISOString() }))).toBe(false);
  });

  it('offers nothing when the server did not say, or for a draft', () => {
    expect(mayCorrect(contact())).toBe(false);
    expect(mayCorrect(contact({ status: 'draft', finalised_at: null, may_correct: true }))).toBe(false);
  });
});

describe('the menu', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  const menu = (u: User) => {
    const root = document.createElement('div');
    void act(() => {
      render(
        <Shell user={u} route={{ name: 'contacts', query: '' }} signingOut={false} onSignOut={() => undefined}>
          <p>page</p>
        </Shell>,
        root,
      );
    });
    const entries = [...root.querySelectorAll('nav a')].map((a) => a.getAttribute('href'));
    render(null, root);
    return entries;
  };

  it('shows the screens the server grants', () => {
    expect(
      menu(
        user(['contact.create', 'contact.list', 'knowledge.read', 'agency.read', 'supervision.read', 'stats.read']),
      ),
    ).toEqual([
      '#/log',
      '#/contacts',
      '#/knowledge',
      '#/directory',
      '#/supervision',
      '#/stats',
    ]);
  });

  it('hides the rest, whatever the roles', () => {
    expect(menu(user(['knowledge.read'], ['supervisor', 'data_officer', 'org_admin']))).toEqual(['#/knowledge']);
    expect(menu(user(['contact.list', 'knowledge.read']))).toEqual(['#/contacts', '#/knowledge']);
  });

  it('shows the cases to those who may list them', () => {
    expect(menu(user(['case.list', 'knowledge.read'], ['case_worker']))).toEqual(['#/cases', '#/knowledge']);
  });
});
