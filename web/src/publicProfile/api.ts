// The organisation's public hotline profile (docs/openapi.yaml, tag public-site;
// docs/public-site.md).
import type { components } from '../../generated/schema';
import type { ApiClient } from '../api/client';

export type PublicProfile = components['schemas']['PublicProfile'];
export type PublicProfileInput = components['schemas']['PublicProfileInput'];
export type PublicHotline = components['schemas']['PublicHotline'];

export const channelKinds = ['phone', 'chat', 'email', 'messaging'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const publicProfileApi = {
  read: (api: ApiClient) => api.request<PublicProfile>('GET', '/api/v1/public-profile'),
  save: (api: ApiClient, body: PublicProfileInput) =>
    api.request<PublicProfile>('PUT', '/api/v1/public-profile', { body }),
};
