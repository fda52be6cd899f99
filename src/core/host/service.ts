/**
 * The one object every front end talks to: a façade over the features. Accounts and keys are
 * accounts/account-service.ts, polling is poller.ts, the figures are overview/; this file holds the
 * stores, the ledger's few operations and the preferences. It owns no UI and no timers (the scheduler
 * drives `poll`); all file access goes through the stores under the data folder lock. About 300 lines:
 * most are one-line delegations, kept together so a front end sees the engine's whole surface here.
 */
import type { EntryInput, LedgerEntryDto, Overview } from '../../shared/api.js';
import { requireProvider, resolveAccounts, validateAccountName, type Account } from '../accounts/accounts.js';
import type { HttpClient } from '../http/http-client.js';
import { monthOf, parseMonth, type BillingMonth } from '../model/billing-month.js';
import { ConflictError, InputError, NotFoundError } from '../model/input-error.js';
import { buildOverview, type AccountData } from '../overview/build-overview.js';
import { defaultAccountFor, validateEntry, validateEntryUpdate, validateRestoredEntry } from '../ledger/entry-validation.js';
import { formatAmount, normalizeCurrency, parseAmount } from '../model/money.js';
import { estimateCost } from '../tracked/pricing.js';
import { TrackedStore, type TrackedRecord } from '../tracked/tracked-store.js';
import type { UsageInput } from '../tracked/usage-input.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { EntriesStore, entriesKey } from '../ledger/entries-store.js';
import { withLock } from '../store/files.js';
import { setAsideWarnings } from '../store/set-aside.js';
import { AlertCenter, type AlertSettingsChange } from '../alerts/alert-center.js';
import type { AlertSettings, RaisedAlert } from '../alerts/alert-model.js';
import { HistoryStore } from '../ledger/history-store.js';
import { SettingsStore, type StoredPreferences } from '../accounts/settings-store.js';
import type { PollOutcome } from '../scheduler/scheduler.js';
import { RetryWaits } from '../scheduler/retry-waits.js';
import { Poller, type PollerDeps, type PollProgress, type PollRequest } from './poller.js';
import { AccountService } from '../accounts/account-service.js';
import { RatesService } from '../rates/rates-service.js';
import { applyGlanceChanges, type GlanceChanges } from '../rates/glance-preferences.js';
import { attributeTracked } from '../tracked/attribution.js';
import { AgentLogService } from '../tracked/agent-logs/agent-log-service.js';

export interface ServiceOptions {
  dataDir: string;
  secrets: SecretStore;
  http: HttpClient;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Accounts polled at once; the rest wait their turn. Default: all of them. */
  concurrency?: number;
  demo?: boolean;
  /** Bound of one account's whole poll; default `SPENDBAR_POLL_TIMEOUT_S` or 20 s. */
  pollTimeoutMs?: number;
  /** What gives memory back after a poll cycle (heap-release.ts); tests pass their own. */
  heapRelease?: PollerDeps['heapRelease'];
}

export type { PollProgress, PollRequest } from './poller.js';

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
  private readonly poller: Poller;
  private readonly accountService: AccountService;
  /** The exchange rates of the display currency's approximate total (src/core/rates). */
  readonly rates: RatesService;
  /** Coding agents' logs (Claude Code, Codex): `import --from`, the host's cycle, the settings view. */
  readonly agentLogs: AgentLogService;

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
    this.poller = new Poller({ ...options, env: this.env, now: this.now, history: this.history, retryWaits: this.retryWaits });
    this.accountService = new AccountService({
      ...options,
      settings: this.settings,
      history: this.history,
      env: this.env,
      now: this.now,
      accounts: () => this.accounts(),
      credentialsChanged: () => this.poller.forgetCredentials(),
    });
    this.rates = new RatesService({ dataDir: options.dataDir, warn }, options.http, this.env, this.now);
    this.agentLogs = new AgentLogService({ dataDir: options.dataDir, warn, settings: this.settings, env: this.env, now: this.now, track: (inputs) => this.track(inputs) });
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
    return this.poller.polling;
  }

  /** `tracked`: the month's attributed tracked usage when the caller has it already (the overview). */
  accounts(month: BillingMonth = monthOf(this.now()), tracked = this.attributedTracked(month.key).accounts): Account[] {
    // One entry per account is enough to know which manual accounts exist; the ledger may hold thousands.
    return resolveAccounts(this.settings.accounts(), [...this.entries.accountsUsed(), ...tracked], this.env);
  }

  month(text?: string): BillingMonth {
    if (text === undefined) return monthOf(this.now());
    const month = parseMonth(text);
    if (!month) throw new InputError(`"${text}" is not a month: use YYYY-MM, for example 2026-11.`, 'month');
    return month;
  }

  // ---- accounts and keys (accounts/account-service.ts) ---------------------------------------------

  addAccount(...args: Parameters<AccountService['addAccount']>) {
    return this.accountService.addAccount(...args);
  }

  removeAccount(...args: Parameters<AccountService['removeAccount']>) {
    return this.accountService.removeAccount(...args);
  }

  setKey(...args: Parameters<AccountService['setKey']>) {
    return this.accountService.setKey(...args);
  }

  deleteKey(...args: Parameters<AccountService['deleteKey']>) {
    return this.accountService.deleteKey(...args);
  }

  accountSummaries() {
    return this.accountService.accountSummaries();
  }

  testConnection(...args: Parameters<AccountService['testConnection']>) {
    return this.accountService.testConnection(...args);
  }

  saveAccount(...args: Parameters<AccountService['saveAccount']>) {
    return this.accountService.saveAccount(...args);
  }

  removeAccountById(...args: Parameters<AccountService['removeAccountById']>) {
    return this.accountService.removeAccountById(...args);
  }

  // ---- polling ------------------------------------------------------------------------------------

  /** Polls the accounts the request names (all API accounts by default); see poller.ts. */
  poll(request: PollRequest = {}, onProgress?: PollProgress): Promise<PollOutcome[]> {
    return this.poller.poll(this.accounts(), request, onProgress);
  }

  // ---- what is stored -----------------------------------------------------------------------------

  /** `displayCurrency` overrides the preference for this overview (`status --currency`). */
  async overview(monthText?: string, options: { displayCurrency?: string } = {}): Promise<Overview> {
    const month = this.month(monthText);
    const entriesByAccount = this.entries.byAccount();
    const data: AccountData[] = [];
    const attributed = this.attributedTracked(month.key);
    // Grouped once: a month of coding-agent logs can hold tens of thousands of records.
    const trackedByAccount = new Map<string, TrackedRecord[]>();
    for (const record of attributed.accounts) {
      const key = entriesKey(record.provider, record.account);
      const list = trackedByAccount.get(key);
      if (list) list.push(record);
      else trackedByAccount.set(key, [record]);
    }
    for (const account of this.accounts(month, attributed.accounts)) {
      const credentials = account.provider.kind === 'api' ? await this.poller.credentialState(account) : undefined;
      data.push({
        account,
        monthFile: this.history.read(account.id, month.key),
        earlier: this.history.earlier(account.id, month.key),
        entries: entriesByAccount.get(entriesKey(account.provider.id, account.name)) ?? [],
        tracked: trackedByAccount.get(entriesKey(account.provider.id, account.name)) ?? [],
        polling: this.poller.isPolling(account.id),
        // Demo accounts have no keys by design; only whether a provider needs none (Groq) matters there.
        missingCredential: this.demo ? undefined : credentials?.missing,
        keyless: credentials?.keyless ?? false,
        retryAt: this.retryWaits.active(account.id, this.now())?.notBefore,
      });
    }
    const conversion = this.rates.conversion(this.settings.preferences(), options.displayCurrency);
    return buildOverview({
      conversion,
      month: month.key,
      now: this.now(),
      accounts: data,
      warnings: this.warnings,
      demo: this.demo,
      polling: this.polling,
      alerts: this.alertCenter.recent(),
      topUps: this.alertCenter.topUps(),
      apiEquivalent: attributed.apiEquivalent,
    });
  }

  /** The month's tracked usage, coding agents' logs attributed as the user chose (tracked/attribution.ts). */
  private attributedTracked(month: string) {
    // The settings file is read once per source here, not once per record.
    const settings = new Map<string, ReturnType<SettingsStore['trackedSource']>>();
    return attributeTracked(this.tracked.list(month), (source) => {
      if (!settings.has(source)) settings.set(source, this.settings.trackedSource(source));
      return settings.get(source)!;
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
      const reported = input.reportedCost === undefined ? undefined : parseAmount(input.reportedCost, 'cost');
      const estimate = reported ? { cost: reported } : estimateCost(requireProvider(input.provider).priceListId, input.model, input, new Date(input.timestamp));
      return {
        provider: input.provider,
        account,
        model: input.model,
        inputTokens: input.inputTokens,
        outputTokens: input.outputTokens,
        cachedInputTokens: input.cachedInputTokens,
        cacheWriteTokens: input.cacheWriteTokens,
        cacheWrite1hTokens: input.cacheWrite1hTokens,
        timestamp: input.timestamp,
        source: input.source,
        sourceId: input.sourceId,
        costSource: estimate.cost === undefined ? undefined : reported ? ('reported' as const) : ('price-list' as const),
        cost: estimate.cost === undefined ? null : formatAmount(estimate.cost),
      };
    });
    return withLock(this.options.dataDir, () => this.tracked.add(records));
  }

  preferences(): StoredPreferences {
    return this.settings.preferences();
  }

  async setPreferences(changes: Partial<Pick<StoredPreferences, 'launchAtLogin' | 'monthlyBudget'>> & GlanceChanges & { otlpReceiver?: Partial<StoredPreferences['otlpReceiver']> }): Promise<StoredPreferences> {
    const budgets: Record<string, string> = {};
    for (const [currency, amount] of Object.entries(changes.monthlyBudget ?? {})) {
      if (amount.trim() === '') continue;
      const parsed = parseAmount(amount, 'monthlyBudget');
      if (parsed.isNegative()) throw new InputError('A budget cannot be negative.', 'monthlyBudget');
      budgets[normalizeCurrency(currency)] = formatAmount(parsed);
    }
    return withLock(this.options.dataDir, () => {
      const current = this.settings.preferences();
      const glance = applyGlanceChanges(current, changes, this.now().toISOString().slice(0, 10));
      const next = {
        ...current,
        ...glance,
        ...(changes.launchAtLogin === undefined ? {} : { launchAtLogin: changes.launchAtLogin }),
        ...(changes.monthlyBudget ? { monthlyBudget: budgets } : {}),
        ...(changes.otlpReceiver ? { otlpReceiver: { ...current.otlpReceiver, ...changes.otlpReceiver } } : {}),
      };
      this.settings.savePreferences(next);
      return next;
    });
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
