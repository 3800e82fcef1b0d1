// Trainings given to partner professionals (docs/openapi.yaml, tag "trainings"; docs/trainings.md).
// Audiences and topics are the code lists training_audience and training_topic of GET
// /api/v1/codes; participants are counts per audience, never names.
import type { ApiClient } from '../api/client';
import type { Training, TrainingFigures, TrainingInput, TrainingPage } from '../../generated/schema';

export type { Training, TrainingFigures, TrainingInput } from '../../generated/schema';

const trainingPath = (id: string) => `/api/v1/trainings/${encodeURIComponent(id)}`;

export const trainingsApi = {
  list: (api: ApiClient, year: number) =>
    api.request<TrainingPage>('GET', `/api/v1/trainings?year=${year}&limit=200`).then((p) => p.items),
  create: (api: ApiClient, input: TrainingInput) => api.request<Training>('POST', '/api/v1/trainings', { body: input }),
  update: (api: ApiClient, id: string, input: TrainingInput, version: number) =>
    api.request<Training>('PUT', trainingPath(id), { body: { ...input, version } }),
  remove: (api: ApiClient, id: string, version: number) =>
    api.request<void>('DELETE', `${trainingPath(id)}?version=${version}`),
  figures: (api: ApiClient, from: number, to: number) =>
    api.request<TrainingFigures>('GET', `/api/v1/trainings/figures?from=${from}&to=${to}`),
};
