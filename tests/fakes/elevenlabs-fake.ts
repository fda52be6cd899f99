/**
 * Fake ElevenLabs `GET /v1/user/subscription`, replaying the older published shape (elevenlabs-docs
 * openapi) or the newer SDK shape. Only one `xi-api-key` is accepted; others get ElevenLabs' 401.
 */
import subscription2025 from '../../src/core/providers/elevenlabs/__fixtures__/subscription-2025.json' with { type: 'json' };
import subscription2026 from '../../src/core/providers/elevenlabs/__fixtures__/subscription-2026.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface ElevenLabsFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Which published shape to serve. */
  useShape(shape: '2025' | '2026'): void;
  close(): Promise<void>;
}

const SUBSCRIPTION = 'GET /v1/user/subscription';

/** The healthy route: the older published subscription shape, unless `overrides` replaces it. */
export function elevenlabsRoutes(overrides: RouteTable = {}): RouteTable {
  return { [SUBSCRIPTION]: { json: subscription2025 }, ...overrides };
}

export async function startElevenLabsFake(acceptKey: string): Promise<ElevenLabsFake> {
  let body: unknown = subscription2025;
  const table = routes(elevenlabsRoutes({ [SUBSCRIPTION]: () => ({ json: body }) }), { status: 404, json: { detail: 'Not Found' } });
  const server = await startFakeServer((request) => {
    if (request.headers['xi-api-key'] !== acceptKey) {
      return { status: 401, json: { detail: { status: 'invalid_api_key', message: 'Invalid API key' } } };
    }
    return table(request);
  });
  return {
    url: server.origin,
    requests: server.requests,
    useShape(shape) {
      body = shape === '2025' ? subscription2025 : subscription2026;
    },
    close: () => server.close(),
  };
}
