import { describe, expect, it } from 'vitest';
import { resolveAccounts, resolveCredentials } from '../accounts/accounts.js';
import { KeychainSecretStore, KeychainUnavailableError, type KeyringModule } from './secret-store.js';

/** An in-memory keyring module that counts calls and can be made to stop answering. */
function fakeKeyring() {
  const values = new Map<string, string>();
  const state = { reads: 0, writes: 0, silent: false, aborted: 0 };
  const answer = <T>(value: () => T, signal?: AbortSignal | null): Promise<T> => {
    if (!state.silent) return Promise.resolve().then(value);
    return new Promise<T>((_resolve, reject) => signal?.addEventListener('abort', () => (state.aborted++, reject(new Error('aborted')))));
  };
  const module: KeyringModule = {
    AsyncEntry: class {
      constructor(
        readonly service: string,
        readonly user: string,
      ) {}
      getPassword(signal?: AbortSignal | null) {
        state.reads++;
        return answer(() => values.get(`${this.service}|${this.user}`) ?? null, signal);
      }
      setPassword(password: string, signal?: AbortSignal | null) {
        state.writes++;
        return answer(() => void values.set(`${this.service}|${this.user}`, password), signal);
      }
      deletePassword(signal?: AbortSignal | null) {
        return answer(() => values.delete(`${this.service}|${this.user}`), signal);
      }
    },
  };
  return { module, state };
}

const account = resolveAccounts([{ id: 'openrouter:work', provider: 'openrouter', name: 'work', settings: {}, thresholds: {} }], [], {})[0]!;

describe('KeychainSecretStore', () => {
  it('reads each key once across a thousand polls, and again after it changes', async () => {
    const { module, state } = fakeKeyring();
    const store = new KeychainSecretStore({ load: async () => module });
    await store.set('openrouter:work', 'apiKey', 'sk-or-first');
    state.reads = 0;
    for (let poll = 0; poll < 1000; poll++) expect((await resolveCredentials(account, store, {})).values.apiKey).toBe('sk-or-first');
    expect(state.reads).toBe(0);
    await store.set('openrouter:work', 'apiKey', 'sk-or-second');
    expect(await store.get('openrouter:work', 'apiKey')).toBe('sk-or-second');
    await store.delete('openrouter:work', 'apiKey');
    expect(await store.get('openrouter:work', 'apiKey')).toBeUndefined();
  });

  it('asks the keychain once for concurrent reads and again once the memory expires', async () => {
    const { module, state } = fakeKeyring();
    let now = 0;
    const store = new KeychainSecretStore({ load: async () => module, cacheMs: 60_000, now: () => now });
    await Promise.all(Array.from({ length: 20 }, () => store.get('openrouter:work', 'apiKey')));
    expect(state.reads).toBe(1);
    now = 61_000;
    await store.get('openrouter:work', 'apiKey');
    expect(state.reads).toBe(2);
  });

  it('loads the native module only when a key is first needed', async () => {
    let loads = 0;
    const { module } = fakeKeyring();
    const store = new KeychainSecretStore({ load: async () => (loads++, module) });
    expect(loads).toBe(0);
    await store.get('openrouter:work', 'apiKey');
    await store.get('openai:x', 'apiKey');
    expect(loads).toBe(1);
  });

  it('turns a missing native binding into an account error that says what happened, and retries later', async () => {
    let broken = true;
    const { module } = fakeKeyring();
    const store = new KeychainSecretStore({
      load: async () => {
        if (broken) throw new Error("Cannot find module '@napi-rs/keyring-linux-x64-gnu'");
        return module;
      },
    });
    await expect(store.get('openrouter:work', 'apiKey')).rejects.toBeInstanceOf(KeychainUnavailableError);
    const resolved = await resolveCredentials(account, store, {});
    expect(resolved.missing).toMatch(/keychain module could not be loaded: Cannot find module/);
    broken = false;
    await store.set('openrouter:work', 'apiKey', 'sk-or-later');
    expect((await resolveCredentials(account, store, {})).values.apiKey).toBe('sk-or-later');
  });

  it('gives up on a keychain that stops answering with a clear error, and recovers when it answers again', async () => {
    const { module, state } = fakeKeyring();
    const store = new KeychainSecretStore({ load: async () => module, timeoutMs: 50, cacheMs: 0 });
    await store.set('openrouter:work', 'apiKey', 'sk-or-kept');
    state.silent = true;
    const started = Date.now();
    const resolved = await resolveCredentials(account, store, {});
    expect(Date.now() - started).toBeLessThan(2000);
    expect(resolved.missing).toMatch(/keychain did not answer within 0 s; Spendbar asks again at the next refresh/);
    expect(state.aborted).toBe(1);
    state.silent = false;
    expect(await store.get('openrouter:work', 'apiKey')).toBe('sk-or-kept');
  });

  it('never puts the key into an error', async () => {
    const module: KeyringModule = {
      AsyncEntry: class {
        getPassword = async () => null;
        deletePassword = async () => false;
        setPassword = async () => {
          throw new Error('Platform secure storage failure: DBus error');
        };
      },
    };
    const store = new KeychainSecretStore({ load: async () => module });
    const failure = await store.set('openrouter:work', 'apiKey', 'sk-or-secret-value').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeychainUnavailableError);
    expect(String((failure as Error).message)).not.toContain('sk-or-secret');
  });
});
