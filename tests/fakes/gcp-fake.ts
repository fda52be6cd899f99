/**
 * A fake Google Cloud: the OAuth token endpoint (`POST /token`, named by the key file's token_uri),
 * BigQuery's jobs.query and jobs.getQueryResults (`/bigquery/v2/projects/{p}/queries[/{jobId}]`) and the
 * Budgets API (`/v1/billingAccounts/{id}/budgets`), all on one 127.0.0.1 origin as SPENDBAR_GCP_BASE_URL
 * lays them out. Errors use Google's `{"error": {code, message, errors[], status}}` envelope.
 *
 * Also the setup the GCP tests share: a throwaway RSA service account key (node:crypto) written to a key
 * file whose token_uri points at the fake, and a one-call poll.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { billingMonth, type BillingMonth } from '../../src/core/model/billing-month.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { createGcpProvider } from '../../src/core/providers/gcp/gcp-provider.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import { startFakeServer, type FakeHandler, type FakeReply, type RecordedRequest } from './fake-http-server.js';

export const TEST_ACCESS_TOKEN = 'ya29.test-access-token-0000';
export const TEST_BILLING_TABLE = 'my-billing-project.billing_export.gcp_billing_export_v1_000000_AAAAAA_000000';
export const TEST_BILLING_ACCOUNT = '000000-AAAAAA-000000';

type Reply = FakeReply | ((request: RecordedRequest) => FakeReply);

export interface GcpFakeOptions {
  token?: Reply;
  /** jobs.query (POST …/queries). */
  query?: Reply;
  /** jobs.getQueryResults (GET …/queries/{jobId}). */
  results?: Reply;
  budgets?: Reply;
}

export function gcpFake(options: GcpFakeOptions): FakeHandler {
  const answer = (reply: Reply | undefined, request: RecordedRequest, fallback: FakeReply) => (typeof reply === 'function' ? reply(request) : (reply ?? fallback));
  return (request) => {
    const notFound = googleError(404, 'notFound', `No route ${request.method} ${request.path}`);
    if (request.method === 'POST' && request.path === '/token') {
      return answer(options.token, request, { json: { access_token: TEST_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' } });
    }
    if (request.method === 'POST' && /^\/bigquery\/v2\/projects\/[^/]+\/queries$/.test(request.path)) return answer(options.query, request, notFound);
    if (request.method === 'GET' && /^\/bigquery\/v2\/projects\/[^/]+\/queries\/[^/]+$/.test(request.path)) return answer(options.results, request, notFound);
    if (request.method === 'GET' && /^\/v1\/billingAccounts\/[^/]+\/budgets$/.test(request.path)) return answer(options.budgets, request, notFound);
    return notFound;
  };
}

/** A jobs.query / getQueryResults answer with the adapter's five columns. */
export function queryAnswer(rows: readonly (readonly string[])[], extra: Record<string, unknown> = {}): FakeReply {
  return {
    json: {
      kind: 'bigquery#queryResponse',
      schema: { fields: ['day', 'service', 'currency', 'cost_micros', 'credit_micros'].map((name) => ({ name, type: name.endsWith('micros') ? 'INTEGER' : 'STRING' })) },
      jobReference: { projectId: 'my-billing-project', jobId: 'job_test_0001', location: 'US' },
      totalRows: String(rows.length),
      rows: rows.map((row) => ({ f: row.map((v) => ({ v })) })),
      totalBytesProcessed: '10485760',
      jobComplete: true,
      cacheHit: false,
      ...extra,
    },
  };
}

export function googleError(code: number, reason: string, message: string): FakeReply {
  const status = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' }[code] ?? 'UNKNOWN';
  return { status: code, json: { error: { code, message, errors: [{ message, domain: 'global', reason }], status } } };
}

// ---- test setup ----------------------------------------------------------------------------------

let pair: { privateKey: string } | undefined;

/** A throwaway RSA key, generated once per test process. */
export function testPrivateKey(): string {
  pair ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return pair.privateKey;
}

/** Writes a service account key file whose token endpoint is `tokenUri`; returns its path. */
export function writeTestKeyFile(tokenUri: string, path = join(mkdtempSync(join(tmpdir(), 'spendbar-gcp-')), 'key.json')): string {
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'my-billing-project',
      private_key_id: 'key-id-test-0000',
      private_key: testPrivateKey(),
      client_email: 'spendbar-reader@my-billing-project.iam.gserviceaccount.com',
      client_id: '100000000000000000000',
      token_uri: tokenUri,
    }),
  );
  return path;
}

export const testGcpProvider = createGcpProvider({ tokenTimeoutMs: 2_000 });

export interface GcpPollOptions {
  now?: Date;
  month?: BillingMonth;
  settings?: Record<string, string>;
  /** A key file path to use as is (for broken key files); by default one pointing at the fake. */
  keyFile?: string;
}

/** One poll against a fresh fake; the requests it received come back with the snapshot or the error. */
export async function pollGcp(handler: FakeHandler, options: GcpPollOptions = {}): Promise<{ snapshot?: Snapshot; error?: unknown; requests: RecordedRequest[] }> {
  const server = await startFakeServer(handler);
  try {
    const now = options.now ?? new Date('2026-11-21T10:00:00Z');
    const context = createProviderContext({
      provider: testGcpProvider,
      http: createHttpClient({ maxRetries: 0 }),
      now: () => now,
      month: options.month ?? billingMonth(2026, 11),
      credentials: { keyFile: options.keyFile ?? writeTestKeyFile(`${server.origin}/token`) },
      settings: { billingTable: TEST_BILLING_TABLE, ...options.settings },
      baseUrl: server.origin,
    });
    try {
      return { snapshot: await testGcpProvider.fetchSnapshot!(context), requests: server.requests };
    } catch (error) {
      return { error, requests: server.requests };
    }
  } finally {
    await server.close();
  }
}
