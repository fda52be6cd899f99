/**
 * Fake Lemon Squeezy API replaying the documented current-usage example and a subscription-item list in
 * the documented JSON:API shape (docs.lemonsqueezy.com/api/subscription-items).
 */
import currentUsage from '../../src/core/providers/lemonsqueezy/__fixtures__/current-usage.json' with { type: 'json' };
import subscriptionItems from '../../src/core/providers/lemonsqueezy/__fixtures__/subscription-items.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface LemonSqueezyFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The healthy routes: one usage-based subscription item and its current usage; `overrides` replace any. */
export function lemonsqueezyRoutes(overrides: RouteTable = {}): RouteTable {
  return { 'GET /v1/subscription-items': { json: subscriptionItems }, 'GET /v1/subscription-items/2/current-usage': { json: currentUsage }, ...overrides };
}

export async function startLemonSqueezyFake(acceptKey = 'lemonsqueezy-cli-test-secret-0000'): Promise<LemonSqueezyFake> {
  const unauthenticated = { status: 401, json: { jsonapi: { version: '1.0' }, errors: [{ detail: 'Unauthenticated.', status: '401', title: 'Unauthorized' }] } };
  const server = await startFakeServer((request) => {
    // Only the fake's own test key is accepted, as a real store accepts only its keys.
    if (request.headers.authorization !== `Bearer ${acceptKey}`) return unauthenticated;
    return routes(lemonsqueezyRoutes())(request);
  });
  return { url: `${server.origin}/v1`, requests: server.requests, close: () => server.close() };
}
