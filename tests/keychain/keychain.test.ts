/**
 * The real OS keychain: Secret Service (gnome-keyring) on a private D-Bus session, started by run.sh.
 * Keys go in through stdin, come out only as an Authorization header to the provider, and never land
 * in a file. Without a keychain the user gets a plain message and nothing is stored anywhere.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../src/core/secrets/secret-store.js';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { repoRoot, runCli, tempDataDir } from '../helpers/cli.js';

let fake: OpenRouterFake;
beforeAll(async () => {
  fake = await startOpenRouterFake();
});
afterAll(async () => {
  await fake.close();
});

function filesContain(dataDir: string, text: string): boolean {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .some((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8').includes(text));
}

describe('Secret Service keychain', () => {
  it('stores, reads, replaces and deletes a key', async () => {
    const store = new KeychainSecretStore('spendbar-test');
    const account = `openrouter:${randomUUID()}`;
    expect(await store.get(account, 'apiKey')).toBeUndefined();
    await store.set(account, 'apiKey', 'sk-or-v1-first-ключ');
    expect(await store.get(account, 'apiKey')).toBe('sk-or-v1-first-ключ');
    await store.set(account, 'apiKey', 'sk-or-v1-second');
    expect(await store.get(account, 'apiKey')).toBe('sk-or-v1-second');
    expect(await store.delete(account, 'apiKey')).toBe(true);
    expect(await store.get(account, 'apiKey')).toBeUndefined();
  });

  it('takes a key from stdin, polls with it, and never writes it to disk', async () => {
    const dataDir = tempDataDir();
    const key = `sk-or-v1-keychain-${randomUUID()}`;
    const env = { SPENDBAR_OPENROUTER_BASE_URL: fake.url };
    const set = await runCli(['keys', 'set', 'openrouter', '--account', 'work'], { dataDir, env, stdin: `${key}\n` });
    expect(set.stderr).toBe('');
    expect(set.stdout).toMatch(/Stored the key for openrouter:work in the system keychain/);

    fake.requests.length = 0;
    const poll = await runCli(['poll', '--json'], { dataDir, env });
    const account = JSON.parse(poll.stdout).accounts.find((item: { account: string }) => item.account === 'work');
    expect(account).toMatchObject({ status: 'ok', balance: { amount: '74.75' } });
    expect(fake.requests.map((request) => request.headers.authorization)).toContain(`Bearer ${key}`);
    expect(filesContain(dataDir, key)).toBe(false);
    expect(poll.stdout + poll.stderr).not.toContain(key);

    const deleted = await runCli(['keys', 'delete', 'openrouter', '--account', 'work'], { dataDir, env });
    expect(deleted.stdout).toMatch(/Deleted the key/);
    const after = JSON.parse((await runCli(['poll', '--json'], { dataDir, env })).stdout);
    expect(after.accounts[0]).toMatchObject({ account: 'work', status: 'unconfigured', error: { kind: 'missing-credential' } });
  });

  it('removing an account deletes its key', async () => {
    const dataDir = tempDataDir();
    await runCli(['keys', 'set', 'openrouter', '--account', 'gone'], { dataDir, stdin: 'sk-or-v1-remove-me-123' });
    await runCli(['accounts', 'remove', 'openrouter', '--account', 'gone'], { dataDir });
    expect(await new KeychainSecretStore().get('openrouter:gone', 'apiKey')).toBeUndefined();
  });

  it('says plainly that no keychain is available, and stores the key nowhere', async () => {
    const dataDir = tempDataDir();
    const key = 'sk-or-v1-no-keychain-secret';
    const result = await runCli(['keys', 'set', 'openrouter'], {
      dataDir,
      stdin: key,
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/spendbar-bus' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No keychain is available.*gnome-keyring/);
    expect(result.stderr).not.toContain(key);
    expect(filesContain(dataDir, key)).toBe(false);
  });

  it('does not pretend to store a key after a read when no Secret Service is running', async () => {
    // A fresh process on a bus that does not exist: read first (as the overview does), then write.
    const script = `
      const { KeychainSecretStore } = await import(${JSON.stringify(join(repoRoot, 'out', 'node', 'core', 'secrets', 'secret-store.js'))});
      const store = new KeychainSecretStore('spendbar-test');
      let read = 'ok';
      try { await store.get('x:y', 'apiKey'); } catch (error) { read = error.name; }
      try { await store.set('x:y', 'apiKey', 'value-12345'); console.log(read, 'stored'); } catch (error) { console.log(read, error.name); }
    `;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/spendbar-bus' },
      encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('KeychainUnavailableError KeychainUnavailableError');
  });
});
