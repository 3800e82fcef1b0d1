// Shared test data: a finished contact as the server answers it, with what a test changes.
import type { Contact } from '../src/api/types';

export const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 'c1',
  created_at: '2026-11-30T08:00:00Z',
  created_by: 'author',
  channel: 'phone',
  started_at: '2026-11-30T07:59:31Z',
  duration_s: 75,
  caller_type: 'possible_victim',
  anonymous: true,
  language: 'nl',
  status: 'final',
  kind: 'data',
  code_version: 'test',
  finalised_at: '2026-11-30T08:10:00Z',
  version: 2,
  ...over,
});
