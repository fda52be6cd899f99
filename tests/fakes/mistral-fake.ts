/**
 * Fake Mistral Admin API `GET /v1/admin/spend-limit` (LimitsOUT, mistralai/platform-docs-public
 * OpenAPI). Only one admin key is accepted, in `x-api-key` as the docs say; others get 401.
 */
import spendLimit from '../../src/core/providers/mistral/__fixtures__/spend-limit.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface MistralFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The healthy route: the published spend limit, unless `overrides` replaces it. */
export function mistralRoutes(overrides: RouteTable = {}): RouteTable {
  return { 'GET /v1/admin/spend-limit': { json: spendLimit }, ...overrides };
}

export async function startMistralFake(acceptKey: string): Promise<MistralFake> {
  const table = routes(mistralRoutes(), { status: 404, json: { detail: 'Not Found' } });
  const server = await startFakeServer((request) => {
    if (request.headers['x-api-key'] !== acceptKey) return { status: 401, json: { detail: 'Unauthorized' } };
    return table(request);
  });
  return { url: server.origin, requests: server.requests, close: () => server.close() };
}
