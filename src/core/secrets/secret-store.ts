/**
 * Where keys live. The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service)
 * through @napi-rs/keyring, under service "spendbar". There is deliberately no plaintext fallback: when
 * no keychain is reachable the user is told what to install or unlock.
 *
 * The native module is loaded on first use, so a missing binding becomes an error the user sees beside the
 * account rather than a main process that dies at startup; and only its asynchronous API is used, so a
 * keychain prompt never blocks the Electron main process. Values read are kept in memory (see
 * KeychainOptions.cacheMs): every Secret Service read opens a D-Bus connection that is released only at
 * garbage collection, and reading each key on every poll wore the service down until it stopped answering.
 */
import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';

export const KEYCHAIN_SERVICE = 'spendbar';

export interface SecretStore {
  get(accountId: string, name: string): Promise<string | undefined>;
  set(accountId: string, name: string, value: string): Promise<void>;
  /** Returns whether something was deleted. */
  delete(accountId: string, name: string): Promise<boolean>;
}

export class KeychainUnavailableError extends Error {
  constructor(detail: string) {
    super(`${keychainAdvice()} (${detail})`);
    this.name = 'KeychainUnavailableError';
  }
}

export function keychainAdvice(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux') {
    return 'No keychain is available: Spendbar keeps keys only in the Secret Service. Install and unlock gnome-keyring (or KWallet) in your desktop session, or pass keys through environment variables for the CLI.';
  }
  if (platform === 'darwin') return 'The macOS Keychain could not be opened: unlock your login keychain and try again.';
  return 'Windows Credential Manager could not be opened: sign in to your Windows account and try again.';
}

/** The part of @napi-rs/keyring used here; tests pass their own to simulate a broken or silent keychain. */
export interface KeyringModule {
  AsyncEntry: new (service: string, username: string, options?: EntryOptions) => Pick<AsyncEntry, 'getPassword' | 'setPassword' | 'deletePassword'>;
}

export interface KeychainOptions {
  service?: string;
  /** Loads the native module; by default `import('@napi-rs/keyring')` on first use. */
  load?: () => Promise<KeyringModule>;
  /** A keychain call that takes longer is abandoned and reported (default 30 s, time for a prompt). */
  timeoutMs?: number;
  /**
   * How long a value read stays in memory (default 5 minutes). Changes made through this store apply at
   * once; a key changed by another process (the CLI while the app runs) is seen after this long at most.
   */
  cacheMs?: number;
  now?: () => number;
}

/**
 * On Linux the library's default also uses the kernel keyring as a cache: without a Secret Service, a
 * read followed by a write "succeeds" into that per-session cache and the key is gone after a restart.
 * Pinning the Secret Service makes a missing keychain an error the user sees.
 */
const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

/** Entry name inside the service: one per account and credential, e.g. "openai:work/apiKey". */
function entryName(accountId: string, name: string): string {
  return `${accountId}/${name}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class KeychainSecretStore implements SecretStore {
  private readonly service: string;
  private readonly load: () => Promise<KeyringModule>;
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private module: Promise<KeyringModule> | undefined;
  private readonly cache = new Map<string, { value: string | undefined; at: number }>();
  /** Concurrent reads of one entry share a single keychain call. */
  private readonly reading = new Map<string, Promise<string | undefined>>();

  constructor(options: string | KeychainOptions = {}) {
    const settings = typeof options === 'string' ? { service: options } : options;
    this.service = settings.service ?? KEYCHAIN_SERVICE;
    this.load = settings.load ?? (() => import('@napi-rs/keyring'));
    this.timeoutMs = settings.timeoutMs ?? 30_000;
    this.cacheMs = settings.cacheMs ?? 5 * 60_000;
    this.now = settings.now ?? Date.now;
  }

  async get(accountId: string, name: string): Promise<string | undefined> {
    const key = entryName(accountId, name);
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.value;
    const pending = this.reading.get(key);
    if (pending) return pending;
    const read = this.call(key, (entry, signal) => entry.getPassword(signal))
      .then((value) => {
        this.cache.set(key, { value: value ?? undefined, at: this.now() });
        return value ?? undefined;
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  async set(accountId: string, name: string, value: string): Promise<void> {
    if (value.trim() === '') throw new Error('The key is empty: paste the key and try again.');
    const key = entryName(accountId, name);
    this.cache.delete(key);
    await this.call(key, (entry, signal) => entry.setPassword(value, signal));
    this.cache.set(key, { value, at: this.now() });
  }

  async delete(accountId: string, name: string): Promise<boolean> {
    const key = entryName(accountId, name);
    this.cache.delete(key);
    const deleted = await this.call(key, (entry, signal) => entry.deletePassword(signal));
    this.cache.set(key, { value: undefined, at: this.now() });
    return deleted;
  }

  /** Forgets every value read, so the next read asks the keychain again. */
  forget(): void {
    this.cache.clear();
  }

  private async keyring(): Promise<KeyringModule> {
    this.module ??= this.load().catch((error: unknown) => {
      // Try again next time: the binding may appear (a reinstall) without restarting the app.
      this.module = undefined;
      throw new KeychainUnavailableError(`the keychain module could not be loaded: ${messageOf(error)}`);
    });
    return this.module;
  }

  private async call<T>(key: string, operation: (entry: InstanceType<KeyringModule['AsyncEntry']>, signal: AbortSignal) => Promise<T>): Promise<T> {
    const { AsyncEntry } = await this.keyring();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        // Settled before the abort, so the race reports the timeout rather than the abort it causes.
        reject(new KeychainUnavailableError(`the keychain did not answer within ${Math.round(this.timeoutMs / 1000)} s; Spendbar asks again at the next refresh`));
        controller.abort();
      }, this.timeoutMs);
      timer.unref();
    });
    try {
      return await Promise.race([operation(new AsyncEntry(this.service, key, entryOptions), controller.signal), timeout]);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      const message = messageOf(error);
      // keyring-rs reports a missing Secret Service, a locked collection or a denied D-Bus call this way.
      if (/platform|storage|secret service|dbus|d-bus|locked|access/i.test(message)) throw new KeychainUnavailableError(message);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Secrets for tests and demo mode; never used for real keys on disk. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(accountId: string, name: string): Promise<string | undefined> {
    return this.values.get(entryName(accountId, name));
  }

  async set(accountId: string, name: string, value: string): Promise<void> {
    this.values.set(entryName(accountId, name), value);
  }

  async delete(accountId: string, name: string): Promise<boolean> {
    return this.values.delete(entryName(accountId, name));
  }
}
