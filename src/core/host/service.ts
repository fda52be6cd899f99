/**
 * The one object every front end talks to: accounts, keys, polling, the ledger, the overview and
 * exports. It owns no UI and no timers (the scheduler drives `poll`); all file access goes through the
 * stores under the data folder lock.
 */
import { errorKindSchema, type AccountSummary, type EntryInput, type LedgerEntryDto, type Overview, type Thresholds } from '../../shared/api.js';
import { DEFAULT_ACCOUNT, ENV_ACCOUNT, accountId, requireProvider, resolveAccounts, resolveCredentials, validateAccountName, type Account } from '../accounts/accounts.js';
import type { HttpClient } from '../http/http-client.js';
import { pollTimeoutFromEnv, withPollDeadline } from '../http/poll-deadline.js';
import { monthOf, parseMonth, type BillingMonth } from '../model/billing-month.js';
import { ConflictError, InputError, NotFoundError } from '../model/input-error.js';
import { toProviderError } from '../model/provider-error.js';
import { buildOverview, type AccountData } from '../overview/build-overview.js';
import { createProviderContext } from '../providers/provider-context.js';
import { defaultAccountFor, validateEntry, validateEntryUpdate, validatePollMonth, validateRestoredEntry } from '../ledger/entry-validation.js';
import { formatAmount, normalizeCurrency, parseAmount } from '../model/money.js';
import type { Snapshot } from '../model/snapshot.js';
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
} from '../accounts/account-manager.js';
import { estimateCost } from '../tracked/pricing.js';
import { TrackedStore, type TrackedRecord } from '../tracked/tracked-store.js';
import type { UsageInput } from '../tracked/usage-input.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { EntriesStore } from '../ledger/entries-store.js';
import { withLock } from '../store/files.js';
import { setAsideWarnings } from '../store/set-aside.js';
import { AlertCenter, type AlertSettingsChange } from '../alerts/alert-center.js';
import type { AlertSettings, RaisedAlert } from '../alerts/alert-model.js';
import { HistoryStore, lastGoodOf, type MonthFile } from '../ledger/history-store.js';
import { SettingsStore, type AccountConfig, type StoredPreferences } from '../accounts/settings-store.js';
import type { PollOutcome } from '../scheduler/scheduler.js';
import { RetryWaits } from '../scheduler/retry-waits.js';

export interface ServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  http: HttpClient;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Accounts polled at once; the rest wait their turn. */
  concurrency?: number;
  demo?: boolean;
  /** Bound of one account's whole poll; default `SPENDBAR_POLL_TIMEOUT_S` or 20 s. */
  pollTimeoutMs?: number;
}

export interface PollRequest {
  month?: string;
  provider?: string;
  accountId?: string;
  accountIds?: readonly string[];
  /** Poll even an account whose provider asked to wait (Retry-After). */
  force?: boolean;
  /** Aborted when the app quits: no new account starts, requests stop, and the aborted attempt is not recorded. */
  signal?: AbortSignal;
}

/** `waiting`: not polled, because its provider asked to wait until `waitingUntil`. */
export type PollProgress = (event: { accountId: string; state: 'started' | 'done' | 'failed' | 'waiting' }) => void;

export class SpendbarService {
  private readonly sessionWarnings: string[] = [];
  private readonly settings: SettingsStore;
  private readonly entries: EntriesStore;
  private readonly history: HistoryStore;
  private readonly tracked: TrackedStore;
  private readonly alertCenter: AlertCenter;
  private readonly retryWaits: RetryWaits;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => Date;
  private readonly inFlight = new Set<string>();
  private readonly credentialStates = new Map<string, { missing?: string; keyless: boolean }>();

  constructor(private readonly options: ServiceOptions) {
    const warn = (message: string) => {
      if (!this.sessionWarnings.includes(message)) this.sessionWarnings.push(message);
    };
    this.settings = new SettingsStore(options.dataDir, warn);
    this.entries = new EntriesStore(options.dataDir, warn);
    this.history = new HistoryStore(options.dataDir, warn);
    this.tracked = new TrackedStore(options.dataDir, warn);
    this.alertCenter = new AlertCenter(options.dataDir, warn, () => this.now());
    this.retryWaits = new RetryWaits(options.dataDir, warn);
    this.env = options.env ?? process.env;
    this.now = options.now ?? (() => new Date());
    // Reading once at start moves a corrupt ledger aside now, so the user hears about it at once.
    this.entries.list();
  }

  /**
   * Problems with the app's own files the user must hear of: those met by this process, and every file
   * set aside in the data folder for as long as it waits there.
   */
  get warnings(): string[] {
    return [...this.sessionWarnings, ...setAsideWarnings(this.options.dataDir)];
  }

  get demo(): boolean {
    return this.options.demo ?? false;
  }

  get polling(): boolean {
    return this.inFlight.size > 0;
  }

  accounts(month: BillingMonth = monthOf(this.now())): Account[] {
    return resolveAccounts(this.settings.accounts(), [...this.entries.list(), ...this.tracked.list(month.key)], this.env);
  }

  month(text?: string): BillingMonth {
    if (text === undefined) return monthOf(this.now());
    const month = parseMonth(text);
    if (!month) throw new InputError(`"${text}" is not a month: use YYYY-MM, for example 2026-11.`, 'month');
    return month;
  }

  // ---- accounts and keys -------------------------------------------------------------------------

  /** `thresholds` are merged into the account's existing ones (the CLI's --threshold). */
  async addAccount(providerId: string, name = DEFAULT_ACCOUNT, settings: Record<string, string> = {}, thresholds: Thresholds = {}): Promise<AccountConfig> {
    const provider = requireProvider(providerId);
    const accountName = validateAccountName(name);
    if (settings.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(settings.baseUrl)) {
      throw new InputError(`baseUrl "${settings.baseUrl}" is not an http(s) URL.`, 'baseUrl');
    }
    checkSettingNames(provider, settings);
    // The `env` account reads its key from the environment, which the user controls directly.
    if (accountName !== ENV_ACCOUNT) await refuseKeyRedirect({ provider: provider.id, account: accountName, settings }, this.accounts(), this.options.secrets, 'cli');
    const config: AccountConfig = { id: accountId(provider.id, accountName), provider: provider.id, name: accountName, settings, thresholds: {} };
    await withLock(this.options.dataDir, () => {
      const others = this.settings.accounts().filter((existing) => existing.id !== config.id);
      const previous = this.settings.accounts().find((existing) => existing.id === config.id);
      const merged = { ...previous?.thresholds, ...validateThresholds(thresholds) };
      this.settings.saveAccounts([...others, { ...previous, ...config, thresholds: merged, settings: { ...previous?.settings, ...settings } }]);
    });
    this.credentialStates.clear();
    return config;
  }

  /** Removes the account and its keys; its history stays on disk. */
  async removeAccount(providerId: string, name = DEFAULT_ACCOUNT): Promise<boolean> {
    const provider = requireProvider(providerId);
    const id = accountId(provider.id, name);
    // All or nothing: the keys go first (put back if a later one fails), then the settings entry (the keys
    // put back if that write fails), so a keychain failure leaves the account exactly as it was.
    const removed = await withKeysRemoved(this.options.secrets, id, provider, () =>
      withLock(this.options.dataDir, () => {
        const accounts = this.settings.accounts();
        this.settings.saveAccounts(accounts.filter((existing) => existing.id !== id));
        return accounts.some((existing) => existing.id === id);
      }),
    ).finally(() => this.credentialStates.clear());
    return removed;
  }

  async setKey(providerId: string, name: string, secret: string): Promise<void> {
    const provider = requireProvider(providerId);
    const spec = provider.credentials.find((credential) => credential.secret);
    if (!spec) throw new InputError(`${provider.name} has no API: there is no key to store.`, 'provider');
    const accountName = validateAccountName(name);
    if (secret.trim() === '') throw new InputError('No key was given on standard input.', 'key');
    await this.options.secrets.set(accountId(provider.id, accountName), spec.name, secret.trim());
    this.credentialStates.clear();
    if (!this.settings.accounts().some((account) => account.id === accountId(provider.id, accountName))) {
      await this.addAccount(provider.id, accountName);
    }
  }

  async deleteKey(providerId: string, name: string): Promise<boolean> {
    const provider = requireProvider(providerId);
    let deleted = false;
    for (const spec of provider.credentials.filter((credential) => credential.secret)) {
      deleted = (await this.options.secrets.delete(accountId(provider.id, name), spec.name)) || deleted;
      this.credentialStates.clear();
    }
    return deleted;
  }

  // ---- polling ------------------------------------------------------------------------------------

  async poll(request: PollRequest = {}, onProgress?: PollProgress): Promise<PollOutcome[]> {
    const month = validatePollMonth(request.month, this.now());
    if (request.provider !== undefined) requireProvider(request.provider);
    const targets = this.accounts().filter(
      (account) =>
        account.provider.kind === 'api' &&
        (request.provider === undefined || account.provider.id === request.provider) &&
        (request.accountId === undefined || account.id === request.accountId) &&
        (request.accountIds === undefined || request.accountIds.includes(account.id)),
    );
    const outcomes: PollOutcome[] = [];
    const queue = [...targets];
    const worker = async () => {
      for (let account = queue.shift(); account && !request.signal?.aborted; account = queue.shift()) {
        outcomes.push(await this.pollAccount(account, month, request.force ?? false, onProgress, request.signal));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 4, queue.length) }, worker));
    return outcomes;
  }

  private async pollAccount(account: Account, month: BillingMonth, force: boolean, onProgress?: PollProgress, signal?: AbortSignal): Promise<PollOutcome> {
    const wait = force ? undefined : this.retryWaits.active(account.id, this.now());
    if (wait) {
      onProgress?.({ accountId: account.id, state: 'waiting' });
      const retryAfterMs = Date.parse(wait.notBefore) - this.now().getTime();
      return { accountId: account.id, errorKind: errorKindSchema.catch('rate-limited').parse(wait.kind), retryAfterMs, waitingUntil: wait.notBefore };
    }
    const credentials = await resolveCredentials(account, this.options.secrets, this.env);
    this.rememberCredentialState(account, credentials);
    if (credentials.missing || !account.provider.fetchSnapshot) return { accountId: account.id, errorKind: 'missing-credential' };
    this.inFlight.add(account.id);
    onProgress?.({ accountId: account.id, state: 'started' });
    const contextInput = {
      provider: account.provider,
      now: this.now,
      month,
      credentials: credentials.values,
      settings: account.settings,
      env: this.env,
      signal,
      previous: previousSnapshot(this.history.read(account.id, month.key)),
    };
    const secrets = createProviderContext({ ...contextInput, http: this.options.http }).secrets;
    const timeoutMs = this.options.pollTimeoutMs ?? pollTimeoutFromEnv(this.env);
    try {
      const fetchSnapshot = account.provider.fetchSnapshot.bind(account.provider);
      const snapshot = await withPollDeadline(this.options.http, timeoutMs, account.provider.name, (bounds) =>
        fetchSnapshot(createProviderContext({ ...contextInput, http: bounds.http, signal: signal ? AbortSignal.any([bounds.signal, signal]) : bounds.signal })),
      );
      await withLock(this.options.dataDir, () => {
        this.history.recordSuccess(account.id, snapshot);
        this.retryWaits.record(account.id, this.now(), undefined, 'ok');
      });
      onProgress?.({ accountId: account.id, state: 'done' });
      return { accountId: account.id };
    } catch (caught) {
      const error = toProviderError(caught, secrets);
      // Quitting is not a provider's failure: nothing is recorded for an aborted attempt.
      if (signal?.aborted) return { accountId: account.id, errorKind: error.kind };
      await withLock(this.options.dataDir, () => {
        this.history.recordFailure(account.id, month.key, this.now().toISOString(), { kind: error.kind, message: error.message });
        // A provider that named a time is left alone until then, by every Spendbar process.
        this.retryWaits.record(account.id, this.now(), error.retryAfterMs, error.kind);
      });
      onProgress?.({ accountId: account.id, state: 'failed' });
      return { accountId: account.id, errorKind: error.kind, retryAfterMs: error.retryAfterMs };
    } finally {
      this.inFlight.delete(account.id);
    }
  }

  /**
   * Whether an account's credentials are set, without its secrets. Remembered between overviews so the
   * popover's frequent refreshes do not query the keychain each time; every poll and every key change
   * brings it up to date.
   */
  private async credentialState(account: Account): Promise<{ missing?: string; keyless: boolean }> {
    const known = this.credentialStates.get(account.id);
    if (known) return known;
    return this.rememberCredentialState(account, await resolveCredentials(account, this.options.secrets, this.env));
  }

  private rememberCredentialState(account: Account, credentials: { missing?: string; values: Readonly<Record<string, string | undefined>> }) {
    const state = { missing: credentials.missing, keyless: hasNoOptionalKey(account, credentials.values) };
    this.credentialStates.set(account.id, state);
    return state;
  }

  // ---- what is stored -----------------------------------------------------------------------------

  async overview(monthText?: string): Promise<Overview> {
    const month = this.month(monthText);
    const entries = this.entries.list();
    const data: AccountData[] = [];
    const tracked = this.tracked.list(month.key);
    for (const account of this.accounts(month)) {
      const credentials = account.provider.kind === 'api' ? await this.credentialState(account) : undefined;
      const earlier = this.history
        .months(account.id)
        .filter((key) => key < month.key)
        .map((key) => this.history.read(account.id, key))
        .filter((file): file is MonthFile => file !== undefined);
      data.push({
        account,
        monthFile: this.history.read(account.id, month.key),
        earlierFiles: earlier,
        entries: entries.filter((entry) => entry.provider === account.provider.id && entry.account === account.name),
        tracked: tracked.filter((record) => record.provider === account.provider.id && record.account === account.name),
        polling: this.inFlight.has(account.id),
        // Demo accounts have no keys by design; only whether a provider needs none (Groq) matters there.
        missingCredential: this.demo ? undefined : credentials?.missing,
        keyless: credentials?.keyless ?? false,
        retryAt: this.retryWaits.active(account.id, this.now())?.notBefore,
      });
    }
    return buildOverview({
      month: month.key,
      now: this.now(),
      accounts: data,
      warnings: this.warnings,
      demo: this.demo,
      polling: this.polling,
      alerts: this.alertCenter.recent(),
      topUps: this.alertCenter.topUps(),
    });
  }

  // ---- alerts (decisions in alerts/decide.ts) -----------------------------------------------------

  /**
   * Decides on the figures now stored (call after a poll) and returns the alerts to notify now; the
   * state lives in alerts.json, so a crossing already notified by another Spendbar process is not repeated.
   */
  async evaluateAlerts(): Promise<RaisedAlert[]> {
    if (this.demo) return [];
    const overview = await this.overview();
    const thresholds = new Map(this.accounts().map((account) => [account.id, account.thresholds]));
    const decision = await this.alertCenter.evaluate(overview, (id) => thresholds.get(id), this.settings.preferences().monthlyBudget);
    return decision.deliver;
  }

  alertSettings(): AlertSettings {
    return this.alertCenter.settings();
  }

  setAlertSettings(changes: AlertSettingsChange): Promise<AlertSettings> {
    return this.alertCenter.updateSettings(changes);
  }

  snoozeAlert(id: string, until: string): Promise<string | null> {
    return this.alertCenter.snooze(id, until);
  }

  listEntries(): LedgerEntryDto[] {
    return this.entries.list().sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
  }

  async addEntry(input: EntryInput): Promise<LedgerEntryDto> {
    const valid = validateEntry(input, this.accounts(), this.now());
    return withLock(this.options.dataDir, () => this.entries.add(valid, this.now()));
  }

  async updateEntry(id: string, changes: Partial<Pick<LedgerEntryDto, 'amount' | 'currency' | 'date' | 'note' | 'kind'>>): Promise<LedgerEntryDto> {
    return withLock(this.options.dataDir, () => {
      const existing = this.entries.list().find((entry) => entry.id === id);
      if (!existing) throw new NotFoundError(`No entry with id ${id}.`, 'id');
      const updated = validateEntryUpdate(existing, changes, this.accounts(), this.now());
      this.entries.replace(updated);
      return updated;
    });
  }

  async deleteEntry(id: string): Promise<LedgerEntryDto> {
    const removed = await withLock(this.options.dataDir, () => this.entries.remove(id));
    if (!removed) throw new NotFoundError(`No entry with id ${id}.`, 'id');
    return removed;
  }

  /**
   * Records usage fed in by the user (one call or a whole import) with its estimated cost, priced at the
   * time of use. All records are validated by the caller; this stores them in one locked write.
   */
  async track(inputs: readonly UsageInput[]): Promise<TrackedRecord[]> {
    const accounts = this.accounts();
    const records = inputs.map((input) => {
      const account = input.account === undefined ? defaultAccountFor(input.provider, accounts) : validateAccountName(input.account);
      const estimate = estimateCost(requireProvider(input.provider).priceListId, input.model, input, new Date(input.timestamp));
      return {
        provider: input.provider,
        account,
        model: input.model,
        inputTokens: input.inputTokens,
        outputTokens: input.outputTokens,
        cachedInputTokens: input.cachedInputTokens,
        timestamp: input.timestamp,
        cost: estimate.cost === undefined ? null : formatAmount(estimate.cost),
      };
    });
    return withLock(this.options.dataDir, () => this.tracked.add(records));
  }

  // ---- accounts from the popover's settings ----------------------------------------------------

  async accountSummaries(): Promise<AccountSummary[]> {
    return Promise.all(this.accounts().map((account) => summarize(account, this.options.secrets, this.env)));
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
    const account = draftAccount(input, this.accounts());
    const thresholds = validateThresholds(input.thresholds ?? account.thresholds);
    const interval = validateInterval(account, input.intervalMinutes);
    await refuseKeyRedirect(input, this.accounts(), this.options.secrets, 'form');
    const typedSecrets = account.provider.credentials.filter((spec) => spec.secret && input.credentials?.[spec.name]?.trim());
    let snapshot: Snapshot | undefined;
    if (typedSecrets.length > 0) {
      const test = await this.testConnection(input);
      if (!test.ok) throw new InputError(`Not saved: ${test.error?.message ?? 'the connection test failed.'}`, 'credentials');
      snapshot = test.snapshot;
      for (const spec of typedSecrets) await this.options.secrets.set(account.id, spec.name, input.credentials![spec.name]!.trim());
      this.credentialStates.clear();
    }
    await withLock(this.options.dataDir, () => {
      const previous = this.settings.accounts().find((existing) => existing.id === account.id);
      const others = this.settings.accounts().filter((existing) => existing.id !== account.id);
      this.settings.saveAccounts([...others, toConfig(account, interval ?? previous?.intervalMinutes, thresholds)]);
      if (snapshot) this.history.recordSuccess(account.id, snapshot);
    });
    this.credentialStates.clear();
    return account.id;
  }

  async removeAccountById(id: string): Promise<boolean> {
    const account = this.accounts().find((candidate) => candidate.id === id);
    if (!account) throw new NotFoundError(`No account ${id}.`, 'id');
    if (account.implicit) throw new InputError(`${id} comes from environment variables; unset them to remove it.`, 'id');
    return this.removeAccount(account.provider.id, account.name);
  }

  preferences(): StoredPreferences {
    return this.settings.preferences();
  }

  async setPreferences(changes: Partial<StoredPreferences>): Promise<StoredPreferences> {
    const budgets: Record<string, string> = {};
    for (const [currency, amount] of Object.entries(changes.monthlyBudget ?? {})) {
      if (amount.trim() === '') continue;
      const parsed = parseAmount(amount, 'monthlyBudget');
      if (parsed.isNegative()) throw new InputError('A budget cannot be negative.', 'monthlyBudget');
      budgets[normalizeCurrency(currency)] = formatAmount(parsed);
    }
    return withLock(this.options.dataDir, () => {
      const current = this.settings.preferences();
      const next = { ...current, ...(changes.launchAtLogin === undefined ? {} : { launchAtLogin: changes.launchAtLogin }), ...(changes.monthlyBudget ? { monthlyBudget: budgets } : {}) };
      this.settings.savePreferences(next);
      return next;
    });
  }

  private managerDeps(): ManagerDeps {
    return { secrets: this.options.secrets, http: this.options.http, env: this.env, now: this.now, month: () => monthOf(this.now()), existing: () => this.accounts() };
  }

  /** Undo of a delete: the same entry, same id, back in the ledger. */
  async restoreEntry(entry: LedgerEntryDto): Promise<LedgerEntryDto> {
    const valid = validateRestoredEntry(entry, this.accounts(), this.now());
    return withLock(this.options.dataDir, () => {
      if (this.entries.list().some((existing) => existing.id === valid.id)) throw new ConflictError(`An entry with id ${valid.id} already exists.`, 'id');
      return this.entries.add(valid, this.now());
    });
  }

  /** Whether an account with this id exists (refresh of an unknown account is refused, not ignored). */
  hasAccount(id: string): boolean {
    return this.accounts().some((account) => account.id === id);
  }
}

/** Providers that work without a key (Groq: entries and tracked usage) and whose optional key is not set. */
function hasNoOptionalKey(account: Account, values: Readonly<Record<string, string | undefined>>): boolean {
  const specs = account.provider.credentials;
  return specs.every((spec) => spec.optional) && specs.some((spec) => spec.secret) && specs.every((spec) => !spec.secret || !values[spec.name]);
}

function previousSnapshot(file: MonthFile | undefined) {
  return lastGoodOf(file);
}
