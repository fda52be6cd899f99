/** Alerts through the real `spendbar` binary against the OpenRouter fake: poll, status and watch. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { cleanEnv, repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

let fake: OpenRouterFake;
beforeAll(async () => {
  fake = await startOpenRouterFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.set({ totalCredits: 100.5, totalUsage: 25.75, usageMonthly: 12.5, down: false, managementKey: true });
});

// Thresholds go on the `env` account (the one environment keys configure); a named account without a key
// of its own stays unconfigured and must never alert.
const env = () => ({ OPENROUTER_API_KEY: 'sk-or-v1-alerts-test-secret', SPENDBAR_OPENROUTER_BASE_URL: fake.url });

async function pollJson(dataDir: string) {
  const result = await runCli(['poll', '--json'], { env: env(), dataDir });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { alerts: { id: string; accountId: string | null; kind: string; title: string; body: string }[]; accounts: { account: string; balance: { amount: string } }[] };
}

describe('spendbar poll: low-balance alerts', () => {
  it('lists exactly one alert when the balance falls below the threshold, none on the next poll', async () => {
    const dataDir = tempDataDir();
    const added = await runCli(['accounts', 'add', 'openrouter', '--account', 'env', '--threshold', 'lowBalance=10'], { env: env(), dataDir });
    expect(added.code).toBe(0);
    await runCli(['accounts', 'add', 'openrouter', '--account', 'work', '--set', `baseUrl=${fake.url}`, '--threshold', 'lowBalance=1000'], { env: env(), dataDir });

    expect((await pollJson(dataDir)).alerts).toEqual([]);

    // 69.25 more spent, and the key's month-to-date says the same: a fall, not a disagreement.
    fake.set({ totalUsage: 95, usageMonthly: 81.75 });
    const fell = await pollJson(dataDir);
    expect(fell.accounts.find((account) => account.account === 'env')?.balance.amount).toBe('5.50');
    expect(fell.alerts).toEqual([
      {
        id: expect.any(String),
        accountId: 'openrouter:env',
        kind: 'low-balance',
        title: 'Low balance: OpenRouter (env)',
        body: expect.stringContaining('5.50 USD left, below your 10.00 USD alert.'),
        raisedAt: expect.any(String),
        snoozedUntil: null,
      },
    ]);

    expect((await pollJson(dataDir)).alerts).toEqual([]);
    // status shows the stored history (what the popover lists), without polling.
    const status = JSON.parse((await runCli(['status', '--json'], { env: env(), dataDir })).stdout);
    expect(status.alerts.map((alert: { id: string }) => alert.id)).toEqual([fell.alerts[0]!.id]);
  });

  it('a top-up re-arms it: the next fall alerts again, printed for a person', async () => {
    const dataDir = tempDataDir();
    await runCli(['accounts', 'add', 'openrouter', '--account', 'env', '--threshold', 'lowBalance=10'], { env: env(), dataDir });
    fake.set({ totalUsage: 95, usageMonthly: 81.75 });
    expect((await pollJson(dataDir)).alerts).toHaveLength(1);
    fake.set({ totalCredits: 200.5 });
    expect((await pollJson(dataDir)).alerts).toEqual([]);
    fake.set({ totalUsage: 195, usageMonthly: 181.75 });
    const human = await runCli(['poll'], { env: env(), dataDir });
    expect(human.stdout).toContain('! Low balance: OpenRouter (env) — 5.50 USD left, below your 10.00 USD alert.');
    expect(human.stdout).not.toContain('sk-or-v1-alerts-test-secret');
  });

  it('refuses a malformed threshold and stores nothing', async () => {
    const dataDir = tempDataDir();
    const bad = await runCli(['accounts', 'add', 'openrouter', '--threshold', 'lowBalance=ten'], { dataDir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not an amount/);
    const unknown = await runCli(['accounts', 'add', 'openrouter', '--threshold', 'lowBalanse=10'], { dataDir });
    expect(unknown.stderr).toMatch(/--threshold/);
    expect(JSON.parse((await runCli(['accounts', 'list', '--json'], { dataDir })).stdout).accounts).toEqual([]);
  });
});

describe('spendbar poll: reconciliation and stale data', () => {
  it('says when the balance fell far more than the official month-to-date grew, with both figures', async () => {
    const dataDir = tempDataDir();
    await pollJson(dataDir);
    fake.set({ totalUsage: 45.75, usageMonthly: 13.5 });
    const { alerts } = await pollJson(dataDir);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'reconciliation', accountId: 'openrouter:env' })]);
    expect(alerts[0]?.body).toMatch(/^Official 1\.00 USD, estimated 20\.00 USD \(since \d{4}-\d{2}-\d{2}; estimated from the balance’s fall\): 1900% apart/);
  });

  it('raises nothing from the last good figures while the provider is down', async () => {
    const dataDir = tempDataDir();
    await pollJson(dataDir);
    fake.set({ down: true });
    await runCli(['accounts', 'add', 'openrouter', '--account', 'env', '--threshold', 'lowBalance=100'], { env: env(), dataDir });
    const down = await pollJson(dataDir);
    expect(down.alerts).toEqual([]);
    fake.set({ down: false });
    expect((await pollJson(dataDir)).alerts).toEqual([expect.objectContaining({ kind: 'low-balance', accountId: 'openrouter:env' })]);
  });
});

describe('spendbar watch', () => {
  it('polls, prints each alert as a JSON line, and stops cleanly on Ctrl-C', async () => {
    const dataDir = tempDataDir();
    await runCli(['accounts', 'add', 'openrouter', '--account', 'env', '--threshold', 'lowBalance=100'], { env: env(), dataDir });
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'spendbar.js'), 'watch', '--json'], {
      env: cleanEnv({ SPENDBAR_DATA_DIR: dataDir, ...env() }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no alert printed\n${stderr}`)), 15_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('\n')) {
            clearTimeout(timer);
            resolve(stdout.split('\n')[0]!);
          }
        });
      });
      expect(JSON.parse(firstLine)).toMatchObject({ kind: 'low-balance', accountId: 'openrouter:env', title: 'Low balance: OpenRouter (env)' });
      child.kill('SIGINT');
      const started = Date.now();
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(stderr).toContain('press Ctrl-C to stop');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
