/**
 * Fake Anthropic Admin API replaying the documented report shapes (platform.claude.com/docs/en/api/admin):
 * a cost report in two pages ("123.78912" then "876.21088" cents: $10.00 in all) and a messages usage
 * report by model. It requires `anthropic-version` and answers a non-admin key with 401 in Anthropic's
 * error envelope.
 */
import costPage1 from '../../src/core/providers/anthropic/__fixtures__/cost-report-page-1.json' with { type: 'json' };
import costPage2 from '../../src/core/providers/anthropic/__fixtures__/cost-report-page-2.json' with { type: 'json' };
import normalKeyError from '../../src/core/providers/anthropic/__fixtures__/error-normal-key.json' with { type: 'json' };
import usageReport from '../../src/core/providers/anthropic/__fixtures__/usage-report.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface AnthropicFakeState {
  /** Keys the fake accepts as Admin keys; any other `x-api-key` gets 401. */
  adminKeys: string[];
}

export interface AnthropicFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<AnthropicFakeState>): void;
  close(): Promise<void>;
}

/** The healthy report routes (the cost report in its two pages), with `overrides` replacing any of them. */
export function anthropicRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    'GET /v1/organizations/cost_report': (request) => ({ json: request.query.get('page') === costPage1.next_page ? costPage2 : costPage1 }),
    'GET /v1/organizations/usage_report/messages': { json: usageReport },
    ...overrides,
  };
}

export async function startAnthropicFake(initial: Partial<AnthropicFakeState> = {}): Promise<AnthropicFake> {
  const state: AnthropicFakeState = { adminKeys: ['sk-ant-admin01-test-0000'], ...initial };
  const table = routes(anthropicRoutes());
  const server = await startFakeServer((request) => {
    if (!request.headers['anthropic-version']) {
      return { status: 400, json: { type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } } };
    }
    if (!state.adminKeys.includes(String(request.headers['x-api-key'] ?? ''))) return { status: 401, json: normalKeyError };
    return table(request);
  });
  return {
    url: server.origin,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
