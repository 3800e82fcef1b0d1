import { describe, expect, it } from 'vitest';
import type { OrgUser } from '../src/api/types';
import { authorName, namesById } from '../src/users/api';

describe('who logged a contact', () => {
  const users: OrgUser[] = [
    { id: 'a'.repeat(32), name: 'Anna Consultant', roles: ['consultant'], active: true },
    { id: 'b'.repeat(32), name: 'Bram Former', roles: [], active: false },
  ];

  it('is named by the user list, inactive users too', () => {
    const names = namesById(users);
    expect(authorName(names, 'a'.repeat(32))).toBe('Anna Consultant');
    expect(authorName(names, 'b'.repeat(32))).toBe('Bram Former');
  });

  it('falls back to the start of the id for a user the list does not hold', () => {
    expect(authorName(namesById([]), '0123456789abcdef0123456789abcdef')).toBe('01234567');
  });
});
