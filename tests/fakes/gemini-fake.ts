/**
 * A fake Cloud Monitoring for the Gemini API provider: the OAuth token endpoint (`POST /token`, named by
 * the key file's token_uri) and projects.timeSeries.list (`GET /v3/projects/{p}/timeSeries`) on one
 * 127.0.0.1 origin, as SPENDBAR_GEMINI_BASE_URL lays them out. Answers are chosen by the metric type in
 * the request's filter; the output tokens come in two pages (nextPageToken), as a long answer would.
 * Errors use Google's `{"error": {code, message, status}}` envelope. Key files: see gcp-fake.ts.
 */
import { createHttpClient } from '../../src/core/http/http-client.js';
import { billingMonth, type BillingMonth } from '../../src/core/model/billing-month.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { TOKEN_METRICS } from '../../src/core/providers/gemini/gemini-monitoring.js';
import { createGeminiProvider } from '../../src/core/providers/gemini/gemini-provider.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import empty from '../../src/core/providers/gemini/__fixtures__/timeseries-empty.json' with { type: 'json' };
import freeInput from '../../src/core/providers/gemini/__fixtures__/timeseries-free-tier-input-tokens.json' with { type: 'json' };
import outputPage1 from '../../src/core/providers/gemini/__fixtures__/timeseries-output-tokens-page1.json' with { type: 'json' };
import outputPage2 from '../../src/core/providers/gemini/__fixtures__/timeseries-output-tokens-page2.json' with { type: 'json' };
import paidInput from '../../src/core/providers/gemini/__fixtures__/timeseries-paid-tier-input-tokens.json' with { type: 'json' };
import token from '../../src/core/providers/gemini/__fixtures__/token-response.json' with { type: 'json' };
import { startFakeServer, type FakeHandler, type FakeReply, type RecordedRequest } from './fake-http-server.js';
import { googleError, writeTestKeyFile } from './gcp-fake.js';

export const TEST_PROJECT = 'my-gemini-project';
export const [OUTPUT_METRIC, FREE_INPUT_METRIC, PAID_INPUT_METRIC, PAID_TIER_2_METRIC, PAID_TIER_3_METRIC] = TOKEN_METRICS.map((metric) => metric.type) as [
  string,
  string,
  string,
  string,
  string,
];

type Reply = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface GeminiFakeOptions {
  token?: Reply;
  /** timeSeries.list answers by metric type; a metric not listed has no data (`{"unit": "1"}`). */
  metrics?: Record<string, Reply>;
}

/** The metric type a timeSeries.list request asks for (its filter is `metric.type = "…"`). */
export function metricOf(request: RecordedRequest): string | undefined {
  return /metric\.type = "([^"]+)"/.exec(request.query.get('filter') ?? '')?.[1];
}

export function geminiFake(options: GeminiFakeOptions): FakeHandler {
  return (request) => {
    const answer = (reply: Reply) => (typeof reply === 'function' ? reply(request) : reply);
    if (request.method === 'POST' && request.path === '/token') return answer(options.token ?? { json: token });
    if (request.method === 'GET' && /^\/v3\/projects\/[^/]+\/timeSeries$/.test(request.path)) {
      const reply = options.metrics?.[metricOf(request) ?? ''];
      return reply ? answer(reply) : { json: empty };
    }
    return googleError(404, 'notFound', `No route ${request.method} ${request.path}`);
  };
}

/** Two pages: the first answer carries `nextPageToken`, the second is asked for with it. */
export function paged(first: { nextPageToken?: string }, second: unknown): (request: RecordedRequest) => FakeReply {
  return (request) => (request.query.get('pageToken') === first.nextPageToken ? { json: second } : { json: first });
}

/** The published fixtures: gemini-2.5-flash on the paid tier, gemini-2.0-flash on the free tier. */
export function geminiHealthy(): FakeHandler {
  return geminiFake({
    metrics: {
      [OUTPUT_METRIC]: paged(outputPage1, outputPage2),
      [PAID_INPUT_METRIC]: { json: paidInput },
      [FREE_INPUT_METRIC]: { json: freeInput },
    },
  });
}

export const testGeminiProvider = createGeminiProvider({ tokenTimeoutMs: 2_000 });

export interface GeminiPollOptions {
  now?: Date;
  month?: BillingMonth;
  settings?: Record<string, string>;
}

/** One poll against a fresh fake; the requests it received come back with the snapshot or the error. */
export async function pollGemini(handler: FakeHandler, options: GeminiPollOptions = {}): Promise<{ snapshot?: Snapshot; error?: unknown; requests: RecordedRequest[] }> {
  const server = await startFakeServer(handler);
  try {
    const now = options.now ?? new Date('2026-11-21T10:00:00Z');
    const context = createProviderContext({
      provider: testGeminiProvider,
      http: createHttpClient({ maxRetries: 0 }),
      now: () => now,
      month: options.month ?? billingMonth(2026, 11),
      credentials: { keyFile: writeTestKeyFile(`${server.origin}/token`) },
      settings: { project: TEST_PROJECT, ...options.settings },
      baseUrl: server.origin,
    });
    try {
      return { snapshot: await testGeminiProvider.fetchSnapshot!(context), requests: server.requests };
    } catch (error) {
      return { error, requests: server.requests };
    }
  } finally {
    await server.close();
  }
}
