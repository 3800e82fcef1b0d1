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
  | { name: 'safetyPlan'; id: string }; // the safety plan of contact `id`

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/directory') return { name: 'directory' };
  if (path === '/directory/new') return { name: 'agencyNew' };
  const agencyEdit = /^\/directory\/([^/]+)\/edit$/.exec(path);
  if (agencyEdit?.[1]) return { name: 'agencyEdit', id: decodeURIComponent(agencyEdit[1]) };
  const agency = /^\/directory\/([^/]+)$/.exec(path);
  if (agency?.[1]) return { name: 'agency', id: decodeURIComponent(agency[1]) };
  if (path === '/knowledge') return { name: 'knowledge' };
  const article = /^\/knowledge\/([^/]+)$/.exec(path);
  if (article?.[1]) return { name: 'knowledgeArticle', id: decodeURIComponent(article[1]) };
  if (path === '/contacts') return { name: 'contacts' };
  if (path.startsWith('/contacts?')) return { name: 'contacts', query: path.slice('/contacts'.length) };
  if (path === '/supervision') return { name: 'supervision' };
  if (path === '/stats') return { name: 'stats' };
  const correct = /^\/contacts\/([^/]+)\/correct$/.exec(path);
  if (correct?.[1]) return { name: 'contactCorrect', id: decodeURIComponent(correct[1]) };
  const plan = /^\/contacts\/([^/]+)\/safety-plan$/.exec(path);
  if (plan?.[1]) return { name: 'safetyPlan', id: decodeURIComponent(plan[1]) };
  const match = /^\/contacts\/([^/]+)$/.exec(path);
  if (match?.[1]) return { name: 'contact', id: decodeURIComponent(match[1]) };
  return { name: 'log' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'log':
      return '#/log';
    case 'directory':
      return '#/directory';
    case 'agencyNew':
      return '#/directory/new';
    case 'agency':
      return `#/directory/${encodeURIComponent(route.id)}`;
    case 'agencyEdit':
      return `#/directory/${encodeURIComponent(route.id)}/edit`;
    case 'knowledge':
      return '#/knowledge';
    case 'knowledgeArticle':
      return `#/knowledge/${encodeURIComponent(route.id)}`;
    case 'contacts':
      return `#/contacts${route.query ?? ''}`;
    case 'supervision':
      return '#/supervision';
    case 'stats':
      return '#/stats';
    case 'contact':
      return `#/contacts/${encodeURIComponent(route.id)}`;
    case 'safetyPlan':
      return `#/contacts/${encodeURIComponent(route.id)}/safety-plan`;
    case 'contactCorrect':
      return `#/contacts/${encodeURIComponent(route.id)}/correct`;
  }
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
