/**
 * An API account whose official spend and tracked usage (Codex logs read onto it) differ beyond the
 * threshold: the reconciliation alert fires with the overview's figures, and the same figures appear in
 * the account's detail view, `status --json` and `export` (csv and json).
 */
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiFake, type OpenAiFake } from '../fakes/openai-fake.js';
import { repoRoot, runCli, tempDataDir } from '../helpers/cli.js';
import { SpendbarService } from '../../src/core/host/service.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import type { AccountView } from '../../src/shared/api.js';
import { formatMoney } from '../../src/shared/format-money.js';

const ADMIN_KEY = 'sk-admin-test-0000';
let fake: OpenAiFake;
let dataDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await startOpenAiFake();
  dataDir = tempDataDir();
  env = { OPENAI_ADMIN_KEY: ADMIN_KEY, SPENDBAR_OPENAI_BASE_URL: fake.url };
});
afterEach(async () => {
  await fake.close();
});

/** The OpenAI fake's November (official 4.4945678 USD), with the Codex sample read onto openai:env. */
async function accountWithBothFigures(): Promise<SpendbarService> {
  const service = new SpendbarService({ dataDir, env, secrets: new MemorySecretStore(), http: createHttpClient({ maxRetries: 0 }), now: () => new Date('2026-11-21T10:00:00Z') });
  await service.poll();
  const report = await service.agentLogs.read('codex', { paths: [join(repoRoot, 'tests/fixtures/agent-logs/codex/sessions')] });
  expect(report.added).toBe(3);
  await service.agentLogs.save('codex', { account: 'env' });
  return service;
}

describe('reconciliation of tracked usage against the bill', () => {
  it('raises the alert and shows the same figures in the detail view, status --json and export', async () => {
    const service = await accountWithBothFigures();
    const overview = await service.overview();
    const account = overview.accounts.find((item) => item.id === 'openai:env')!;
    // Official 4.4945678 against the priced Codex calls 0.0266545 (gpt-imaginary-9 has no price).
    const month = { official: '4.4945678', tracked: '0.0266545', difference: '4.4679133', percent: '99.41', currency: 'USD' };
    expect(account.reconciliation?.month).toEqual(month);
    expect(account.reconciliation?.days.find((day) => day.date === '2026-11-05')).toEqual({ date: '2026-11-05', official: null, tracked: '0.0266545', difference: null, percent: null, currency: 'USD' });

    const [alert] = await service.evaluateAlerts();
    expect(alert).toMatchObject({ kind: 'reconciliation', accountId: 'openai:env' });
    expect(alert!.body).toBe('Official 4.49 USD, estimated 0.03 USD (month-to-date; estimated from tracked usage): 99.41% apart, more than your 20%.');

    // The detail view's section, rendered from the very AccountView the popover receives.
    const path = '../../src/renderer/components/Reconciliation.tsx';
    const { Reconciliation } = (await import(path)) as { Reconciliation: (props: { account: AccountView; locale: string }) => unknown };
    const html = renderToStaticMarkup(createElement(Reconciliation as never, { account, locale: 'en-US' }));
    for (const amount of [month.official, month.tracked, month.difference]) expect(html).toContain(formatMoney(amount, 'USD', { precision: 'exact', locale: 'en-US' }));
    expect(html).toContain('(99.41%)');

    const status = await runCli(['status', '--json', '--month', '2026-11'], { dataDir, env });
    expect(status.code).toBe(0);
    const statusAccount = (JSON.parse(status.stdout) as { accounts: AccountView[] }).accounts.find((item) => item.id === 'openai:env')!;
    expect(statusAccount.reconciliation).toEqual(account.reconciliation);

    const csv = await runCli(['export', '--format', 'csv', '--month', '2026-11'], { dataDir, env });
    expect(csv.stdout).toContain('reconciliation,openai,env,2026-11,official,4.4945678,USD,official,\r\n');
    expect(csv.stdout).toContain('reconciliation,openai,env,2026-11,tracked,0.0266545,USD,estimated,\r\n');
    expect(csv.stdout).toContain('reconciliation,openai,env,2026-11,difference,4.4679133,USD,estimated,99.41%\r\n');
    const json = await runCli(['export', '--format', 'json', '--month', '2026-11'], { dataDir, env });
    expect((JSON.parse(json.stdout) as { accounts: AccountView[] }).accounts.find((item) => item.id === 'openai:env')!.reconciliation).toEqual(account.reconciliation);
  });

  it('keeps subscription usage out of the comparison: no reconciliation, no alert', async () => {
    const service = await accountWithBothFigures();
    await service.agentLogs.save('codex', { billing: 'subscription' });
    const overview = await service.overview();
    expect(overview.accounts.find((item) => item.id === 'openai:env')!.reconciliation).toBeNull();
    expect(overview.apiEquivalent?.map((agent) => agent.cost)).toEqual(['0.0266545']);
    expect(overview.totals).toEqual([expect.objectContaining({ currency: 'USD', monthToDate: '4.4945678' })]);
    expect(await service.evaluateAlerts()).toEqual([]);
  });
});
