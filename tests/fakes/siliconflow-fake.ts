/**
 * Fake SiliconFlow `GET /v1/user/info`, replaying the published example (docs.siliconflow.cn) in its
 * `{code: 20000, message, status, data}` envelope, or a body a test sets. Only one key is accepted.
 */
import userInfo from '../../src/core/providers/siliconflow/__fixtures__/user-info.json' with { type: 'json' };
import { startFakeServer, type RecordedRequest } from './fake-http-server.js';

export interface SiliconFlowFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replace the body; without an argument, go back to the published example. */
  setBody(body?: unknown): void;
  close(): Promise<void>;
}

export async function startSiliconFlowFake(acceptKey: string): Promise<SiliconFlowFake> {
  let body: unknown = userInfo;
  const server = await startFakeServer((request) => {
    if (request.method !== 'GET' || request.path !== '/v1/user/info') return { status: 404, json: { code: 404, message: 'Not Found', data: null } };
    if (request.headers.authorization !== `Bearer ${acceptKey}`) return { status: 401, json: { code: 401, message: 'Invalid token', data: null } };
    return { json: body };
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
