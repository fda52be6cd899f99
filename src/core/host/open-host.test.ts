/** The host's poll cycle: small progress events while it runs, one overview when it is done. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeepSeekFake, type DeepSeekFake } from '../../../tests/fakes/deepseek-fake.js';
import { startOpenRouterFake, type OpenRouterFake } from '../../../tests/fakes/openrouter-fake.js';
import type { Overview, PollProgressEvent } from '../../shared/api.js';
import { openHost } from './host.js';

let fakes: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((fake) => fake.close()));
  fakes = [];
});

describe('openHost', () => {
  it('sends each account’s progress as a small event and rebuilds the overview once per cycle', async () => {
    const deepseekKey = 'sk-host-progress-test-0000';
    const openrouter: OpenRouterFake = await startOpenRouterFake();
    const deepseek: DeepSeekFake = await startDeepSeekFake(deepseekKey);
    fakes = [openrouter, deepseek];
    const host = await openHost({
      dataDir: mkdtempSync(join(tmpdir(), 'spendbar-host-')),
      env: {
        OPENROUTER_API_KEY: 'sk-or-v1-host-progress-test',
        SPENDBAR_OPENROUTER_BASE_URL: openrouter.url,
        DEEPSEEK_API_KEY: deepseekKey,
        SPENDBAR_DEEPSEEK_BASE_URL: deepseek.url,
      },
    });
    const steps: PollProgressEvent[] = [];
    const overviews: Overview[] = [];
    host.onProgress((event) => steps.push(event));
    const cycleDone = new Promise<void>((resolve) =>
      host.onOverview((overview) => {
        overviews.push(overview);
        resolve();
      }),
    );
    try {
      host.start();
      await cycleDone;
      // Let anything else the cycle might push arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(overviews).toHaveLength(1);
      expect(overviews[0]!.accounts.filter((account) => account.status === 'ok').map((account) => account.id).sort()).toEqual(['deepseek:env', 'openrouter:env']);
      expect(steps.map((step) => `${step.accountId} ${step.state}`).sort()).toEqual(['deepseek:env done', 'deepseek:env started', 'openrouter:env done', 'openrouter:env started']);
      for (const step of steps) expect(Number.isNaN(Date.parse(step.at))).toBe(false);
    } finally {
      await host.close();
    }
  });
});
