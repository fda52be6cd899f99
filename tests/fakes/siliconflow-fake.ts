/**
 * Fake SiliconFlow `GET /v1/user/info`, replaying the published example (docs.siliconflow.cn) in its
 * `{code: 20000, message, status, data}` envelope, or a body a test sets. Only one key is accepted.
 */
import userInfo from '../../src/core/providers/siliconflow/__fixtures__/user-info.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface SiliconFlowFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replace the body; without an argument, go back to the published example. */
  setBody(body?: unknown): void;
  close(): Promise<void>;
}

const USER_INFO = 'GET /v1/user/info';

/** The healthy route: the published user-info example, unless `overrides` replaces it. */
export function siliconflowRoutes(overrides: RouteTable = {}): RouteTable {
  return { [USER_INFO]: { json: userInfo }, ...overrides };
}

export async function startSiliconFlowFake(acceptKey: string): Promise<SiliconFlowFake> {
  let body: unknown = userInfo;
  const table = routes(siliconflowRoutes({ [USER_INFO]: () => ({ json: body }) }), { status: 404, json: { code: 404, message: 'Not Found', data: null } });
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== `Bearer ${acceptKey}`) return { status: 401, json: { code: 401, message: 'Invalid token', data: null } };
    return table(request);
  });
  return {
    url: `${server.origin}/v1`,
    requests: server.requests,
    setBody(next) {
      body = next ?? userInfo;
    },
    close: () => server.close(),
  };
}
