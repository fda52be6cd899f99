/** The host's poll cycle: small progress events while it runs, one overview when it is done. */
import { cpSync, mkdtempSync } from 'node:fs';
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

describe('openHost and coding agents’ logs', () => {
  it('reads Claude Code’s logs when it starts, without any account to poll, and shows them as API-equivalent', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spendbar-host-home-'));
    cpSync(join(import.meta.dirname, '../../../tests/fixtures/agent-logs/claude-code'), join(home, '.claude'), { recursive: true });
    const host = await openHost({ dataDir: mkdtempSync(join(tmpdir(), 'spendbar-host-')), env: { HOME: home } });
    const shown = new Promise<Overview>((resolve) => host.onOverview(resolve));
    try {
      host.start();
      const overview = await shown;
      // The fixtures are dated 2026-11; what this month holds depends on today, so ask for that month.
      const november = await host.api.getOverview({ month: '2026-11' });
      expect(overview.accounts).toEqual([]);
      expect(november.apiEquivalent?.map((agent) => [agent.source, agent.requests, agent.cost])).toEqual([['claude-code', 4, '0.040992']]);
      const { sources } = await host.api.getTrackedSources({});
      expect(sources.find((source) => source.source === 'claude-code')).toMatchObject({ enabled: true, billing: 'subscription', files: 2, records: 4, lastRecordAt: '2026-11-04T08:30:00.000Z', errors: [] });
    } finally {
      await host.close();
    }
  });
});
