/**
 * Fake Supabase Management API. Supabase publishes schemas but no example responses
 * (supabase/cli packages/api/src/generated/openapi.json), so replies follow the schemas.
 */
import organizationProjects from '../../src/core/providers/supabase/__fixtures__/organization-projects.json' with { type: 'json' };
import organization from '../../src/core/providers/supabase/__fixtures__/organization.json' with { type: 'json' };
import organizations from '../../src/core/providers/supabase/__fixtures__/organizations.json' with { type: 'json' };
import usageApiCounts from '../../src/core/providers/supabase/__fixtures__/usage-api-counts.json' with { type: 'json' };
import { routes, startFakeServer, type RecordedRequest, type RouteTable } from './fake-http-server.js';

export interface SupabaseFake {
  /** Base URL in the same form as the default: http://127.0.0.1:PORT */
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The healthy routes: one organization with one project and its API counts; `overrides` replace any. */
export function supabaseRoutes(overrides: RouteTable = {}): RouteTable {
  return {
    'GET /v1/organizations': { json: organizations },
    'GET /v1/organizations/tsrqponmlkjihgfedcba': { json: organization },
    'GET /v1/organizations/tsrqponmlkjihgfedcba/projects': { json: organizationProjects },
    'GET /v1/projects/abcdefghijklmnopqrst/analytics/endpoints/usage.api-counts': { json: usageApiCounts },
    ...overrides,
  };
}

export async function startSupabaseFake(): Promise<SupabaseFake> {
  const server = await startFakeServer(routes(supabaseRoutes()));
  return { url: server.origin, requests: server.requests, close: () => server.close() };
}
