/**
 * Every fault a provider can produce, against every API adapter of the registry, through the engine
 * (SpendbarService: the poll path the CLI, `serve` and the app share). For each adapter: one good poll
 * first, then each fault behind a proxy. Asserted: the error kind, the last good figures kept and marked
 * stale, the poll's wall-clock bound, the number of requests (no hammering), and no part of the key in
 * what is stored. Prints the fault table (adapter x fault -> kind, ms, requests) for docs/reliability.md.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { publicPrefixLength } from '../../src/core/http/secret-scrub.js';
import { providers } from '../../src/core/providers/registry.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import { SpendbarService } from '../../src/core/host/service.js';
import type { AccountView, ErrorKind } from '../../src/shared/api.js';
import { FAULTS, startFaultProxy, type Fault } from './fault-proxy.js';
import { ADAPTERS } from './provider-adapters.js';

/** Short bounds so the whole file runs in about a minute; the defaults are 20 s a poll, 30 s a request. */
const POLL_TIMEOUT_MS = 1500;
const SLACK_MS = 2000;
const MONTH = '2026-11';

const EXPECTED: Record<Fault, ErrorKind> = {
  '401': 'auth',
  '402': 'billing',
  '403': 'permission',
  '404': 'config',
  '429 seconds': 'rate-limited',
  '429 date': 'rate-limited',
  '500': 'provider-unavailable',
  '502': 'provider-unavailable',
  '503': 'provider-unavailable',
  'html page': 'parse',
  'truncated json': 'parse',
  'wrong shape': 'parse',
  '50 MB body': 'parse',
  trickle: 'network',
  reset: 'network',
  'no answer': 'network',
};
/** Faults that may clear up by themselves: the HTTP client tries each request up to three times. */
const RETRIED = new Set<Fault>(['500', '502', '503', 'reset', 'no answer', 'trickle']);

const table = new Map<string, Map<Fault, string>>();

/** Fragments of 8+ characters of the key (beyond its published prefix) found in `text`. */
function keyFragments(text: string, key: string): string[] {
  const found: string[] = [];
  for (let i = Math.max(0, publicPrefixLength(key) - 7); i + 8 <= key.length; i += 1) if (text.includes(key.slice(i, i + 8))) found.push(key.slice(i, i + 8));
  return found;
}

const figures = (view: AccountView | undefined) => view && { monthToDate: view.monthToDate, balance: view.balance, balances: view.balances, spendLimit: view.spendLimit };

describe('provider faults through the engine', () => {
  it('covers every API adapter of the registry', () => {
    const apiProviders = providers.filter((provider) => provider.kind === 'api').map((provider) => provider.id);
    expect(ADAPTERS.map((adapter) => adapter.id).sort()).toEqual(apiProviders.sort());
  });

  for (const adapter of ADAPTERS) {
    it(`${adapter.id}: every fault keeps the last good figures, within the bound, without hammering`, async () => {
      const fake = await adapter.start();
      const upstream = new URL(fake.url);
      const proxy = await startFaultProxy(upstream.origin);
      const baseUrl = `${proxy.origin}${upstream.pathname.replace(/\/$/, '')}`;
      const dataDir = mkdtempSync(join(tmpdir(), `spendbar-faults-${adapter.id}-`));
      const service = new SpendbarService({
        dataDir,
        secrets: new MemorySecretStore(),
        http: createHttpClient({ connectTimeoutMs: 1000, totalTimeoutMs: 1000, baseBackoffMs: 20 }),
        env: adapter.env(baseUrl),
        now: () => new Date('2026-11-21T10:00:00Z'),
        pollTimeoutMs: POLL_TIMEOUT_MS,
      });
      const row = new Map<Fault, string>();
      table.set(adapter.id, row);
      try {
        if (adapter.account) await service.addAccount(adapter.id, 'default', adapter.account(proxy.origin));
        const view = async () => (await service.overview(MONTH)).accounts.find((account) => account.provider === adapter.id);

        await service.poll({ month: MONTH });
        const healthy = await view();
        expect(healthy?.status, JSON.stringify(healthy?.error)).toBe('ok');
        const healthyRequests = proxy.requests;
        expect(healthyRequests).toBeGreaterThan(0);

        for (const fault of FAULTS) {
          proxy.play(fault, adapter.key);
          const started = Date.now();
          // Forced: a 429 played earlier leaves a Retry-After wait that would skip the account.
          const [outcome] = await service.poll({ month: MONTH, force: true });
          const elapsed = Date.now() - started;
          // Calls made together (concurrent-calls.ts) that the failed poll stopped may reach the proxy a
          // moment later: they are this poll's requests, not the next fault's.
          await new Promise((resolve) => setTimeout(resolve, 100));
          const requests = proxy.requests;
          proxy.heal();
          const after = await view();
          row.set(fault, `${outcome?.errorKind ?? 'ok'} ${elapsed}ms ${requests}`);

          const where = `${adapter.id} / ${fault}: ${after?.error?.message ?? ''}`;
          expect(outcome?.errorKind, where).toBe(EXPECTED[fault]);
          expect(after?.status, where).toBe('stale');
          expect(after?.error?.kind, where).toBe(EXPECTED[fault]);
          expect(figures(after), where).toEqual(figures(healthy));
          expect(elapsed, where).toBeLessThan(POLL_TIMEOUT_MS + SLACK_MS);
          expect(requests, where).toBeGreaterThan(0);
          expect(requests, where).toBeLessThanOrEqual(RETRIED.has(fault) ? 3 * healthyRequests : healthyRequests);
          if (fault.startsWith('429')) {
            // Independent calls go out together, so each may meet the 429 once; none is retried.
            expect(requests, where).toBeLessThanOrEqual(healthyRequests);
            expect(after?.error?.retryAt, where).toBeDefined();
          }
          expect(keyFragments(JSON.stringify(after), adapter.key), where).toEqual([]);
        }
      } finally {
        await proxy.close();
        await fake.close();
      }
    });
  }

  afterAll(() => {
    const header = ['adapter', ...FAULTS];
    const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
    for (const [adapter, row] of table) lines.push(`| ${adapter} | ${FAULTS.map((fault) => row.get(fault) ?? '—').join(' | ')} |`);
    console.log(`\nFault table (kind, wall-clock ms of the poll, requests that reached the provider):\n\n${lines.join('\n')}\n`);
  });
});
