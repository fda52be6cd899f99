/**
 * `serve` and the app run for days: nothing a poll creates may stay tied to the app's quit signal. On
 * Node 20, `AbortSignal.any` with that never-aborted signal kept every request's combined signal in
 * memory (the heap grew with each poll), so a signal that outlives a refresh must never go into it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDeepSeekFake, type DeepSeekFake } from '../../../tests/fakes/deepseek-fake.js';
import { startOpenRouterFake, type OpenRouterFake } from '../../../tests/fakes/openrouter-fake.js';
import { openHost } from './host.js';

let fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(fakes.map((fake) => fake.close()));
  fakes = [];
});

describe('openHost over many refreshes', () => {
  it('combines no signal that outlives one refresh with AbortSignal.any, and keeps polling fine', async () => {
    const deepseekKey = 'sk-host-signals-test-0000';
    const openrouter: OpenRouterFake = await startOpenRouterFake();
    const deepseek: DeepSeekFake = await startDeepSeekFake(deepseekKey);
    fakes = [openrouter, deepseek];
    const host = await openHost({
      dataDir: mkdtempSync(join(tmpdir(), 'spendbar-host-signals-')),
      env: {
        OPENROUTER_API_KEY: 'sk-or-v1-host-signals-test',
        SPENDBAR_OPENROUTER_BASE_URL: openrouter.url,
        DEEPSEEK_API_KEY: deepseekKey,
        SPENDBAR_DEEPSEEK_BASE_URL: deepseek.url,
      },
    });
    // For each signal given to AbortSignal.any: the refreshes during which it was.
    const refreshesBySource = new Map<AbortSignal, Set<number>>();
    let refresh = 0;
    const any = AbortSignal.any.bind(AbortSignal);
    vi.spyOn(AbortSignal, 'any').mockImplementation((signals) => {
      for (const signal of signals) refreshesBySource.set(signal, (refreshesBySource.get(signal) ?? new Set()).add(refresh));
      return any(signals);
    });
    try {
      for (refresh = 0; refresh < 20; refresh += 1) {
        const overview = await host.api.refresh({});
        expect(overview.accounts.filter((account) => account.status === 'ok').map((account) => account.id).sort()).toEqual(['deepseek:env', 'openrouter:env']);
      }
      const longLived = [...refreshesBySource.values()].filter((refreshes) => refreshes.size > 1);
      expect(longLived).toEqual([]);
    } finally {
      await host.close();
    }
  });
});
