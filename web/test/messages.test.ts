// What a failed request tells the user: what happened and what to do next.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client';
import { errorMessage } from '../src/api/messages';
import { i18n, initI18n } from '../src/i18n';
import en from '../src/i18n/en.json';

beforeAll(async () => {
  await initI18n('en');
});

describe('errorMessage', () => {
  const t = i18n.t.bind(i18n);

  it('says the server is busy or its database away on a 503, whatever its English message', () => {
    const busy = new ApiError(503, 'unavailable', "The server's disk is full: this was not saved.", '');
    expect(errorMessage(t, busy)).toBe(en.app.unavailable);
  });

  it('shows the server message of a refusal, such as a rate limit with its wait', () => {
    const limited = new ApiError(429, 'resource_exhausted', 'Wait 12 second(s) and try again.', '');
    expect(errorMessage(t, limited)).toBe('Wait 12 second(s) and try again.');
  });

  it('says the server failed on a 500 and that the network is down when nothing answered', () => {
    expect(errorMessage(t, new ApiError(500, 'internal', 'boom', ''))).toBe(en.app.serverError);
    expect(errorMessage(t, new ApiError(0, 'unreachable', '', ''))).toBe(en.app.unreachable);
  });
});
