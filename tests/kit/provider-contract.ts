/**
 * The testing kit's contract suite: what every API adapter must pass, against a real HTTP server on
 * 127.0.0.1. Each adapter's test calls `describeProviderContract` with its healthy fake and what the
 * snapshot must show; the suite then plays every failure a provider can produce and checks the
 * classification and that no secret leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeHandler, type FakeReply, type FakeServer } from '../fakes/fake-http-server.js';
import { createHttpClient, withDeadline, type HttpClient } from '../../src/core/http/http-client.js';
import { billingMonth, type BillingMonth } from '../../src/core/model/billing-month.js';
import { ProviderError } from '../../src/core/model/provider-error.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import type { ProviderDefinition } from '../../src/core/providers/provider.js';

export interface ContractOptions {
  provider: ProviderDefinition;
  /** Credential values; secret ones are checked to never appear in error text. */
  credentials: Record<string, string>;
  settings?: Record<string, string>;
  /** The healthy fake: published response shapes for every route the adapter calls. */
  healthy: FakeHandler;
  /** The base URL for an origin, in the same form as the provider's default (path included). */
  baseUrl: (origin: string) => string;
  now?: Date;
  month?: BillingMonth;
  /** What the user must see from the healthy fake. */
  expectSnapshot: (snapshot: Snapshot) => void;
  /**
   * Requests one poll makes when every answer is a 5xx: the first plus the HTTP client's two retries.
   * Adapters whose every call is billed (AWS Cost Explorer, $0.01 a request) make exactly one and leave
   * the retry to the scheduler.
   */
  requestsOn5xx?: number;
}

export function describeProviderContract(options: ContractOptions): void {
  const { provider } = options;
  const now = options.now ?? new Date('2026-11-21T10:00:00Z');
  const month = options.month ?? billingMonth(2026, 11);
  const secretValues = provider.credentials.filter((spec) => spec.secret).map((spec) => options.credentials[spec.name] ?? '');

  describe(`${provider.id} provider contract`, () => {
    let server: FakeServer;
    beforeAll(async () => {
      server = await startFakeServer(options.healthy);
    });
    afterAll(async () => {
      await server.close();
    });

    let pollCount = 0;
    async function poll(): Promise<Snapshot> {
      // As the poller does: calls still running when the adapter has answered are stopped, so none of
      // them reaches the fake during the next test.
      const settled = new AbortController();
      const bounded = withDeadline(createHttpClient({ totalTimeoutMs: 400, connectTimeoutMs: 400, maxRetries: 2, sleep: async () => {} }), Infinity, settled.signal);
      // Each poll's requests carry its number, so one already on the wire when its poll ended is not
      // counted as the next poll's.
      const pollNumber = String((pollCount += 1));
      const http: HttpClient = { json: (request) => bounded.json({ ...request, headers: { ...request.headers, 'x-contract-poll': pollNumber } }) };
      const context = createProviderContext({
        provider,
        http,
        now: () => now,
        month,
        credentials: options.credentials,
        settings: options.settings,
        baseUrl: options.baseUrl(server.origin),
      });
      if (!provider.fetchSnapshot) throw new Error(`${provider.id} has no fetchSnapshot`);
      try {
        return await provider.fetchSnapshot(context);
      } finally {
        settled.abort();
      }
    }

    /** How many times each distinct request was made: retries repeat one URL. */
    function attemptsPerUrl(): number[] {
      const counts = new Map<string, number>();
      // AWS and GCP send through their SDKs' own clients, which carry no poll number.
      const tagged = server.requests.some((request) => request.headers['x-contract-poll'] !== undefined);
      for (const request of server.requests) {
        if (tagged && request.headers['x-contract-poll'] !== String(pollCount)) continue;
        const key = `${request.method} ${request.path}?${request.query.toString()}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts.values()];
    }

    async function failure(reply: FakeReply): Promise<ProviderError> {
      server.setHandler(() => reply);
      server.requests.length = 0;
      try {
        await poll();
      } catch (error) {
        expect(error).toBeInstanceOf(ProviderError);
        const providerError = error as ProviderError;
        const everything = `${providerError.message} ${String(providerError)} ${JSON.stringify(providerError)} ${providerError.url ?? ''}`;
        for (const secret of secretValues) expect(everything).not.toContain(secret);
        return providerError;
      } finally {
        server.setHandler(options.healthy);
      }
      throw new Error(`${provider.id} did not fail for ${JSON.stringify(reply).slice(0, 80)}`);
    }

    it('maps a healthy answer to the snapshot the user should see', async () => {
      server.setHandler(options.healthy);
      const snapshot = await poll();
      expect(snapshot.month).toBe(month.key);
      options.expectSnapshot(snapshot);
    });

    it('sends the key only in headers, never in the URL', async () => {
      server.requests.length = 0;
      await poll();
      expect(server.requests.length).toBeGreaterThan(0);
      for (const request of server.requests) {
        for (const secret of secretValues) expect(`${request.path}?${request.query.toString()}`).not.toContain(secret);
      }
    });

    it.each([
      [401, 'auth'],
      [403, 'permission'],
      [402, 'billing'],
      [404, 'config'],
    ] as const)('classifies HTTP %i as %s', async (status, kind) => {
      const secretEcho = secretValues.join(' ');
      const error = await failure({ status, json: { error: { message: `bad key ${secretEcho}`, type: 'error' } } });
      expect(error.kind).toBe(kind);
      expect(error.message.length).toBeGreaterThan(10);
    });

    it('reports a 429 as rate-limited with its Retry-After, without retrying', async () => {
      const error = await failure({ status: 429, headers: { 'retry-after': '7' }, json: { error: { message: 'slow down' } } });
      expect(error.kind).toBe('rate-limited');
      expect(error.retryAfterMs).toBe(7000);
      // Independent calls go out together (see concurrent-calls.ts), but none is asked twice.
      expect(Math.max(...attemptsPerUrl())).toBe(1);
    });

    it('honours retry-after-ms over Retry-After', async () => {
      const error = await failure({ status: 429, headers: { 'retry-after-ms': '1500', 'retry-after': '9' }, json: {} });
      expect(error.retryAfterMs).toBe(1500);
    });

    it('retries a 5xx a bounded number of times, then reports provider-unavailable', async () => {
      const error = await failure({ status: 503, json: { error: { message: 'overloaded' } } });
      expect(error.kind).toBe('provider-unavailable');
      expect(Math.max(...attemptsPerUrl())).toBe(options.requestsOn5xx ?? 3);
    });

    it.each([
      ['an HTML page', { raw: '<!doctype html><html><body>Login</body></html>' }],
      ['malformed JSON', { raw: '{"data": {', headers: { 'content-type': 'application/json' } }],
      ['JSON of another shape', { json: { unexpected: true } }],
    ])('reports %s as a parse error', async (_label, reply) => {
      const error = await failure(reply as FakeReply);
      expect(error.kind).toBe('parse');
    });

    it('reports a hang as a network error within the timeout', async () => {
      const started = Date.now();
      const error = await failure({ hang: true });
      expect(error.kind).toBe('network');
      expect(Date.now() - started).toBeLessThan(5000);
    });

    it('reports a refused connection as a network error', async () => {
      const closed = await startFakeServer(options.healthy);
      const origin = closed.origin;
      await closed.close();
      const http = createHttpClient({ maxRetries: 0 });
      const context = createProviderContext({
        provider,
        http,
        now: () => now,
        month,
        credentials: options.credentials,
        settings: options.settings,
        baseUrl: options.baseUrl(origin),
      });
      const error = await provider.fetchSnapshot!(context).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).kind).toBe('network');
    });
  });
}
