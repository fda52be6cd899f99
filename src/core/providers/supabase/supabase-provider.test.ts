import { describe, expect, it } from 'vitest';
import { routes, startFakeServer, type RecordedRequest } from '../../../../tests/fakes/fake-http-server.js';
import { supabaseRoutes } from '../../../../tests/fakes/supabase-fake.js';
import { createHttpClient } from '../../http/http-client.js';
import { billingMonth } from '../../model/billing-month.js';
import { createProviderContext } from '../provider-context.js';
import { describeProviderContract } from '../../../../tests/kit/provider-contract.js';
import organizations from './__fixtures__/organizations.json' with { type: 'json' };
import { supabaseProvider } from './supabase-provider.js';
import { pollAdapter } from '../../../../tests/kit/poll-adapter.js';

const token = 'sbp_contract_secret_00000000000000000000';
const org = 'GET /v1/organizations/tsrqponmlkjihgfedcba';
const counts = 'GET /v1/projects/abcdefghijklmnopqrst/analytics/endpoints/usage.api-counts';
const healthy = supabaseRoutes();

describeProviderContract({
  provider: supabaseProvider,
  credentials: { token },
  baseUrl: (origin) => origin,
  healthy: routes(healthy),
  expectSnapshot(snapshot) {
    // 19,080 REST + 205 Auth + 500 Storage + 4 Realtime requests of the one active project.
    expect(snapshot.quota).toEqual({ used: 19789, unit: 'API requests in the last 24 hours' });
    expect(snapshot.monthToDate).toBeUndefined();
    expect(snapshot.balance).toBeUndefined();
    expect(snapshot.notes).toContain('Acme: Pro plan; 2 projects (1 active).');
    expect(snapshot.notes!.join(' ')).toMatch(/reports no spend/);
  },
});

async function pollWith(table: Parameters<typeof routes>[0], credentials: Record<string, string> = { token }, month = billingMonth(2026, 11)) {
  const { snapshot, error, requests } = await pollAdapter({ provider: supabaseProvider, handler: routes(table), credentials, month });
  return { snapshot, error, requests };
}

describe('Supabase specifics', () => {
  it('lists organizations, reads plan and projects, then counts requests of active projects only', async () => {
    const { requests } = await pollWith(healthy);
    expect(requests.map((request) => request.path)).toEqual([
      '/v1/organizations',
      '/v1/organizations/tsrqponmlkjihgfedcba',
      '/v1/organizations/tsrqponmlkjihgfedcba/projects',
      '/v1/projects/abcdefghijklmnopqrst/analytics/endpoints/usage.api-counts',
    ]);
    expect(requests[3]!.query.get('interval')).toBe('1day');
    expect(requests.every((request) => request.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('reads only the organization named by SUPABASE_ORG', async () => {
    const { snapshot, requests } = await pollWith(healthy, { token, org: 'tsrqponmlkjihgfedcba' });
    expect(requests[0]!.path).toBe('/v1/organizations/tsrqponmlkjihgfedcba');
    expect(snapshot!.quota!.used).toBe(19789);
  });

  it('says which token to create when given a project API key, without calling Supabase', async () => {
    const { error, requests } = await pollWith(healthy, { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.service.role' });
    expect(error!.kind).toBe('auth');
    expect(error!.message).toMatch(/personal access token \(sbp_…\)/);
    expect(error!.message).toContain('https://supabase.com/dashboard/account/tokens');
    expect(requests).toHaveLength(0);
  });

  it('names the organization on 403 and 404', async () => {
    const forbidden = await pollWith({ ...healthy, [org]: { status: 403, json: { message: 'Forbidden resource' } } });
    expect(forbidden.error!.kind).toBe('permission');
    expect(forbidden.error!.message).toMatch(/organization "tsrqponmlkjihgfedcba"/);
    const missing = await pollWith({}, { token, org: 'no-such-org' });
    expect(missing.error!.kind).toBe('config');
    expect(missing.error!.message).toMatch(/SUPABASE_ORG/);
  });

  it('keeps the plan when request counts fail, in HTTP or inside a 200', async () => {
    const failing = await pollWith({ ...healthy, [counts]: { status: 500, json: { message: "Failed to get project's usage api counts" } } });
    expect(failing.snapshot!.quota).toBeUndefined();
    expect(failing.snapshot!.notes).toContain('Request counts of acme-production could not be read (provider-unavailable).');
    const inBody = await pollWith({ ...healthy, [counts]: { json: { result: [], error: { code: 400, message: 'Query failed', status: 'INVALID_ARGUMENT', errors: [] } } } });
    expect(inBody.snapshot!.quota).toBeUndefined();
    expect(inBody.snapshot!.notes).toContain('Request counts of acme-production could not be read (Supabase said: "Query failed").');
    expect(inBody.snapshot!.notes).toContain('Acme: Pro plan; 2 projects (1 active).');
  });

  it('stops on a rate limit reported inside a 200', async () => {
    const { error } = await pollWith({ ...healthy, [counts]: { json: { error: { code: 429, message: 'Too many requests', status: 'RESOURCE_EXHAUSTED', errors: [] } } } });
    expect(error!.kind).toBe('rate-limited');
  });

  it('counts nothing for past months, and caps the projects it asks about', async () => {
    const past = await pollWith(healthy, { token }, billingMonth(2026, 10));
    expect(past.snapshot!.quota).toBeUndefined();
    expect(past.requests.some((request) => request.path.includes('analytics'))).toBe(false);

    const many = Array.from({ length: 12 }, (_, index) => ({ ref: `project${String.fromCharCode(97 + index)}aaaaaaaaaaaa`, name: `p${index}`, status: 'ACTIVE_HEALTHY' }));
    const handler = (request: RecordedRequest) =>
      request.path.endsWith('usage.api-counts')
        ? { json: { result: [{ timestamp: '2026-11-21T00:00:00Z', total_auth_requests: '1', total_realtime_requests: 0, total_rest_requests: 2, total_storage_requests: 0 }] } }
        : request.path.endsWith('/projects')
          ? { json: { projects: many, pagination: { count: 12, limit: 100, offset: 0 } } }
          : request.path === '/v1/organizations'
            ? { json: organizations }
            : { json: { name: 'Acme', extra: true } };
    const server = await startFakeServer(handler);
    try {
      const context = createProviderContext({
        provider: supabaseProvider,
        http: createHttpClient({ maxRetries: 0 }),
        now: () => new Date('2026-11-21T10:00:00Z'),
        month: billingMonth(2026, 11),
        credentials: { token },
        baseUrl: server.origin,
      });
      const snapshot = await supabaseProvider.fetchSnapshot!(context);
      expect(server.requests.filter((request) => request.path.endsWith('usage.api-counts'))).toHaveLength(10);
      expect(snapshot.quota!.used).toBe(30);
      expect(snapshot.notes).toContain('Request counts cover 10 of 12 active projects.');
      expect(snapshot.notes).toContain('Acme: plan unknown; 12 projects (12 active).');
    } finally {
      await server.close();
    }
  });

  it('names the field when the project list has another shape', async () => {
    const { error } = await pollWith({ ...healthy, [`${org}/projects`]: { json: { projects: [{ name: 'no ref' }] } } });
    expect(error!.kind).toBe('parse');
    expect(error!.message).toContain('projects.0.ref');
  });
});
