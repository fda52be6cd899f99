/**
 * Where keys live. The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service)
 * through @napi-rs/keyring, under service "spendbar". There is deliberately no plaintext fallback: when
 * no keychain is reachable the user is told what to install or unlock.
 */
import { Entry, type EntryOptions } from '@napi-rs/keyring';

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

export class KeychainSecretStore implements SecretStore {
  constructor(private readonly service = KEYCHAIN_SERVICE) {}

  async get(accountId: string, name: string): Promise<string | undefined> {
    return this.guard(() => new Entry(this.service, entryName(accountId, name), entryOptions).getPassword() ?? undefined);
  }

  async set(accountId: string, name: string, value: string): Promise<void> {
    if (value.trim() === '') throw new Error('The key is empty: paste the key and try again.');
    this.guard(() => new Entry(this.service, entryName(accountId, name), entryOptions).setPassword(value));
  }

  async delete(accountId: string, name: string): Promise<boolean> {
    return this.guard(() => new Entry(this.service, entryName(accountId, name), entryOptions).deletePassword());
  }

  private guard<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // keyring-rs reports a missing Secret Service, a locked collection or a denied D-Bus call this way.
      if (/platform|storage|secret service|dbus|d-bus|locked|access/i.test(message)) throw new KeychainUnavailableError(message);
      throw error;
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
