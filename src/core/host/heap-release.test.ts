/**
 * After a burst of polls the process gives its heap back: full collections run once the poller is idle
 * (not during a cycle, not per account), and they really free what the burst left behind.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deepseekRoutes } from '../../../tests/fakes/deepseek-fake.js';
import { routes, startFakeServer, type FakeServer } from '../../../tests/fakes/fake-http-server.js';
import { createHttpClient } from '../http/http-client.js';
import { MemorySecretStore } from '../secrets/secret-store.js';
import { fullGarbageCollection, HEAP_RELEASE_STEPS_MS, HeapRelease } from './heap-release.js';
import { SpendbarService } from './service.js';

let server: FakeServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

/**
 * Objects that live across a few scavenges, as a poll cycle's requests do, so V8 grows the young
 * generation towards its maximum; all garbage once this returns. The heap in use at the end, in bytes.
 */
function allocateBurst(): number {
  const kept: object[][] = [];
  for (let round = 0; round < 60; round += 1) {
    kept.push(Array.from({ length: 20_000 }, (_, index) => ({ index, text: `row ${round}-${index}` })));
    if (kept.length > 6) kept.shift();
  }
  expect(kept).toHaveLength(6);
  return getHeapStatistics().used_heap_size;
}

describe('heap release after a poll cycle', () => {
  it('collects at each step after the cycle, and a new cycle cancels the rest', () => {
    vi.useFakeTimers();
    const collect = vi.fn();
    const release = new HeapRelease(collect, [1_000, 6_000]);
    release.afterCycle();
    vi.advanceTimersByTime(999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    release.cancel();
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1);
    release.afterCycle();
    vi.advanceTimersByTime(7_000);
    expect(collect).toHaveBeenCalledTimes(3);
  });

  it('shrinks the young generation V8 grew for a burst, once the burst has been over for its 5 s window', async () => {
    const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.physical_space_size;
    allocateBurst();
    const grown = young();
    const done = new Promise<void>((resolve) => {
      let runs = 0;
      const release = new HeapRelease(() => {
        fullGarbageCollection()!();
        if (++runs === HEAP_RELEASE_STEPS_MS.length) resolve();
      });
      release.afterCycle();
    });
    await done;
    expect(grown).toBeGreaterThan(8 * 1024 * 1024);
    expect(young()).toBeLessThan(grown / 4);
  }, 20_000);

  it('is asked for once per cycle, after the last of overlapping polls ends', async () => {
    server = await startFakeServer(routes(deepseekRoutes()));
    const calls: string[] = [];
    const engine = new SpendbarService({
      dataDir: mkdtempSync(join(tmpdir(), 'spendbar-heap-release-')),
      secrets: new MemorySecretStore(),
      http: createHttpClient(),
      env: {},
      heapRelease: { afterCycle: () => calls.push('after'), cancel: () => calls.push('cancel') },
    });
    for (const name of ['a', 'b', 'c']) {
      await engine.addAccount('deepseek', name, { baseUrl: server.origin });
      await engine.setKey('deepseek', name, `sk-deepseek-test-${name}`);
    }
    const [first, second] = await Promise.all([engine.poll({ accountId: 'deepseek:a' }), engine.poll({ accountId: 'deepseek:b' })]);
    expect([...first, ...second].map((outcome) => outcome.errorKind)).toEqual([undefined, undefined]);
    expect(calls).toEqual(['cancel', 'cancel', 'after']);
    await engine.poll();
    expect(calls.slice(3)).toEqual(['cancel', 'after']);
  });

  it('frees the garbage a burst leaves (a real full collection, without --expose-gc)', () => {
    const collect = fullGarbageCollection();
    expect(collect).toBeTypeOf('function');
    const before = allocateBurst();
    collect!();
    const freed = before - getHeapStatistics().used_heap_size;
    expect(freed).toBeGreaterThan(10 * 1024 * 1024);
  });
});
