/**
 * A stored key goes only to the address it was saved for: a request that changes the base URL (or a
 * setting that picks the host) without typing the key again is refused, and the new address hears
 * nothing. Setting names the provider does not read are refused by name.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../../../tests/fakes/fake-http-server.js';
import { startOpenRouterFake, type OpenRouterFake } from '../../../tests/fakes/openrouter-fake.js';
import { keyDestinationChanged } from './account-manager.js';
import { findProvider } from '../providers/registry.js';
import { createHttpClient } from '../http/http-client.js';
import { InputError } from '../model/input-error.js';
import { KeychainUnavailableError, MemorySecretStore } from '../secrets/secret-store.js';
import { SpendbarService } from '../host/service.js';
import type { Account } from './accounts.js';

const key = 'sk-or-v1-stored-key-never-leaves-0123456789';
let saved: OpenRouterFake;
let attacker: FakeServer;
let secrets: MemorySecretStore;
let spendbar: SpendbarService;

function keyReached(server: FakeServer): boolean {
  return server.requests.some((request) => JSON.stringify(request.headers).includes(key.slice(8, 24)));
}

beforeEach(async () => {
  saved = await startOpenRouterFake();
  attacker = await startFakeServer(() => ({ json: { data: {} } }));
  secrets = new MemorySecretStore();
  spendbar = new SpendbarService({
    dataDir: mkdtempSync(join(tmpdir(), 'spendbar-accounts-')),
    env: {},
    secrets,
    http: createHttpClient({ maxRetries: 0, totalTimeoutMs: 2000 }),
    now: () => new Date('2026-11-21T10:00:00Z'),
  });
  await spendbar.saveAccount({ provider: 'openrouter', account: 'work', credentials: { apiKey: key }, settings: { baseUrl: saved.url } });
});
afterEach(async () => {
  await saved.close();
  await attacker.close();
});

describe('a stored key and a new address', () => {
  it('testConnection with a new base URL and no key does not send the stored key there', async () => {
    const result = await spendbar.testConnection({ provider: 'openrouter', account: 'work', settings: { baseUrl: `${attacker.origin}/api/v1` } });
    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ kind: 'missing-credential', message: expect.stringMatching(/enter the API key again/) });
    expect(attacker.requests).toHaveLength(0);
    expect(keyReached(attacker)).toBe(false);
  });

  it('saveAccount with a new base URL and no key is refused and changes nothing', async () => {
    const attempt = spendbar.saveAccount({ provider: 'openrouter', account: 'work', settings: { baseUrl: `${attacker.origin}/api/v1` } });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toMatchObject({ field: 'apiKey', message: expect.stringMatching(/only ever sent to the address it was saved for/) });
    const [summary] = await spendbar.accountSummaries();
    expect(summary!.settings.baseUrl).toBe(saved.url);
    await spendbar.poll();
    expect(keyReached(attacker)).toBe(false);
  });

  it('accepts the new address when the key is typed again in the same request', async () => {
    const other = await startOpenRouterFake();
    try {
      await spendbar.saveAccount({ provider: 'openrouter', account: 'work', credentials: { apiKey: key }, settings: { baseUrl: other.url } });
      expect((await spendbar.accountSummaries())[0]!.settings.baseUrl).toBe(other.url);
    } finally {
      await other.close();
    }
  });

  it('other settings change without the key, and the stored key keeps working where it was saved', async () => {
    await spendbar.saveAccount({ provider: 'openrouter', account: 'work', intervalMinutes: 30 });
    const result = await spendbar.testConnection({ provider: 'openrouter', account: 'work' });
    expect(result.ok).toBe(true);
  });

  it('a key left in the keychain does not follow a new account name to a new address', async () => {
    await secrets.set('openrouter:orphan', 'apiKey', key);
    const result = await spendbar.testConnection({ provider: 'openrouter', account: 'orphan', settings: { baseUrl: `${attacker.origin}/api/v1` } });
    expect(result.ok).toBe(false);
    expect(attacker.requests).toHaveLength(0);
  });

  it('the CLI path (accounts add --set baseUrl=…) refuses too, and says how to move the key', async () => {
    await expect(spendbar.addAccount('openrouter', 'work', { baseUrl: `${attacker.origin}/api/v1` })).rejects.toThrow(/keys delete openrouter --account "work"/);
    expect((await spendbar.accountSummaries())[0]!.settings.baseUrl).toBe(saved.url);
  });

  it("Moonshot's region picks the host like the base URL does", () => {
    const moonshot = findProvider('moonshot')!;
    const account = (settings: Record<string, string>): Account => ({ id: 'moonshot:default', provider: moonshot, name: 'default', settings, intervalMs: 1, implicit: false, thresholds: {} });
    expect(keyDestinationChanged(account({ region: 'cn' }), [account({ region: 'global' })])).toBe(true);
    expect(keyDestinationChanged(account({ region: 'cn' }), [account({ region: 'cn' })])).toBe(false);
    expect(keyDestinationChanged(account({ region: 'cn', baseUrl: 'https://api.moonshot.cn/v1' }), [account({ region: 'cn' })])).toBe(true);
  });
});

describe('settings a provider does not read', () => {
  it('saveAccount refuses them by name and stores nothing', async () => {
    await expect(spendbar.saveAccount({ provider: 'openrouter', account: 'work', settings: { colour: 'red', region: 'eu' } })).rejects.toThrow(/no setting "colour", "region"/);
    expect((await spendbar.accountSummaries())[0]!.settings).toEqual({ baseUrl: saved.url });
  });

  it('a secret typed as a setting is refused, never written to the settings file', async () => {
    await expect(spendbar.addAccount('openrouter', 'work', { apiKey: 'sk-or-v1-typed-in-settings' })).rejects.toThrow(/apiKey is a secret/);
  });

  it('declared settings are accepted (Stripe currency, Google Cloud billing table)', async () => {
    await expect(spendbar.addAccount('stripe', 'shop', { currency: 'eur' })).resolves.toMatchObject({ id: 'stripe:shop' });
    await expect(spendbar.addAccount('gcp', 'cloud', { billingTable: 'p.d.t', keyFile: '/tmp/key.json' })).resolves.toMatchObject({ id: 'gcp:cloud' });
  });
});

describe('removing an account', () => {
  it('removes nothing when the keychain fails to delete the key', async () => {
    const failing = Object.assign(secrets, {
      delete: async () => {
        throw new KeychainUnavailableError('Secret Service did not answer');
      },
    });
    expect(failing).toBe(secrets);
    await expect(spendbar.removeAccount('openrouter', 'work')).rejects.toThrow(KeychainUnavailableError);
    expect((await spendbar.accountSummaries()).map((account) => account.id)).toEqual(['openrouter:work']);
    expect(await secrets.get('openrouter:work', 'apiKey')).toBe(key);
  });
});
