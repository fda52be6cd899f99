/** `spendbar status --currency`: the approximate total in one currency, beside the native figures that stay as they are. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/shared/api.js';
import { runCli, tempDataDir } from '../helpers/cli.js';

describe('spendbar status --currency', () => {
  const dataDir = tempDataDir();
  beforeAll(async () => {
    // Entries dated today, so they count in the month `status` shows whatever the day the test runs.
    for (const [amount, currency] of [['10.705', 'USD'], ['77.748', 'CNY'], ['5000', 'XAF']]) {
      const added = await runCli(['entry', 'add', '--provider', 'custom', '--account', 'Acme', '--kind', 'spend', '--amount', amount!, '--currency', currency!], { dataDir });
      expect(added.code, added.stderr).toBe(0);
    }
  });

  it('prints the approximate total with its rates and what it leaves out', async () => {
    const result = await runCli(['status', '--currency', 'EUR'], { dataDir });
    expect(result.code, result.stderr).toBe(0);
    // 10.705 USD / 1.0705 + 77.748 CNY / 7.7748 = 20 EUR with the bundled ECB rates of 2024-06-28.
    expect(result.stdout).toContain('Month to date');
    expect(result.stdout).toMatch(/Approximately €20\.00 in EUR \(ECB reference rates bundled with Spendbar of 2024-06-28, over a week old; leaves out XAF, which has no rate\)/);
  });

  it('adds `converted` to --json without changing any fixed field', async () => {
    const plain = JSON.parse((await runCli(['status', '--json'], { dataDir })).stdout) as Overview;
    const converted = JSON.parse((await runCli(['status', '--json', '--currency', 'eur'], { dataDir })).stdout) as Overview;
    expect(plain.converted).toBeUndefined();
    expect(converted.converted).toMatchObject({ amount: '20.00', currency: 'EUR', ratesDate: '2024-06-28', excluded: ['XAF'], approximate: true, stale: true });
    const { converted: _added, generatedAt: _at, ...fixed } = converted;
    const { generatedAt: _plainAt, ...plainFixed } = plain;
    expect(fixed).toEqual(plainFixed);
  });

  it('refuses a currency that does not exist', async () => {
    const result = await runCli(['status', '--currency', 'EURO'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Unknown currency "EURO"/);
  });
});
