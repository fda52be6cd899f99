/**
 * Wrong input on the command line is refused with the documented exit code (2 bad usage, 1 bad input)
 * and stores nothing; text typed by people or sent by providers is stored as given and printed with its
 * control characters spelled out.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDataDir } from '../helpers/cli.js';
import { renderOverview, terminalSafe } from '../../src/cli/render.js';
import type { Overview } from '../../src/shared/api.js';

const ESC = '\u001b';

async function entries(dataDir: string): Promise<{ note: string; amount: string }[]> {
  return JSON.parse((await runCli(['entry', 'list', '--json'], { dataDir })).stdout).entries;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
}

describe('usage errors (exit 2), nothing stored', () => {
  it('refuses a flag given twice instead of keeping the last one', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', '--amount', '2'], { dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--amount was given more than once/);
    expect(await entries(dataDir)).toEqual([]);
  });

  it('refuses a --set key given twice', async () => {
    const result = await runCli(['accounts', 'add', 'stripe', '--set', 'currency=eur', '--set', 'currency=usd'], { dataDir: tempDataDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/currency=… was given more than once/);
  });

  it('refuses extra positional arguments', async () => {
    const dataDir = tempDataDir();
    const stray = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', 'oops'], { dataDir });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/Unexpected argument "oops"/);
    expect(await entries(dataDir)).toEqual([]);
    expect((await runCli(['status', 'now'], { dataDir })).code).toBe(2);
    expect((await runCli(['accounts', 'remove', 'openrouter', 'work'], { dataDir })).code).toBe(2);
    expect((await runCli(['entry', 'delete', 'a', 'b'], { dataDir })).code).toBe(2);
  });
});

describe('impossible and out-of-range dates (exit 1), nothing stored', () => {
  it('refuses track --timestamp 2026-02-30 instead of storing 2 March', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['track', '--provider', 'groq', '--model', 'llama-3.1-8b-instant', '--input-tokens', '10', '--output-tokens', '5', '--timestamp', '2026-02-30T00:00:00Z'], { dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2026-02-30T00:00:00Z" is not a real ISO 8601 date-time/);
    expect(filesUnder(join(dataDir, 'tracked')).filter((name) => name.endsWith('.json'))).toEqual([]);
    for (const bad of ['2026-01-01T24:00:00Z', '2026-01-01T10:60:00Z', '2026-13-01T00:00:00Z']) {
      expect((await runCli(['track', '--provider', 'groq', '--model', 'm', '--input-tokens', '1', '--output-tokens', '1', '--timestamp', bad], { dataDir })).code).toBe(1);
    }
  });

  it('refuses entry add --date 2026-02-30', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', '--date', '2026-02-30'], { dataDir });
    expect(result.code).toBe(1);
    expect(await entries(dataDir)).toEqual([]);
  });

  it('refuses poll --month in the future or absurdly far back, and writes no history', async () => {
    const dataDir = tempDataDir();
    const env = { OPENROUTER_API_KEY: 'sk-or-v1-not-used', SPENDBAR_OPENROUTER_BASE_URL: 'http://127.0.0.1:9/api/v1' };
    const future = await runCli(['poll', '--month', '2099-01'], { dataDir, env });
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/2099-01 has not started yet/);
    const past = await runCli(['poll', '--month', '1999-12'], { dataDir, env });
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/too far back/);
    expect(filesUnder(join(dataDir, 'history'))).toEqual([]);
  });
});

describe('control characters are stored as given and printed escaped', () => {
  const hostile = `paid ${ESC}[31mRED${ESC}[0m${ESC}]0;pwned\u0007 \u202eevil`;

  it('entry list escapes a note; --json keeps it exact', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', '--note', hostile], { dataDir })).code).toBe(0);
    expect((await entries(dataDir))[0]!.note).toBe(hostile);
    const listed = (await runCli(['entry', 'list'], { dataDir })).stdout;
    expect(listed).not.toContain(ESC);
    expect(listed).not.toContain('\u0007');
    expect(listed).not.toContain('\u202e');
    expect(listed).toContain('paid \\x1b[31mRED\\x1b[0m\\x1b]0;pwned\\x07 \\u202eevil');
  });

  it('an error message quoting what was typed escapes it too', async () => {
    const result = await runCli(['entry', 'add', '--provider', 'groq', '--kind', 'spend', '--amount', '1', '--date', `${ESC}]0;owned${'\u0007'}`], { dataDir: tempDataDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain(ESC);
    expect(result.stderr).toContain('\\x1b]0;owned\\x07');
  });

  it('accounts list escapes a setting value', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['accounts', 'add', 'openrouter', '--account', 'work', '--set', `baseUrl=http://127.0.0.1:9/${ESC}[2J`], { dataDir })).code).toBe(0);
    const listed = (await runCli(['accounts', 'list'], { dataDir })).stdout;
    expect(listed).not.toContain(ESC);
    expect(listed).toContain('baseUrl=http://127.0.0.1:9/\\x1b[2J');
  });

  it('status escapes provider text: error messages, notes, names', () => {
    const account = {
      id: 'openrouter:work',
      provider: 'openrouter',
      providerName: `Open${ESC}[8mRouter`,
      account: 'work',
      status: 'stale',
      monthToDate: null,
      balance: null,
      balances: [],
      error: { kind: 'provider-unavailable', message: `down ${ESC}[2K\rfaked` },
      notes: [`note${ESC}[5m`],
    } as unknown as Overview['accounts'][number];
    const text = renderOverview({ month: '2026-11', generatedAt: '', demo: false, totals: [], accounts: [account], warnings: [`moved ${ESC}[1m`], polling: false, alerts: [] });
    expect([...text].filter((char) => char !== '\n' && char.charCodeAt(0) < 0x20)).toEqual([]);
    expect(text).toContain('down \\x1b[2K\\x0dfaked');
    expect(terminalSafe('plain text, ünïcode and emoji 💸')).toBe('plain text, ünïcode and emoji 💸');
  });
});

describe('accounts remove is all or nothing', () => {
  it('removes nothing when the keychain cannot be reached', async () => {
    const dataDir = tempDataDir();
    expect((await runCli(['accounts', 'add', 'openrouter', '--account', 'work'], { dataDir })).code).toBe(0);
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/spendbar-test-bus' };
    const removed = await runCli(['accounts', 'remove', 'openrouter', '--account', 'work'], { dataDir, env: noKeychain });
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/keychain|Secret Service/i);
    const listed = JSON.parse((await runCli(['accounts', 'list', '--json'], { dataDir })).stdout).accounts;
    expect(listed.map((account: { id: string }) => account.id)).toContain('openrouter:work');
  });
});

describe('a configured account that was never polled', () => {
  it('is "pending" with no figures and no error, as docs/cli.md says', async () => {
    const dataDir = tempDataDir();
    const result = await runCli(['status', '--json'], { dataDir, env: { OPENROUTER_API_KEY: 'sk-or-v1-never-polled' } });
    expect(result.code).toBe(0);
    const account = JSON.parse(result.stdout).accounts[0];
    expect(account).toMatchObject({ provider: 'openrouter', account: 'env', status: 'pending', monthToDate: null, balance: null, error: null });
  });
});
