/**
 * Accounts and their keys, for the CLI (`accounts add`, `keys set`) and the popover's settings alike:
 * both end in one write of the account (`store`), under the data folder lock, and a stored key is only
 * ever sent to the address it was saved for (account-manager.ts).
 */
import type { AccountSummary, Thresholds } from '../../shared/api.js';
import type { HttpClient } from '../http/http-client.js';
import type { HistoryStore } from '../ledger/history-store.js';
import { monthOf } from '../model/billing-month.js';
import { InputError, NotFoundError } from '../model/input-error.js';
import type { Snapshot } from '../model/snapshot.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { withLock } from '../store/files.js';
import {
  checkSettingNames,
  draftAccount,
  refuseKeyRedirect,
  summarize,
  testAccount,
  toConfig,
  validateInterval,
  validateThresholds,
  withKeysRemoved,
  type AccountInput,
  type ManagerDeps,
  type TestResult,
} from './account-manager.js';
import { DEFAULT_ACCOUNT, ENV_ACCOUNT, accountId, requireProvider, validateAccountName, type Account } from './accounts.js';
import type { AccountConfig, SettingsStore } from './settings-store.js';

export interface AccountServiceDeps {
  readonly dataDir: string;
  readonly settings: SettingsStore;
  readonly history: HistoryStore;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Every configured and implicit account, as of now. */
  accounts(): Account[];
  /** A key or an account changed: remembered credential states are stale. */
  credentialsChanged(): void;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /** The one write of an account's settings entry; `alsoInLock` runs under the same lock. */
  private store(id: string, next: (previous: AccountConfig | undefined) => AccountConfig, alsoInLock?: () => void): Promise<void> {
    return withLock(this.deps.dataDir, () => {
      const accounts = this.deps.settings.accounts();
      const previous = accounts.find((existing) => existing.id === id);
      this.deps.settings.saveAccounts([...accounts.filter((existing) => existing.id !== id), next(previous)]);
      alsoInLock?.();
    });
  }

  /** `thresholds` are merged into the account's existing ones (the CLI's --threshold). */
  async addAccount(providerId: string, name = DEFAULT_ACCOUNT, settings: Record<string, string> = {}, thresholds: Thresholds = {}): Promise<AccountConfig> {
    const provider = requireProvider(providerId);
    const accountName = validateAccountName(name);
    if (settings.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(settings.baseUrl)) {
      throw new InputError(`baseUrl "${settings.baseUrl}" is not an http(s) URL.`, 'baseUrl');
    }
    checkSettingNames(provider, settings);
    // The `env` account reads its key from the environment, which the user controls directly.
    if (accountName !== ENV_ACCOUNT) await refuseKeyRedirect({ provider: provider.id, account: accountName, settings }, this.deps.accounts(), this.deps.secrets, 'cli');
    const config: AccountConfig = { id: accountId(provider.id, accountName), provider: provider.id, name: accountName, settings, thresholds: {} };
    const validThresholds = validateThresholds(thresholds);
    await this.store(config.id, (previous) => ({ ...previous, ...config, thresholds: { ...previous?.thresholds, ...validThresholds }, settings: { ...previous?.settings, ...settings } }));
    this.deps.credentialsChanged();
    return config;
  }

  /** Removes the account and its keys; its history stays on disk. */
  async removeAccount(providerId: string, name = DEFAULT_ACCOUNT): Promise<boolean> {
    const provider = requireProvider(providerId);
    const id = accountId(provider.id, name);
    // All or nothing: the keys go first (put back if a later one fails), then the settings entry (the keys
    // put back if that write fails), so a keychain failure leaves the account exactly as it was.
    const removed = await withKeysRemoved(this.deps.secrets, id, provider, () =>
      withLock(this.deps.dataDir, () => {
        const accounts = this.deps.settings.accounts();
        this.deps.settings.saveAccounts(accounts.filter((existing) => existing.id !== id));
        return accounts.some((existing) => existing.id === id);
      }),
    ).finally(() => this.deps.credentialsChanged());
    return removed;
  }

  async setKey(providerId: string, name: string, secret: string): Promise<void> {
    const provider = requireProvider(providerId);
    const spec = provider.credentials.find((credential) => credential.secret);
    if (!spec) throw new InputError(`${provider.name} has no API: there is no key to store.`, 'provider');
    const accountName = validateAccountName(name);
    if (secret.trim() === '') throw new InputError('No key was given on standard input.', 'key');
    await this.deps.secrets.set(accountId(provider.id, accountName), spec.name, secret.trim());
    this.deps.credentialsChanged();
    if (!this.deps.settings.accounts().some((account) => account.id === accountId(provider.id, accountName))) {
      await this.addAccount(provider.id, accountName);
    }
  }

  async deleteKey(providerId: string, name: string): Promise<boolean> {
    const provider = requireProvider(providerId);
    let deleted = false;
    for (const spec of provider.credentials.filter((credential) => credential.secret)) {
      deleted = (await this.deps.secrets.delete(accountId(provider.id, name), spec.name)) || deleted;
      this.deps.credentialsChanged();
    }
    return deleted;
  }

  async accountSummaries(): Promise<AccountSummary[]> {
    return Promise.all(this.deps.accounts().map((account) => summarize(account, this.deps.secrets, this.deps.env)));
  }

  /** One real poll with what the user typed; nothing is stored. */
  testConnection(input: AccountInput): Promise<TestResult> {
    return testAccount(input, this.managerDeps());
  }

  /**
   * Saves an account. When credentials are typed, they are tested with one real poll first and a key
   * that fails is not saved; the successful poll becomes the account's first figures.
   */
  async saveAccount(input: AccountInput & { intervalMinutes?: number; thresholds?: Thresholds }): Promise<string> {
    const account = draftAccount(input, this.deps.accounts());
    const thresholds = validateThresholds(input.thresholds ?? account.thresholds);
    const interval = validateInterval(account, input.intervalMinutes);
    await refuseKeyRedirect(input, this.deps.accounts(), this.deps.secrets, 'form');
    const typedSecrets = account.provider.credentials.filter((spec) => spec.secret && input.credentials?.[spec.name]?.trim());
    let snapshot: Snapshot | undefined;
    if (typedSecrets.length > 0) {
      const test = await this.testConnection(input);
      if (!test.ok) throw new InputError(`Not saved: ${test.error?.message ?? 'the connection test failed.'}`, 'credentials');
      snapshot = test.snapshot;
      for (const spec of typedSecrets) await this.deps.secrets.set(account.id, spec.name, input.credentials![spec.name]!.trim());
      this.deps.credentialsChanged();
    }
    await this.store(account.id, (previous) => toConfig(account, interval ?? previous?.intervalMinutes, thresholds), () => {
      if (snapshot) this.deps.history.recordSuccess(account.id, snapshot);
    });
    this.deps.credentialsChanged();
    return account.id;
  }

  async removeAccountById(id: string): Promise<boolean> {
    const account = this.deps.accounts().find((candidate) => candidate.id === id);
    if (!account) throw new NotFoundError(`No account ${id}.`, 'id');
    if (account.implicit) throw new InputError(`${id} comes from environment variables; unset them to remove it.`, 'id');
    return this.removeAccount(account.provider.id, account.name);
  }

  private managerDeps(): ManagerDeps {
    return { secrets: this.deps.secrets, http: this.deps.http, env: this.deps.env, now: this.deps.now, month: () => monthOf(this.deps.now()), existing: () => this.deps.accounts() };
  }
}
