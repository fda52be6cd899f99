/**
 * Every call of the API contract (src/shared/api.ts) fed random payloads with fast-check, through the
 * engine's handlers and through `spendbar serve`'s HTTP route: each answer is a success or a refusal
 * with a message (InputError; a 4xx with `{error: {message}}` over HTTP), never an uncaught exception
 * or a 500, and nothing stored is refused by the readers afterwards. The engine's HTTP client is a stub
 * that records and refuses every request, so no payload reaches the network.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../src/core/host/api-handlers.js';
import { isRealDate, parseRealDateTime } from '../../src/core/model/billing-month.js';
import { InputError } from '../../src/core/model/input-error.js';
import { ProviderError } from '../../src/core/model/provider-error.js';
import { parseAmount, formatAmount } from '../../src/core/model/money.js';
import { providers } from '../../src/core/providers/registry.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import { SpendbarService } from '../../src/core/host/service.js';
import type { HttpClient } from '../../src/core/http/http-client.js';
import { runApiCall } from '../../src/main/ipc.js';
import { apiContract, apiErrorSchema, apiNames, overviewSchema, type ApiName, type SpendbarApi } from '../../src/shared/api.js';
import { startServeProcess, type ServeProcess } from '../helpers/cli.js';

const RUNS_PER_CALL = 80;
const HTTP_RUNS = 150;
const SEED = Number(process.env.SPENDBAR_FAULT_SEED ?? 20261204);

// AWS and Google Cloud (gcp, gemini) bring their own HTTP stacks (the SDK and google-auth), which the stub
// cannot hold back, so connection tests draw from the other providers; every provider id still appears elsewhere.
const offlineProviders = providers.filter((provider) => !['aws', 'gcp', 'gemini'].includes(provider.id)).map((provider) => provider.id);
const allProviders = providers.map((provider) => provider.id);

/** Values that have broken parsers before: impossible dates, exotic numbers, control characters, huge strings. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '%',
  '\u001b[31m',
  '\u0000',
  '2026-02-30',
  '2026-02-30T00:00:00Z',
  '2026-11-21T24:00:00Z',
  '2099-01-01',
  '2099-01',
  '0000-00',
  '1e309',
  'NaN',
  '-0',
  '12.345678901234567',
  '100000000000000000000.5',
  '__proto__',
  'constructor',
  'openrouter:env',
  'openrouter:work',
  'http://169.254.169.254/latest',
  'javascript:alert(1)',
  'x'.repeat(5000),
);
const plausible = fc.oneof(
  fc.constantFrom(...allProviders),
  fc.constantFrom('spend', 'topup', 'balance', 'USD', 'EUR', 'default', 'work', '2026-11-02', '2026-11', '12.50', '-3.50', '2026-11-21T09:00:00.000Z', 'https://example.invalid/v1'),
  fc.integer({ min: -10, max: 100_000 }).map(String),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: plausible },
  { weight: 2, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom('apiKey', 'baseUrl', 'region', 'currency', 'teamId', 'colour'), fc.string({ maxLength: 8 })), fc.oneof(plausible, nasty, fc.string({ maxLength: 20 })), { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

/** One valid request per call; the property mutates some of its fields so the success paths run too. */
const validRequests: Record<ApiName, Record<string, unknown>> = {
  getOverview: { month: '2026-11' },
  refresh: { accountId: 'openrouter:env' },
  listEntries: {},
  addEntry: { provider: 'groq', kind: 'spend', amount: '2.50', date: '2026-11-02', note: 'lunch' },
  updateEntry: { id: 'entry-1', amount: '3.00' },
  deleteEntry: { id: 'entry-1' },
  restoreEntry: { id: 'entry-1', provider: 'groq', account: 'default', kind: 'topup', amount: '10.00', currency: 'USD', date: '2026-11-01', note: '', createdAt: '2026-11-01T08:00:00.000Z' },
  listProviders: {},
  listAccounts: {},
  testConnection: { provider: 'openrouter', account: 'work', credentials: { apiKey: 'sk-or-v1-typed-in-form' }, settings: { baseUrl: 'https://example.invalid/api/v1' } },
  saveAccount: { provider: 'stripe', account: 'shop', settings: { currency: 'eur' }, intervalMinutes: 30, thresholds: { lowBalance: '5' } },
  removeAccount: { id: 'stripe:shop' },
  getPreferences: {},
  getOtlpReceiverStatus: {},
  setPreferences: { monthlyBudget: { USD: '100' } },
  getAssistantSetup: {},
  getAlertSettings: {},
  setAlertSettings: { quietHours: { start: '22:00', end: '07:00' }, reconciliationPercent: 20 },
  snoozeAlert: { id: 'alert-1', until: '2026-11-22T10:00:00Z' },
  getTrackedSources: {},
  setTrackedSource: { source: 'codex', billing: 'api', account: 'work' },
};

function mutated(name: ApiName): fc.Arbitrary<unknown> {
  const valid = validRequests[name];
  const fields = Object.fromEntries(Object.entries(valid).map(([key, good]) => [key, fc.oneof({ weight: 4, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: value })]));
  const ids = name === 'restoreEntry' || name === 'updateEntry' || name === 'deleteEntry' ? fc.oneof(fc.uuid(), fc.constantFrom('entry-1', '', ' ', '../x')) : fc.constant(undefined);
  return fc.tuple(fc.record(fields), ids).map(([request, id]) => (id === undefined ? request : { ...request, id }));
}

/** Mutated valid requests, objects with the call's field names (any subset) and random values, random JSON. */
function payloadFor(name: ApiName): fc.Arbitrary<unknown> {
  const schema = apiContract[name].request as unknown as { shape?: Record<string, unknown> };
  const keys = Object.keys(schema.shape ?? {});
  const shaped = keys.length > 0 ? fc.record(Object.fromEntries(keys.map((key) => [key, key === 'provider' && (name === 'testConnection' || name === 'saveAccount') ? fc.oneof(fc.constantFrom(...offlineProviders), fc.string({ maxLength: 10 })) : value])), { requiredKeys: [] }) : fc.constant({});
  const withExtra = shaped.chain((base) => fc.oneof(fc.constant(base), fc.record({ [fc.sample(fc.constantFrom('extra', '__proto__', 'apiKey'), 1)[0]!]: value }).map((extra) => ({ ...(base as object), ...extra }))));
  return fc.oneof({ weight: 5, arbitrary: mutated(name) }, { weight: 4, arbitrary: withExtra }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], 'text', 42) });
}

const ENV_KEY = 'sk-or-v1-property-test-env-key';
const requested: { url: string; headers: string }[] = [];
const offline: HttpClient = {
  json: async (request) => {
    requested.push({ url: request.url, headers: JSON.stringify(request.headers ?? {}) });
    throw new ProviderError('network', 'This test runs offline.', { url: request.url });
  },
};

let dataDir: string;
let service: SpendbarService;
let api: SpendbarApi;

function openService(): SpendbarService {
  return new SpendbarService({ dataDir, env: { OPENROUTER_API_KEY: ENV_KEY }, secrets: new MemorySecretStore(), http: offline, now: () => new Date('2026-11-21T10:00:00Z') });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'spendbar-api-inputs-'));
  service = openService();
  api = createApiHandlers(service, {
    refresh: async (accountId) => {
      await service.poll(accountId ? { accountId } : {});
    },
    changed: () => undefined,
    launchAtLoginAvailable: false,
  });
});

describe('the engine handlers on random payloads', () => {
  it.each(apiNames)('%s answers a result or an InputError, never anything else', async (name) => {
    await fc.assert(
      fc.asyncProperty(payloadFor(name), async (payload) => {
        try {
          await (api[name] as (request: unknown) => Promise<unknown>)(payload);
        } catch (error) {
          if (!(error instanceof InputError)) throw new Error(`${name} threw ${(error as Error).name}: ${(error as Error).message} for ${JSON.stringify(payload)?.slice(0, 300)}`, { cause: error });
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS_PER_CALL, seed: SEED, endOnFailure: true },
    );
  });

  it('left only what the readers accept: a fresh start reads every file without setting any aside', async () => {
    const fresh = openService();
    const overview = await fresh.overview();
    expect(overviewSchema.safeParse(overview).success).toBe(true);
    expect(fresh.warnings).toEqual([]);
    expect(readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((file) => /corrupt|\.bad|moved/i.test(file))).toEqual([]);
    for (const entry of fresh.listEntries()) {
      expect(isRealDate(entry.date)).toBe(true);
      expect(parseRealDateTime(entry.createdAt)).toBeDefined();
      expect(formatAmount(parseAmount(entry.amount))).toBe(entry.amount);
      expect(entry.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/);
    }
    for (const account of await fresh.accountSummaries()) expect(JSON.stringify(account.settings)).not.toContain('sk-or-v1');
  });

  it('sent the environment key only to its own provider, whatever base URL a request named', () => {
    const withEnvKey = requested.filter((request) => request.headers.includes(ENV_KEY));
    expect(withEnvKey.length).toBeGreaterThan(0);
    expect(withEnvKey.filter((request) => !request.url.startsWith('https://openrouter.ai/api/v1/'))).toEqual([]);
  });
});

describe('spendbar serve on random requests', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await startServeProcess([], {
      SPENDBAR_DATA_DIR: mkdtempSync(join(tmpdir(), 'spendbar-serve-inputs-')),
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/spendbar-test-bus',
    });
  });
  afterAll(() => {
    serve?.child.kill('SIGTERM');
  });

  function post(path: string, body: string, method = 'POST'): Promise<{ status: number; body: string }> {
    return serve.request(path, { method, body, headers: { authorization: `Bearer ${serve.token}` } });
  }

  const callName = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...apiNames.filter((name) => name !== 'refresh')) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const body = (name: string) =>
    fc.oneof(
      { weight: 6, arbitrary: (apiNames as string[]).includes(name) ? payloadFor(name as ApiName).map((payload) => JSON.stringify(payload) ?? '') : fc.constant('{}') },
      { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      { weight: 1, arbitrary: fc.constantFrom('{', '[]', 'null', '"x"', '{"__proto__": {"polluted": 1}}') },
    );

  it('answers every API request with 2xx, or a 4xx/503 carrying {error: {message}}, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        callName.chain((name) => body(name).map((text) => ({ name, text }))),
        async ({ name, text }) => {
          const answer = await post(`/api/${encodeURIComponent(name)}`, text);
          expect(answer.status, `${name} ${text.slice(0, 200)} -> ${answer.body.slice(0, 200)}`).not.toBe(500);
          if (answer.status >= 400) {
            expect([400, 404, 405, 409, 413, 503]).toContain(answer.status);
            expect(apiErrorSchema.safeParse(JSON.parse(answer.body)).success).toBe(true);
          }
        },
      ),
      { numRuns: HTTP_RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it('answers any request path with something other than a 500', async () => {
    const path = fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('%', '%E0%A4%A', '..', 'api', '%2e%2e', '%00')), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'POST'), async (segments, method) => {
        const target = `/${segments.map((segment) => segment.replace(/[\s#?]/g, '')).join('/')}`;
        const answer = await post(target, '', method);
        expect(answer.status, target).not.toBe(500);
      }),
      { numRuns: 100, seed: SEED, endOnFailure: true },
    );
  });

  it('IPC and serve word a refused request the same way', async () => {
    const ipcApi = createApiHandlers(service, { refresh: async () => undefined, changed: () => undefined, launchAtLoginAvailable: false });
    for (const [name, payload] of [
      ['addEntry', { provider: 'groq', kind: 'refund', amount: '1' }],
      ['addEntry', { provider: 'groq', kind: 'spend', amount: 'abc' }],
      ['getOverview', { month: '2026-13' }],
      ['saveAccount', { provider: 'openrouter', settings: { colour: 'red' } }],
    ] as const) {
      const viaIpc = await runApiCall(ipcApi, name, payload);
      const viaServe = await post(`/api/${name}`, JSON.stringify(payload));
      expect(viaIpc.ok).toBe(false);
      expect(viaServe.status).toBe(400);
      expect(JSON.parse(viaServe.body)).toEqual({ error: (viaIpc as { error: unknown }).error });
    }
  });
});
