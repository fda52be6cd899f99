/**
 * Property tests of every provider adapter's response parsing. Each adapter polls a real 127.0.0.1
 * server that replays its published answers, with one route's body mutated (fields dropped, types
 * changed, odd numbers and strings, empty containers, truncation). Whatever arrives, the poll either
 * fails with a ProviderError of a fitting kind, or returns a snapshot the engine can store and read
 * back: canonical amounts, finite counts, nothing negative where it cannot be.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../src/core/http/http-client.js';
import { billingMonth } from '../../src/core/model/billing-month.js';
import { ProviderError } from '../../src/core/model/provider-error.js';
import type { Snapshot } from '../../src/core/model/snapshot.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import { providers } from '../../src/core/providers/registry.js';
import { isUnmappedFailure } from '../../src/core/providers/snapshot-guard.js';
import { HistoryStore, snapshotFromJson } from '../../src/core/ledger/history-store.js';
import { isolateAwsEnvironment } from '../fakes/aws-fake.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from '../fakes/fake-http-server.js';
import { adapterSetups, type AdapterSetup } from './parsers-adapters.js';
import { bodyPlan, mutatedText, type BodyPlan } from './parsers-mutations.js';

isolateAwsEnvironment();

/** Runs per adapter; each run is one poll (one to five requests). PARSER_RUNS raises it for a soak. */
const RUNS = Number(process.env.PARSER_RUNS ?? 200);
/** A wall-clock bound per adapter, so a loaded machine shortens the run instead of failing it. */
const TIME_LIMIT_MS = Number(process.env.PARSER_TIME_LIMIT_MS ?? 4_000);
/** One poll of a mutated answer never takes long or asks again and again (pagination that never ends). */
const POLL_BOUND_MS = 5_000;
const MAX_REQUESTS = 12;

const routeOf = (request: RecordedRequest) => `${request.method} ${request.path} ${String(request.headers['x-amz-target'] ?? '')}`;
const runsDone: Record<string, number> = {};

describe('every adapter parses mutated answers safely', () => {
  it('covers every API provider in the registry', () => {
    const api = providers.filter((provider) => provider.kind === 'api').map((provider) => provider.id);
    expect(adapterSetups.map((setup) => setup.id).sort()).toEqual([...api].sort());
  });

  for (const setup of adapterSetups) describeAdapter(setup);

  afterAll(() => {
    console.log(`parser property runs per adapter: ${JSON.stringify(runsDone)}`);
  });
});

function describeAdapter(setup: AdapterSetup): void {
  describe(setup.id, () => {
    let server: FakeServer;
    let http: HttpClient;
    let store: HistoryStore;
    let plan: BodyPlan | undefined;
    let routes: string[] = [];
    const warnings: string[] = [];

    beforeAll(async () => {
      server = await startFakeServer(async (request) => {
        const reply = await setup.healthy(request);
        if (!plan || (reply.status ?? 200) !== 200 || reply.json === undefined) return reply;
        if (routes[plan.route % routes.length] !== routeOf(request)) return reply;
        return { status: 200, headers: { ...reply.headers, 'content-type': 'application/json' }, raw: mutatedText(reply.json, plan) };
      });
      http = createHttpClient({ maxRetries: 0, totalTimeoutMs: 3_000, connectTimeoutMs: 1_000 });
      store = new HistoryStore(mkdtempSync(join(tmpdir(), `spendbar-parsers-${setup.id}-`)), (message) => warnings.push(message));
    });
    afterAll(async () => {
      await server.close();
    });

    async function poll(): Promise<Snapshot> {
      const provider = setup.provider();
      const [year, month] = setup.month ?? [2026, 11];
      const now = setup.now ?? new Date('2026-11-21T10:00:00Z');
      const context = createProviderContext({
        provider,
        http,
        now: () => now,
        month: billingMonth(year, month),
        credentials: setup.credentials(server.origin),
        settings: setup.settings,
        baseUrl: setup.baseUrl(server.origin),
      });
      return provider.fetchSnapshot!(context);
    }

    it('polls the healthy answers into a storable snapshot', async () => {
      plan = undefined;
      server.requests.length = 0;
      const snapshot = await poll();
      routes = [...new Set(server.requests.map(routeOf))];
      expect(routes.length).toBeGreaterThan(0);
      assertStorable(snapshot, store, warnings, setup);
    });

    it('lets only ProviderError escape and returns only what can be stored and read back', async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(bodyPlan, async (next) => {
          runs += 1;
          plan = next;
          server.requests.length = 0;
          const started = Date.now();
          let snapshot: Snapshot | undefined;
          try {
            snapshot = await poll();
          } catch (error) {
            if (!(error instanceof ProviderError)) throw new Error(`escaped ${explain(error)}`, { cause: error });
            // The guard's safety net caught a fault in mapping code: the adapter needs a real check.
            expect(isUnmappedFailure(error), error.message).toBe(false);
            // A 200 with an odd body is never a network fault (which would be retried as one).
            expect(error.kind, error.message).not.toBe('network');
            expect(error.message).not.toMatch(/^Unexpected failure/);
          }
          expect(Date.now() - started).toBeLessThan(POLL_BOUND_MS);
          expect(server.requests.length).toBeLessThanOrEqual(MAX_REQUESTS);
          if (snapshot) assertStorable(snapshot, store, warnings, setup);
        }),
        { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );
      runsDone[setup.id] = runs;
      plan = undefined;
    });
  });
}

function explain(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}\n${error.stack ?? ''}`;
  return String(error);
}

/**
 * What the engine later refuses: a month file it cannot read back, amounts that do not survive the
 * round trip exactly, counts that are not finite, and negative figures where none can be.
 */
function assertStorable(snapshot: Snapshot, store: HistoryStore, warnings: string[], setup: AdapterSetup): void {
  const [year, month] = setup.month ?? [2026, 11];
  expect(snapshot.month).toBe(billingMonth(year, month).key);
  expect(Number.isNaN(Date.parse(snapshot.fetchedAt))).toBe(false);
  warnings.length = 0;
  const accountId = `${setup.id}:parsers`;
  store.recordSuccess(accountId, snapshot);
  const file = store.read(accountId, snapshot.month);
  expect(warnings, 'the stored month file was set aside').toEqual([]);
  expect(file?.lastGood).toBeDefined();
  const back = snapshotFromJson(file!.lastGood!);
  const figures = (s: Snapshot) => [
    s.monthToDate,
    s.balance,
    s.spendLimit,
    s.forecast,
    ...(s.balances ?? []),
  ].map((figure) => figure && `${figure.money.amount.toFixed()} ${figure.money.currency} ${figure.confidence}`);
  expect(figures(back)).toEqual(figures(snapshot));
  expect(back.dailySpend?.map((day) => `${day.date} ${day.money.amount.toFixed()}`)).toEqual(
    snapshot.dailySpend?.map((day) => `${day.date} ${day.money.amount.toFixed()}`),
  );
  expect(back.breakdown?.map((item) => item.money.amount.toFixed())).toEqual(snapshot.breakdown?.map((item) => item.money.amount.toFixed()));
  for (const day of snapshot.dailySpend ?? []) expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (snapshot.spendLimit) expect(snapshot.spendLimit.money.amount.isNegative()).toBe(false);
  if (snapshot.quota) {
    for (const count of [snapshot.quota.used, snapshot.quota.limit]) {
      if (count !== undefined) expect(Number.isFinite(count) && count >= 0, `quota ${count}`).toBe(true);
    }
    if (snapshot.quota.resetsAt !== undefined) expect(Number.isNaN(Date.parse(snapshot.quota.resetsAt))).toBe(false);
  }
  for (const usage of snapshot.usage ?? []) {
    for (const count of [usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, usage.requests]) {
      if (count !== undefined) expect(Number.isFinite(count) && count >= 0, `usage count ${count}`).toBe(true);
    }
  }
}
