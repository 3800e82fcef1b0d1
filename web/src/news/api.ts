// The organisation's news items and statements (docs/openapi.yaml, tag public-site;
// docs/public-site.md "News and statements"). Published ones appear on /public/news and in the
// language's Atom feed /public/feed/{language}.atom; drafts never do.
import type { ApiClient } from '../api/client';
import type { NewsInput, NewsItem } from '../../generated/schema';

export type { NewsInput, NewsItem } from '../../generated/schema';
export type NewsLanguage = NewsInput['language'];

const newsPath = (id: string) => `/api/v1/news/${encodeURIComponent(id)}`;

/** The public Atom feed of `language`. */
export const feedUrl = (language: string) => `/public/feed/${encodeURIComponent(language)}.atom`;

export const newsApi = {
  list: (api: ApiClient) => api.request<{ items: NewsItem[] }>('GET', '/api/v1/news?limit=200').then((p) => p.items),
  create: (api: ApiClient, input: NewsInput) => api.request<NewsItem>('POST', '/api/v1/news', { body: input }),
  update: (api: ApiClient, id: string, input: NewsInput, version: number) =>
    api.request<NewsItem>('PUT', newsPath(id), { body: { ...input, version } }),
  remove: (api: ApiClient, id: string, version: number) => api.request<void>('DELETE', `${newsPath(id)}?version=${version}`),
};
