// Hash routes ("#/contacts/ID"): the server only has to serve index.html at "/", and nothing
// typed by a person ever goes into the address (only opaque record ids do).
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'log' }
  | { name: 'directory' }
  | { name: 'agency'; id: string }
  | { name: 'agencyNew' }
  | { name: 'agencyEdit'; id: string }
  | { name: 'knowledge' }
  | { name: 'knowledgeArticle'; id: string }
  | { name: 'contacts'; query?: string } // query: filter codes and dates only, never personal data
  | { name: 'supervision' }
  | { name: 'stats' }
  | { name: 'contact'; id: string }
  | { name: 'contactCorrect'; id: string } // the contact form, to correct finished contact `id`
  | { name: 'safetyPlan'; id: string } // the safety plan of contact `id`
  | { name: 'contactLinkCase'; id: string } // link contact `id` to a case (consultants)
  | { name: 'cases'; query?: string } // query: a user id and a status code only
  | { name: 'caseNew' }
  | { name: 'case'; id: string }
  | { name: 'approvals' } // a supervisor's pending approvals (plans and closures)
  | { name: 'exports' } // the standard exports (HTCDS 2.0, CTDC)
  | { name: 'network' } // the network coordinator's members and join requests
  | { name: 'networkOverview' } // the hub's overview of the members' figures
  | { name: 'reports' }
  | { name: 'report'; id: string }
  | { name: 'referrals' } // referrals between members: incoming and outgoing
  | { name: 'referral'; id: string }
  | { name: 'account' } // one's own second factor, password and sessions
  | { name: 'usersAdmin' } // the organisation's users, for its administrator
  | { name: 'retention' } // how long the organisation keeps each kind of record
  | { name: 'trainings' } // courses given to partner professionals, and their figures
  | { name: 'publicProfile' } // what the public pages show of the organisation's hotlines
  | { name: 'news' } // the organisation's news items and statements for the public pages
  | { name: 'sitePages' }; // the organisation's pages and case studies for the public pages

export type RouteName = Route['name'];

/** The item of the main navigation a page belongs to. */
export type Section =
  | 'log'
  | 'contacts'
  | 'cases'
  | 'approvals'
  | 'knowledge'
  | 'directory'
  | 'supervision'
  | 'stats'
  | 'exports'
  | 'network'
  | 'networkOverview'
  | 'reports'
  | 'referrals'
  | 'account'
  | 'usersAdmin'
  | 'retention'
  | 'trainings'
  | 'publicProfile'
  | 'news'
  | 'sitePages';

interface RouteSpec {
  name: RouteName;
  /** Path segments; ":id" stands for an opaque record id. */
  path: string;
  section: Section;
}

// Every page of the app: its name, its address and its section. The first match wins, so a
// fixed path ("/directory/new") comes before the pattern it would also match ("/directory/:id").
export const routeTable: readonly RouteSpec[] = [
  { name: 'log', path: '/log', section: 'log' },
  { name: 'contacts', path: '/contacts', section: 'contacts' },
  { name: 'contactCorrect', path: '/contacts/:id/correct', section: 'contacts' },
  { name: 'safetyPlan', path: '/contacts/:id/safety-plan', section: 'contacts' },
  { name: 'contactLinkCase', path: '/contacts/:id/link-case', section: 'contacts' },
  { name: 'contact', path: '/contacts/:id', section: 'contacts' },
  { name: 'cases', path: '/cases', section: 'cases' },
  { name: 'caseNew', path: '/cases/new', section: 'cases' },
  { name: 'approvals', path: '/approvals', section: 'approvals' },
  { name: 'case', path: '/cases/:id', section: 'cases' },
  { name: 'supervision', path: '/supervision', section: 'supervision' },
  { name: 'stats', path: '/stats', section: 'stats' },
  { name: 'exports', path: '/exports', section: 'exports' },
  { name: 'reports', path: '/reports', section: 'reports' },
  { name: 'report', path: '/reports/:id', section: 'reports' },
  { name: 'knowledge', path: '/knowledge', section: 'knowledge' },
  { name: 'knowledgeArticle', path: '/knowledge/:id', section: 'knowledge' },
  { name: 'directory', path: '/directory', section: 'directory' },
  { name: 'agencyNew', path: '/directory/new', section: 'directory' },
  { name: 'agencyEdit', path: '/directory/:id/edit', section: 'directory' },
  { name: 'agency', path: '/directory/:id', section: 'directory' },
  { name: 'network', path: '/network', section: 'network' },
  { name: 'networkOverview', path: '/network/overview', section: 'networkOverview' },
  { name: 'referrals', path: '/referrals', section: 'referrals' },
  { name: 'referral', path: '/referrals/:id', section: 'referrals' },
  { name: 'account', path: '/account', section: 'account' },
  { name: 'usersAdmin', path: '/admin/users', section: 'usersAdmin' },
  { name: 'retention', path: '/admin/retention', section: 'retention' },
  { name: 'trainings', path: '/trainings', section: 'trainings' },
  { name: 'publicProfile', path: '/admin/public-profile', section: 'publicProfile' },
  { name: 'news', path: '/news', section: 'news' },
  { name: 'sitePages', path: '/site-pages', section: 'sitePages' },
];

/** The record id when `path` matches `pattern` ("" for a pattern without one), else null. */
function match(pattern: string, path: string): string | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  let id = '';
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w === ':id') {
      if (g === '') return null;
      try {
        id = decodeURIComponent(g);
      } catch {
        return null; // a broken %-escape is no address of ours
      }
    } else if (w !== g) {
      return null;
    }
  }
  return id;
}

/** The lists whose filter travels in the address. */
const withQuery: ReadonlySet<RouteName> = new Set(['contacts', 'cases']);

export function parseRoute(hash: string): Route {
  const full = hash.replace(/^#/, '');
  const queryAt = full.indexOf('?');
  const path = queryAt < 0 ? full : full.slice(0, queryAt);
  for (const spec of routeTable) {
    const id = match(spec.path, path);
    if (id === null) continue;
    if (withQuery.has(spec.name) && queryAt >= 0) return { name: spec.name, query: full.slice(queryAt) } as Route;
    return (spec.path.includes(':id') ? { name: spec.name, id } : { name: spec.name }) as Route;
  }
  return { name: 'log' };
}

function specOf(name: RouteName): RouteSpec {
  const spec = routeTable.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`no route named ${name}`); // the table covers every name
  return spec;
}

export function hrefFor(route: Route): string {
  const id = 'id' in route ? encodeURIComponent(route.id) : '';
  const query = route.name === 'contacts' || route.name === 'cases' ? (route.query ?? '') : '';
  return `#${specOf(route.name).path.replace(':id', id)}${query}`;
}

/** The navigation item `route` belongs to. */
export function sectionOf(route: Route): Section {
  return specOf(route.name).section;
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      // In-page anchors such as the skip link are not routes.
      if (window.location.hash.startsWith('#/')) setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
