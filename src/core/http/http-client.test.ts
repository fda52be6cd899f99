import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeServer, type FakeServer } from '../../../tests/fakes/fake-http-server.js';
import { ProviderError } from '../model/provider-error.js';
import { createHttpClient } from './http-client.js';
import { parseRetryAfter } from './http-errors.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const schema = z.object({ ok: z.boolean() });
const request = (url: string) => ({ url, schema, provider: 'Fake', secrets: ['sk-secret-value'] });

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('http client', () => {
  it('stops reading a response larger than the cap', async () => {
    server = await startFakeServer(() => ({ raw: `{"ok":true,"pad":"${'x'.repeat(200_000)}"}` }));
    const error = await failure(createHttpClient({ maxResponseBytes: 64 * 1024 }).json(request(`${server.origin}/big`)));
    expect(error.kind).toBe('parse');
    expect(error.message).toMatch(/more than 64 KiB/);
  });

  it('retries 5xx with growing, jittered backoff and then succeeds', async () => {
    let calls = 0;
    server = await startFakeServer(() => (++calls < 3 ? { status: 502, json: {} } : { json: { ok: true } }));
    const waits: number[] = [];
    const client = createHttpClient({ baseBackoffMs: 100, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    const response = await client.json(request(`${server.origin}/flaky`));
    expect(response.data).toEqual({ ok: true });
    expect(waits).toEqual([100, 200]);
  });

  it('never sleeps on a Retry-After: a 503 naming a time is reported with it, after one request', async () => {
    server = await startFakeServer(() => ({ status: 503, headers: { 'retry-after': '3600' }, json: {} }));
    const waits: number[] = [];
    const error = await failure(createHttpClient({ sleep: async (ms) => void waits.push(ms) }).json(request(`${server.origin}/busy`)));
    expect(error.kind).toBe('provider-unavailable');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('starts no retry that could not finish before the deadline', async () => {
    server = await startFakeServer(() => ({ status: 502, json: {} }));
    const waits: number[] = [];
    const client = createHttpClient({ baseBackoffMs: 1000, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    const error = await failure(client.json({ ...request(`${server.origin}/flaky`), deadlineAt: Date.now() + 500 }));
    expect(error.kind).toBe('provider-unavailable');
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a 4xx other than by the scheduler', async () => {
    server = await startFakeServer(() => ({ status: 400, json: { error: { message: 'bad param' } } }));
    const error = await failure(createHttpClient({ sleep: async () => {} }).json(request(`${server.origin}/x`)));
    expect(error.kind).toBe('config');
    expect(error.message).toMatch(/Fake said: "bad param"/);
    expect(server.requests).toHaveLength(1);
  });

  it('scrubs the secret from provider messages, and keeps query strings out of error URLs', async () => {
    server = await startFakeServer(() => ({ status: 401, json: { error: { message: 'key sk-secret-value is revoked' } } }));
    const error = await failure(createHttpClient().json(request(`${server.origin}/x?key=sk-secret-value`)));
    expect(error.message).not.toContain('sk-secret-value');
    expect(error.message).toContain('[redacted]');
    expect(error.url).toBe(`${server.origin}/x`);
  });

  it('gives up on a hang after the total timeout', async () => {
    server = await startFakeServer(() => ({ hang: true }));
    const started = Date.now();
    const error = await failure(createHttpClient({ totalTimeoutMs: 300, maxRetries: 0 }).json(request(`${server.origin}/slow`)));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '30' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Sat, 21 Nov 2026 10:01:00 GMT' }, now)).toBe(60_000);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '30' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });
});
