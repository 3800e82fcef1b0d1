// The knowledge base endpoints (see docs/openapi.yaml, tag "knowledge").
import type { ApiClient } from '../api/client';
import type { KnowledgeArticle, KnowledgeHit, KnowledgeInput, KnowledgeKind } from '../api/types';

export type { KnowledgeArticle, KnowledgeHit, KnowledgeInput, KnowledgeKind } from '../api/types';
export const knowledgeKinds: KnowledgeKind[] = ['country_sheet', 'safety_tip', 'useful_numbers'];

export interface KnowledgeQuery {
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

export interface SnippetPart {
  text: string;
  mark: boolean;
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
