// Every page is one row of the route table: its address parses back to it, and the page table
// (pages.tsx) has a screen for it.
import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, routeTable, sectionOf, type Route } from '../src/router';

const examples: Route[] = [
  { name: 'log' },
  { name: 'contacts' },
  { name: 'contacts', query: '?channel=phone&from=2026-11-01' },
  { name: 'contact', id: 'abc' },
  { name: 'contactCorrect', id: 'abc' },
  { name: 'safetyPlan', id: 'a/b c' },
  { name: 'supervision' },
  { name: 'stats' },
  { name: 'knowledge' },
  { name: 'knowledgeArticle', id: 'k1' },
  { name: 'directory' },
  { name: 'agency', id: 'x1' },
  { name: 'agencyNew' },
  { name: 'agencyEdit', id: 'x1' },
  { name: 'contactLinkCase', id: 'abc' },
  { name: 'cases' },
  { name: 'cases', query: '?assigned_to=me&status=intake' },
  { name: 'caseNew' },
  { name: 'case', id: 'cs1' },
  { name: 'approvals' },
  { name: 'exports' },
  { name: 'network' },
  { name: 'networkOverview' },
  { name: 'reports' },
  { name: 'report', id: 'r1' },
  { name: 'referrals' },
  { name: 'referral', id: 'f1' },
  { name: 'account' },
  { name: 'usersAdmin' },
  { name: 'retention' },
  { name: 'trainings' },
  { name: 'publicProfile' },
  { name: 'news' },
  { name: 'sitePages' },
];

describe('the route table', () => {
  it('has one row per page, and every address parses back to its route', () => {
    expect(new Set(routeTable.map((r) => r.name)).size).toBe(routeTable.length);
    expect(new Set(examples.map((r) => r.name))).toEqual(new Set(routeTable.map((r) => r.name)));
    for (const route of examples) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('prefers a fixed path to the pattern it also matches', () => {
    expect(parseRoute('#/directory/new')).toEqual({ name: 'agencyNew' });
    expect(parseRoute('#/directory/new/edit')).toEqual({ name: 'agencyEdit', id: 'new' });
    expect(parseRoute('#/cases/new')).toEqual({ name: 'caseNew' });
    expect(parseRoute('#/contacts/c1/link-case')).toEqual({ name: 'contactLinkCase', id: 'c1' });
  });

  it('opens the start page for anything else', () => {
    for (const hash of ['', '#/', '#/nope', '#/contacts/a/b/c', '#/contacts/%E0']) {
      expect(parseRoute(hash)).toEqual({ name: 'log' });
    }
  });

  it('names the navigation section of each page', () => {
    expect(sectionOf({ name: 'agencyEdit', id: 'x' })).toBe('directory');
    expect(sectionOf({ name: 'knowledgeArticle', id: 'x' })).toBe('knowledge');
    expect(sectionOf({ name: 'safetyPlan', id: 'x' })).toBe('contacts');
    expect(sectionOf({ name: 'case', id: 'x' })).toBe('cases');
    expect(sectionOf({ name: 'contactLinkCase', id: 'x' })).toBe('contacts');
  });
});
