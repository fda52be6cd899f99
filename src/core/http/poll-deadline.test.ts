import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeServer } from '../../../tests/fakes/fake-http-server.js';
import { ProviderError } from '../model/provider-error.js';
import { createHttpClient } from './http-client.js';
import { DEFAULT_POLL_TIMEOUT_MS, pollTimeoutFromEnv, withPollDeadline } from './poll-deadline.js';

describe('one time bound for a whole poll', () => {
  it('is 20 s unless SPENDBAR_POLL_TIMEOUT_S says otherwise', () => {
    expect(DEFAULT_POLL_TIMEOUT_MS).toBe(20_000);
    expect(pollTimeoutFromEnv({})).toBe(20_000);
    expect(pollTimeoutFromEnv({ SPENDBAR_POLL_TIMEOUT_S: '2.5' })).toBe(2500);
    expect(pollTimeoutFromEnv({ SPENDBAR_POLL_TIMEOUT_S: 'soon' })).toBe(20_000);
    expect(pollTimeoutFromEnv({ SPENDBAR_POLL_TIMEOUT_S: '0' })).toBe(20_000);
  });

  it('covers every attempt and page: pages of a slow provider stop at the deadline, not 30 s a request', async () => {
    const server = await startFakeServer(() => ({ hang: true }));
    try {
      const http = createHttpClient({ baseBackoffMs: 10 });
      const started = Date.now();
      const error = await withPollDeadline(http, 800, 'Fake', async (bounds) => {
        for (let page = 0; page < 5; page += 1) await bounds.http.json({ url: `${server.origin}/page/${page}`, schema: z.object({}), provider: 'Fake', secrets: [] });
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('network');
      expect((error as ProviderError).message).toMatch(/did not answer within 0.8 s/);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.requests.length).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  });

  it('gives up on a task that ignores the deadline', async () => {
    const started = Date.now();
    const error = await withPollDeadline(createHttpClient(), 300, 'Slow library', () => new Promise(() => {})).catch((caught: unknown) => caught);
    expect((error as ProviderError).kind).toBe('network');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
