/**
 * Fake Groq: the Enterprise Prometheus query API (`/v1/metrics/prometheus/api/v1/query`, answering the
 * tokens_in and tokens_out queries with their fixtures) and the free model list
 * (`/openai/v1/models`, Groq's documented example). `setEnterprise(false)` makes the metrics API answer
 * 404 as it does for organizations without Enterprise. Only one key is accepted; any other gets 401.
 */
import models from '../../src/core/providers/groq/__fixtures__/models.json' with { type: 'json' };
import tokensIn from '../../src/core/providers/groq/__fixtures__/prometheus-tokens-in.json' with { type: 'json' };
import tokensOut from '../../src/core/providers/groq/__fixtures__/prometheus-tokens-out.json' with { type: 'json' };
import { routes, startFakeServer, type FakeReply, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface GroqFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  setEnterprise(enterprise: boolean): void;
  close(): Promise<void>;
}

const notFound = { status: 404, json: { error: { message: 'Unknown request URL', type: 'invalid_request_error', code: 'unknown_url' } } };

const QUERY = 'GET /v1/metrics/prometheus/api/v1/query';

/** Answers the tokens_in and tokens_out queries with their own replies, like the real API would. */
export function byMetric(input: FakeReply, output: FakeReply) {
  return (request: RecordedRequest): FakeReply => (request.query.get('query')?.includes('tokens_out') ? output : input);
}

/** The healthy routes of an Enterprise organization, with `overrides` replacing any of them. */
export function groqRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    [QUERY]: byMetric({ json: tokensIn }, { json: tokensOut }),
    'GET /openai/v1/models': { json: models },
    ...overrides,
  };
}

export async function startGroqFake(acceptKey: string): Promise<GroqFake> {
  let enterprise = true;
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${acceptKey}`) {
      return { status: 401, json: { error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } } };
    }
    return routes(groqRoutes(enterprise ? {} : { [QUERY]: notFound }), notFound)(request);
  });
  return {
    url: server.origin,
    requests: server.requests,
    setEnterprise(next) {
      enterprise = next;
    },
    close: () => server.close(),
  };
}
