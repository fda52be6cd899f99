/**
 * Fake DeepSeek `GET /user/balance`, replaying the published example (api-docs.deepseek.com) or the
 * balances a test sets. Only one key is accepted; any other gets DeepSeek's 401.
 */
import userBalance from '../../src/core/providers/deepseek/__fixtures__/user-balance.json' with { type: 'json' };
import { startFakeServer, type RecordedRequest } from './fake-http-server.js';

export interface DeepSeekFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Replace the body of `/user/balance`. */
  setBody(body: unknown): void;
  close(): Promise<void>;
}

export async function startDeepSeekFake(acceptKey: string): Promise<DeepSeekFake> {
  let body: unknown = userBalance;
  const server = await startFakeServer((request) => {
    if (request.method !== 'GET' || request.path !== '/user/balance') return { status: 404, json: { error: { message: 'Not Found' } } };
    if (request.headers.authorization !== `Bearer ${acceptKey}`) {
      return { status: 401, json: { error: { message: 'Authentication Fails, Your api key is invalid', type: 'authentication_error' } } };
    }
    return { json: body };
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
