// The organisation's pages and case studies (docs/openapi.yaml, tag public-site;
// docs/public-site.md "Pages and case studies"). Published ones appear on /public/pages/{slug}
// and /public/case-studies; drafts never do.
import type { ApiClient } from '../api/client';
import type { SitePage, SitePageChange, SitePageInput } from '../../generated/schema';

export type { SitePage, SitePageChange, SitePageInput } from '../../generated/schema';
export type SitePageLanguage = SitePageInput['language'];

const pagePath = (id: string) => `/api/v1/site-pages/${encodeURIComponent(id)}`;

export const sitePagesApi = {
  list: (api: ApiClient) => api.request<{ items: SitePage[] }>('GET', '/api/v1/site-pages?limit=200').then((p) => p.items),
  create: (api: ApiClient, input: SitePageInput) => api.request<SitePage>('POST', '/api/v1/site-pages', { body: input }),
  update: (api: ApiClient, id: string, change: SitePageChange) => api.request<SitePage>('PUT', pagePath(id), { body: change }),
  remove: (api: ApiClient, id: string, version: number) => api.request<void>('DELETE', `${pagePath(id)}?version=${version}`),
};

/** The change that keeps `page` as it is but for `status`. */
export const withStatus = (page: SitePage, status: SitePage['status']): SitePageChange => ({
  title: page.title,
  summary: page.summary,
  body: page.body,
  status,
  version: page.version,
});
