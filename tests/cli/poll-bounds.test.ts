/**
 * `spendbar poll` against providers that hang or ask to wait, through the compiled CLI: one account's
 * poll is bounded (SPENDBAR_POLL_TIMEOUT_S), a Retry-After is never slept on and is remembered by the
 * next process, and on a terminal each account is printed as soon as it is done.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Overview } from '../../src/shared/api.js';
import { startDeepSeekFake, type DeepSeekFake } from '../fakes/deepseek-fake.js';
import { startFakeServer, type FakeReply, type FakeServer } from '../fakes/fake-http-server.js';
import { cleanEnv, repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

const deepseekKey = 'sk-5e1c9a7f3b0d2e4c';
const openrouterKey = 'sk-or-v1-9d3f1a7c5e0b2d4f';
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function openrouter(reply: FakeReply): Promise<FakeServer> {
  const server = await startFakeServer(() => reply);
  closers.push(() => server.close());
  return server;
}

async function deepseek(): Promise<DeepSeekFake> {
  const fake = await startDeepSeekFake(deepseekKey);
  closers.push(() => fake.close());
  return fake;
}

const env = (openrouterServer: FakeServer, deepseekFake?: DeepSeekFake, extra: Record<string, string> = {}) => ({
  OPENROUTER_API_KEY: openrouterKey,
  SPENDBAR_OPENROUTER_BASE_URL: `${openrouterServer.origin}/api/v1`,
  ...(deepseekFake ? { DEEPSEEK_API_KEY: deepseekKey, SPENDBAR_DEEPSEEK_BASE_URL: deepseekFake.url } : {}),
  ...extra,
});

describe('spendbar poll against a provider that never answers', () => {
  it('gives up on that account within SPENDBAR_POLL_TIMEOUT_S and still prints one JSON document', async () => {
    const hanging = await openrouter({ hang: true });
    const healthy = await deepseek();
    const started = Date.now();
    const result = await runCli(['poll', '--json'], { dataDir: tempDataDir(), env: env(hanging, healthy, { SPENDBAR_POLL_TIMEOUT_S: '2' }), timeoutMs: 15_000 });
    const elapsed = Date.now() - started;
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as Overview;
    const byProvider = new Map(output.accounts.map((account) => [account.provider, account]));
    expect(byProvider.get('openrouter')).toMatchObject({ status: 'error', error: { kind: 'network' } });
    expect(byProvider.get('openrouter')?.error?.message).toMatch(/did not answer within 2 s/);
    expect(byProvider.get('deepseek')?.status).toBe('ok');
    // 2 s for the poll plus start-up; the old per-request timeout alone was 30 s, three times.
    expect(elapsed).toBeLessThan(8_000);
  });

  it('prints each account as soon as it is done when stdout is a terminal', async () => {
    const hanging = await openrouter({ hang: true });
    const healthy = await deepseek();
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(repoRoot, 'bin', 'spendbar.js'))} poll`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: cleanEnv({ SPENDBAR_DATA_DIR: tempDataDir(), TERM: 'dumb', ...env(hanging, healthy, { SPENDBAR_POLL_TIMEOUT_S: '4' }) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = Date.now();
    let output = '';
    let deepseekShownAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (deepseekShownAt === undefined && /DeepSeek \[env\]\s+ok/.test(output)) deepseekShownAt = Date.now() - started;
    });
    await new Promise<void>((resolve) => child.on('close', () => resolve()));
    const endedAt = Date.now() - started;
    expect(output).toMatch(/OpenRouter \[env\]\s+error/);
    expect(output).toMatch(/Month to date/);
    expect(deepseekShownAt, output).toBeDefined();
    // DeepSeek's line is out while OpenRouter is still being waited for (4 s).
    expect(endedAt - deepseekShownAt!).toBeGreaterThan(2_000);
  });
});

describe('spendbar poll and a provider that asks to wait', () => {
  it('never holds a poll for a 503 with Retry-After: 3600, and asks once', async () => {
    const busy = await openrouter({ status: 503, headers: { 'retry-after': '3600' }, json: { error: { message: 'try later' } } });
    const started = Date.now();
    const result = await runCli(['poll', '--json'], { dataDir: tempDataDir(), env: env(busy), timeoutMs: 15_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    // OpenRouter's two calls go out together; neither is retried.
    expect(busy.requests.length).toBeGreaterThan(0);
    expect(new Set(busy.requests.map((request) => request.path)).size).toBe(busy.requests.length);
    const [account] = (JSON.parse(result.stdout) as Overview).accounts;
    expect(account?.error).toMatchObject({ kind: 'provider-unavailable', retryAt: expect.any(String) });
  });

  it('remembers a 429 Retry-After between runs, says until when, and asks again only with --force', async () => {
    const limited = await openrouter({ status: 429, headers: { 'retry-after': '3600' }, json: { error: { message: 'Rate limit exceeded' } } });
    const dataDir = tempDataDir();
    const first = await runCli(['poll', '--json'], { dataDir, env: env(limited) });
    expect(first.code, first.stderr).toBe(0);
    // OpenRouter's two calls go out together; neither is retried.
    const askedFirst = limited.requests.length;
    expect(new Set(limited.requests.map((request) => request.path)).size).toBe(askedFirst);

    const second = await runCli(['poll', '--json'], { dataDir, env: env(limited) });
    expect(second.code, second.stderr).toBe(0);
    expect(limited.requests).toHaveLength(askedFirst);
    expect(second.stderr).toMatch(/Not polled: openrouter:env — its provider asked Spendbar to wait until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(second.stderr).toMatch(/--force/);
    const [account] = (JSON.parse(second.stdout) as Overview).accounts;
    const retryAt = Date.parse(account?.error?.retryAt ?? '');
    expect(retryAt - Date.now()).toBeGreaterThan(3500_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(account?.error?.message).toMatch(/no new request before \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

    const status = await runCli(['status'], { dataDir, env: env(limited) });
    expect(status.stdout).toMatch(/rate-limited: .*no new request before/);

    const forced = await runCli(['poll', '--force', '--json'], { dataDir, env: env(limited) });
    expect(forced.code, forced.stderr).toBe(0);
    expect(limited.requests.length).toBeGreaterThan(askedFirst);
  });
});
