// The knowledge base endpoints (see docs/openapi.yaml, tag "knowledge").
import type { ApiClient } from '../api/client';
import type { KnowledgeArticle, KnowledgeHit, KnowledgeInput, KnowledgeKind } from '../api/types';

export type { KnowledgeArticle, KnowledgeHit, KnowledgeInput, KnowledgeKind } from '../api/types';
export const knowledgeKinds: KnowledgeKind[] = ['country_sheet', 'safety_tip', 'useful_numbers'];

interface KnowledgeQuery {
  q?: string;
  country?: string;
  kind?: string;
  language?: string;
  limit?: number;
}

export function searchKnowledge(api: ApiClient, query: KnowledgeQuery): Promise<{ items: KnowledgeHit[] }> {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.country) params.set('country', query.country);
  if (query.kind) params.set('kind', query.kind);
  if (query.language) params.set('language', query.language);
  params.set('limit', String(query.limit ?? 20));
  return api.request('GET', `/api/v1/knowledge?${params.toString()}`);
}

export function getKnowledgeArticle(api: ApiClient, id: string): Promise<KnowledgeArticle> {
  return api.request('GET', `/api/v1/knowledge/${encodeURIComponent(id)}`);
}

export function createKnowledgeArticle(api: ApiClient, input: KnowledgeInput): Promise<KnowledgeArticle> {
  return api.request('POST', '/api/v1/knowledge', { body: input });
}

export function updateKnowledgeArticle(
  api: ApiClient,
  id: string,
  input: KnowledgeInput & { version: number },
): Promise<KnowledgeArticle> {
  return api.request('PUT', `/api/v1/knowledge/${encodeURIComponent(id)}`, { body: input });
}

export function deleteKnowledgeArticle(api: ApiClient, id: string): Promise<void> {
  return api.request('DELETE', `/api/v1/knowledge/${encodeURIComponent(id)}`);
}

interface SnippetPart {
  text: string;
  mark: boolean;
}

/**
 * A snippet of an article's Markdown as plain words: links become their text, and headings,
 * list and quote markers, emphasis, code ticks, table pipes and rules go. The highlight markers
 * (U+0002, U+0003) stay. A snippet is a fragment, so a half link keeps its text as well.
 */
export function stripMarkdown(snippet: string): string {
  return snippet
    .replace(/!?\[([^\]]*)\]\([^)]*\)?/g, '$1') // [text](url) and ![alt](src)
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '') // headings, quotes, list items
    .replace(/(?:^|\s)#{1,6}\s+/g, ' ') // a heading inside the fragment
    .replace(/^\s*(?:[-*_]\s*){3,}$/gm, '') // rules
    .replace(/^\s*\|?(?:\s*:?-{3,}:?\s*\|?)+\s*$/gm, '') // a table's delimiter row
    .replace(/\*\*|__|~~|`+/g, '')
    // eslint-disable-next-line no-control-regex -- U+0002 opens a highlight: emphasis may follow it
    .replace(/(^|[\s(\u0002])[*_]+(?=\S)/g, '$1') // *emphasis opening
    // eslint-disable-next-line no-control-regex -- U+0003 closes a highlight: emphasis may precede it
    .replace(/(\S)[*_]+(?=$|[\s).,;:!?\u0003])/g, '$1') // emphasis closing*
    .replace(/\s*\|\s*/g, ' ') // table cells
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a search snippet into plain and highlighted parts (rendered as text, never HTML). */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let mark = false;
  let current = '';
  for (const ch of snippet) {
    if (ch === '\u0002' || ch === '\u0003') {
      if (current !== '') parts.push({ text: current, mark });
      current = '';
      mark = ch === '\u0002';
    } else {
      current += ch;
    }
  }
  if (current !== '') parts.push({ text: current, mark });
  return parts;
}
