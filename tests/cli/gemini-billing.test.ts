/**
 * A `gemini` account (tokens from Cloud Monitoring, priced) beside a `gcp` account reading the Cloud
 * Billing export: the bill's Gemini API line stays the truth, the Gemini estimate is reconciled against
 * it, and a gap beyond the tolerance raises the reconciliation alert.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SpendbarService } from '../../src/core/host/service.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { Dec } from '../../src/core/model/money.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import type { Overview } from '../../src/shared/api.js';
import { startFakeServer, type FakeServer } from '../fakes/fake-http-server.js';
import { gcpFake, queryAnswer, TEST_BILLING_TABLE, writeTestKeyFile } from '../fakes/gcp-fake.js';
import { geminiHealthy, TEST_PROJECT } from '../fakes/gemini-fake.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function cli(args: string[], context: { env: Record<string, string>; dataDir: string }): Promise<string> {
  const result = await runCli(args, context);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function pollBoth(billingRows: string[][]): Promise<{ overview: Overview; service: SpendbarService }> {
  const gemini = await startFakeServer(geminiHealthy());
  const billing = await startFakeServer(gcpFake({ query: queryAnswer(billingRows) }));
  servers.push(gemini, billing);
  const context = { dataDir: tempDataDir(), env: { SPENDBAR_GEMINI_BASE_URL: gemini.origin, SPENDBAR_GCP_BASE_URL: billing.origin } };
  await cli(['accounts', 'add', 'gemini', '--set', `project=${TEST_PROJECT}`, '--set', `keyFile=${writeTestKeyFile(`${gemini.origin}/token`)}`], context);
  await cli(['accounts', 'add', 'gcp', '--set', `billingTable=${TEST_BILLING_TABLE}`, '--set', `keyFile=${writeTestKeyFile(`${billing.origin}/token`)}`], context);
  const overview = JSON.parse(await cli(['poll', '--json', '--month', '2026-11'], context)) as Overview;
  // The same folder seen by the engine on 21 November, when these figures are the current month's.
  const service = new SpendbarService({ ...context, secrets: new MemorySecretStore(), http: createHttpClient({ maxRetries: 0 }), now: () => new Date('2026-11-21T10:00:00Z') });
  return { overview, service };
}

describe('gemini reconciled against the billing export', () => {
  it('holds the estimate against the Gemini API line of the bill and alerts on a gap beyond the tolerance', async () => {
    const { overview, service } = await pollBoth([
      ['2026-11-03', 'Gemini API', 'USD', '6000000', '0'],
      ['2026-11-04', 'Gemini API', 'USD', '4000000', '-500000'],
      ['2026-11-03', 'Compute Engine', 'USD', '7250000', '0'],
    ]);
    const gemini = overview.accounts.find((account) => account.provider === 'gemini')!;
    const gcp = overview.accounts.find((account) => account.provider === 'gcp')!;
    expect(gcp.monthToDate).toEqual({ amount: '16.75', currency: 'USD', confidence: 'official' });
    // The bill stays the truth: the estimate is compared, never added to or replacing gcp's figure.
    expect(gemini.monthToDate?.confidence).toBe('estimated');
    const estimate = new Dec(gemini.monthToDate!.amount);
    const billed = new Dec('9.5');
    expect(gemini.reconciliation?.month).toEqual({
      official: '9.50',
      tracked: gemini.monthToDate!.amount,
      difference: billed.minus(estimate).toFixed(),
      percent: billed.minus(estimate).div(billed).times(100).toDecimalPlaces(2).toFixed(2),
      currency: 'USD',
    });
    expect(gemini.reconciliation?.basis).toContain('Gemini API line of the Cloud Billing export (gcp:default)');
    expect((await service.overview()).accounts.find((account) => account.id === gemini.id)!.reconciliation).toEqual(gemini.reconciliation);
    const alerts = await service.evaluateAlerts();
    expect(alerts).toEqual([expect.objectContaining({ kind: 'reconciliation', accountId: gemini.id })]);
    expect(alerts[0]!.body).toContain('Official 9.50 USD');
  });

  it('compares nothing when the bill has no Gemini API line', async () => {
    const { overview, service } = await pollBoth([['2026-11-03', 'Compute Engine', 'USD', '7250000', '0']]);
    expect(overview.accounts.find((account) => account.provider === 'gemini')!.reconciliation).toBeNull();
    expect((await service.evaluateAlerts()).filter((alert) => alert.kind === 'reconciliation')).toEqual([]);
  });
});
