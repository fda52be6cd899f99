/**
 * Fake OpenAI organization API replaying the published shapes (openai/openai-openapi): costs, completions
 * usage, spend limit, and the unofficial credit_grants. It answers a project key the way OpenAI answers
 * one on admin endpoints (401), and can split the costs into two pages.
 */
import costs from '../../src/core/providers/openai/__fixtures__/costs.json' with { type: 'json' };
import creditGrants from '../../src/core/providers/openai/__fixtures__/credit-grants.json' with { type: 'json' };
import projectKeyError from '../../src/core/providers/openai/__fixtures__/error-project-key.json' with { type: 'json' };
import spendLimit from '../../src/core/providers/openai/__fixtures__/spend-limit.json' with { type: 'json' };
import usage from '../../src/core/providers/openai/__fixtures__/usage-completions.json' with { type: 'json' };
import { routes, startFakeServer, type FakeReply, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface OpenAiFakeState {
  /** Keys the fake accepts as Admin keys; any other Bearer token gets 401 like a project key. */
  adminKeys: string[];
  /** Serve the costs as two pages joined by `next_page`. */
  paginate: boolean;
  /** Answer 404 on spend_limit, as for an organization without one. */
  noSpendLimit: boolean;
}

export interface OpenAiFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  set(state: Partial<OpenAiFakeState>): void;
  close(): Promise<void>;
}

const SECOND_PAGE = 'page_AAAAAGdGxdEiJdKOAAAAAGcqsYA=';

const COSTS = 'GET /v1/organization/costs';
const SPEND_LIMIT = 'GET /v1/organization/spend_limit';

/** The healthy organization routes (costs, completions usage, spend limit); `overrides` replace or add any. */
export function openaiRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    [COSTS]: { json: costs },
    'GET /v1/organization/usage/completions': { json: usage },
    [SPEND_LIMIT]: { json: spendLimit },
    ...overrides,
  };
}

export async function startOpenAiFake(initial: Partial<OpenAiFakeState> = {}): Promise<OpenAiFake> {
  const state: OpenAiFakeState = { adminKeys: ['sk-admin-test-0000'], paginate: false, noSpendLimit: false, ...initial };
  const costsReply = (request: RecordedRequest): FakeReply => {
    if (!state.paginate) return { json: costs };
    if (request.query.get('page') === SECOND_PAGE) return { json: { ...costs, data: costs.data.slice(2), has_more: false, next_page: null } };
    return { json: { ...costs, data: costs.data.slice(0, 2), has_more: true, next_page: SECOND_PAGE } };
  };
  const noSpendLimit: FakeReply = { status: 404, json: { error: { message: 'No spend limit is set.', type: 'invalid_request_error', param: null, code: null } } };
  const server = await startFakeServer((request) => {
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!state.adminKeys.includes(token)) return { status: 401, json: projectKeyError };
    return routes(
      openaiRoutes({
        [COSTS]: costsReply,
        'GET /dashboard/billing/credit_grants': { json: creditGrants },
        ...(state.noSpendLimit ? { [SPEND_LIMIT]: noSpendLimit } : {}),
      }),
    )(request);
  });
  return {
    url: `${server.origin}/v1`,
    requests: server.requests,
    set(next) {
      Object.assign(state, next);
    },
    close: () => server.close(),
  };
}
