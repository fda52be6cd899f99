/**
 * The settled-days contract of an adapter with day-bucketed reports: polled through a month with the
 * settled days the engine keeps (read back from JSON as the store does), it asks each settled day once and
 * ends with exactly the snapshot a full-month fetch gives; anything odd in what was kept means a full fetch.
 */
import { describe, expect, it } from 'vitest';
import { daysOf, requestWindow } from '../fakes/daily-buckets.js';
import { routes, startFakeServer, type RouteTable } from '../fakes/fake-http-server.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { billingMonth } from '../../src/core/model/billing-month.js';
import { createProviderContext } from '../../src/core/providers/provider-context.js';
import type { ProviderDefinition, ProviderSnapshot, SettledStream } from '../../src/core/providers/provider.js';
import { settledBefore } from '../../src/core/providers/settled-days.js';

export interface SettledDaysContract {
  provider: ProviderDefinition;
  /** Credentials for the fake's origin (Gemini's key file names the fake's token endpoint). */
  credentials: (origin: string) => Record<string, string>;
  settings?: Record<string, string>;
  /** Routes answering for the window asked (tests/fakes/daily-buckets.ts). */
  routes: () => RouteTable;
  baseUrl: (origin: string) => string;
  /** The paths of the day-bucketed requests (the others, like a spend limit, have no window). */
  bucketedPaths: readonly string[];
  /** Day-bucketed reads per poll (streams), when several share a path (Gemini's metrics); default one a path. */
  streams?: number;
}

const MONTH = billingMonth(2026, 11);
const FINAL = new Date('2026-11-21T10:00:00Z');

type Kept = Record<string, SettledStream>;

/** What the store writes and reads back: JSON, nulls left out. */
const throughDisk = (kept: Kept | undefined): Kept => JSON.parse(JSON.stringify(kept ?? {}, (_key, value: unknown) => (value === null ? undefined : value))) as Kept;

export function describeSettledDays(contract: SettledDaysContract): void {
  describe(`${contract.provider.name}: settled days are fetched once`, () => {
    async function session() {
      const server = await startFakeServer(routes(contract.routes()));
      const poll = async (now: Date, streams?: Kept): Promise<ProviderSnapshot> => {
        const context = createProviderContext({
          provider: contract.provider,
          http: createHttpClient({ maxRetries: 0 }),
          now: () => now,
          month: MONTH,
          credentials: contract.credentials(server.origin),
          settings: contract.settings,
          baseUrl: contract.baseUrl(server.origin),
          settled: streams === undefined ? undefined : { before: settledBefore(MONTH, now), streams },
        });
        return contract.provider.fetchSnapshot!(context);
      };
      return { server, poll };
    }
    const bucketed = (server: Awaited<ReturnType<typeof session>>['server']) =>
      server.requests.filter((request) => contract.bucketedPaths.includes(request.path)).map((request) => requestWindow(request)!);

    it('gives the same snapshot as a full-month fetch after polls through the month, asking each settled day once', async () => {
      const full = await session();
      const incremental = await session();
      try {
        const { settled: _none, ...expected } = await full.poll(FINAL);
        let kept: Kept = {};
        // Twice a day from the 3rd to the 20th, then the final poll.
        const times: Date[] = [];
        for (let day = 3; day <= 20; day += 1) times.push(new Date(Date.UTC(2026, 10, day, 9)), new Date(Date.UTC(2026, 10, day, 21)));
        times.push(FINAL);
        const settledAsks = new Map<string, number>();
        for (const at of times) {
          const asked = incremental.server.requests.length;
          const snapshot = await incremental.poll(at, kept);
          kept = throughDisk(snapshot.settled);
          const before = settledBefore(MONTH, at);
          for (const request of incremental.server.requests.slice(asked)) {
            if (!contract.bucketedPaths.includes(request.path)) continue;
            for (const day of daysOf(requestWindow(request)!)) {
              // A stream is its path and, where several share one (Gemini's metrics), its filter.
              const key = `${request.path} ${request.query.get('filter') ?? ''} ${day}`;
              if (day < before) settledAsks.set(key, (settledAsks.get(key) ?? 0) + 1);
            }
          }
        }
        const { settled, ...last } = await incremental.poll(FINAL, kept);
        expect(last).toEqual(expected);
        expect(expected.monthToDate).toBeDefined();
        // Each settled day was asked for at most once after it settled, never again.
        expect([...settledAsks.values()].filter((count) => count > 1)).toEqual([]);
        // The last poll asked only for yesterday and today, and kept every settled day of each stream.
        const streams = contract.streams ?? contract.bucketedPaths.length;
        const lastWindows = bucketed(incremental.server).slice(-streams);
        expect(lastWindows.map((window) => daysOf(window))).toEqual(Array.from({ length: streams }, () => ['2026-11-20', '2026-11-21']));
        expect(Object.values(settled ?? {}).map((stream) => stream.through)).toEqual(Array.from({ length: streams }, () => '2026-11-19'));
      } finally {
        await Promise.all([full.server.close(), incremental.server.close()]);
      }
    });

    it('fetches the whole month when what was kept is odd: unreadable buckets, a day past the cut-off, another month', async () => {
      const { server, poll } = await session();
      try {
        const good = throughDisk((await poll(new Date('2026-11-10T10:00:00Z'), {})).settled);
        const stream = Object.keys(good)[0]!;
        const odd: Kept[] = [
          { ...good, [stream]: { ...good[stream]!, days: { ...good[stream]!.days, '2026-11-02': [{ start_time: 'soon', starting_at: 'soon', results: 'none' }] } } },
          { ...good, [stream]: { ...good[stream]!, through: '2026-11-20' } },
          { ...good, [stream]: { through: '2026-10-30', days: {} } },
        ];
        for (const kept of odd) {
          server.requests.length = 0;
          const snapshot = await poll(FINAL, kept);
          expect(snapshot.monthToDate).toBeDefined();
          const starts = bucketed(server).map((window) => window.start.toISOString().slice(0, 10));
          expect(starts).toContain('2026-11-01');
        }
      } finally {
        await server.close();
      }
    });

    it('keeps nothing and asks for the whole month without a store (tests, one-off callers)', async () => {
      const { server, poll } = await session();
      try {
        const snapshot = await poll(FINAL);
        expect(snapshot.settled).toBeUndefined();
        expect(bucketed(server).every((window) => window.start.toISOString() === MONTH.start.toISOString())).toBe(true);
      } finally {
        await server.close();
      }
    });
  });
}
