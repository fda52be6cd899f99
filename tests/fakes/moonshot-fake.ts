/**
 * Fake Moonshot `GET /v1/users/me/balance`, replaying the published example (platform.moonshot.cn) in
 * its `{code, data, scode, status}` envelope, or a body a test sets. Only one key is accepted.
 */
import balance from '../../src/core/providers/moonshot/__fixtures__/balance.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface MoonshotFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replace the balance body; without an argument, go back to the published example. */
  setBody(body?: unknown): void;
  close(): Promise<void>;
}

const BALANCE = 'GET /v1/users/me/balance';

/** The healthy route: the published balance example, unless `overrides` replaces it. */
export function moonshotRoutes(overrides: RouteTable = {}): RouteTable {
  return { [BALANCE]: { json: balance }, ...overrides };
}

export async function startMoonshotFake(acceptKey: string): Promise<MoonshotFake> {
  let body: unknown = balance;
  const notFound = { status: 404, json: { error: { message: 'not found', type: 'resource_not_found_error' } } };
  const table = routes(moonshotRoutes({ [BALANCE]: () => ({ json: body }) }), notFound);
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${acceptKey}`) {
      return { status: 401, json: { error: { message: 'Invalid Authentication', type: 'invalid_authentication_error' } } };
    }
    return table(request);
  });
  return {
    url: `${server.origin}/v1`,
    requests: server.requests,
    setBody(next) {
      body = next ?? balance;
    },
    close: () => server.close(),
  };
}
