/**
 * Fake DeepSeek `GET /user/balance`, replaying the published example (api-docs.deepseek.com) or the
 * balances a test sets. Only one key is accepted; any other gets DeepSeek's 401.
 */
import userBalance from '../../src/core/providers/deepseek/__fixtures__/user-balance.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface DeepSeekFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replace the body of `/user/balance`. */
  setBody(body: unknown): void;
  close(): Promise<void>;
}

const BALANCE = 'GET /user/balance';

/** The healthy route: the published balance example, unless `overrides` replaces it. */
export function deepseekRoutes(overrides: RouteTable = {}): RouteTable {
  return { [BALANCE]: { json: userBalance }, ...overrides };
}

export async function startDeepSeekFake(acceptKey: string): Promise<DeepSeekFake> {
  let body: unknown = userBalance;
  const table = routes(deepseekRoutes({ [BALANCE]: () => ({ json: body }) }), { status: 404, json: { error: { message: 'Not Found' } } });
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${acceptKey}`) {
      return { status: 401, json: { error: { message: 'Authentication Fails, Your api key is invalid', type: 'authentication_error' } } };
    }
    return table(request);
  });
  return {
    url: server.origin,
    requests: server.requests,
    setBody(next) {
      body = next;
    },
    close: () => server.close(),
  };
}
