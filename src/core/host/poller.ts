/**
 * Polling: which accounts a request names, all at once (a cycle lasts as long as its slowest provider,
 * not the sum of a queue; each provider gets at most one request per account call), each bounded by its deadline and by
 * the app's quit signal; what came back is recorded in the history (or the failure, and any wait the
 * provider asked for). Also remembers whether each account's credentials are set, so overviews do not
 * ask the keychain every time.
 */
import { createHash } from 'node:crypto';
import { errorKindSchema } from '../../shared/api.js';
import { requireProvider, resolveCredentials, type Account } from '../accounts/accounts.js';
import type { HttpClient } from '../http/http-client.js';
import { withLinkedSignal } from '../http/linked-signal.js';
import { pollTimeoutFromEnv, withPollDeadline } from '../http/poll-deadline.js';
import { validatePollMonth } from '../ledger/entry-validation.js';
import { lastGoodOf, type HistoryStore, type MonthFile } from '../ledger/history-store.js';
import { SettledStore } from '../ledger/settled-store.js';
import type { BillingMonth } from '../model/billing-month.js';
import { toProviderError } from '../model/provider-error.js';
import { baseUrlFor, createProviderContext } from '../providers/provider-context.js';
import { settledBefore } from '../providers/settled-days.js';
import type { RetryWaits } from '../scheduler/retry-waits.js';
import type { PollOutcome } from '../scheduler/scheduler.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { withLock } from '../store/files.js';
import { HeapRelease } from './heap-release.js';

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

export interface PollerDeps {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  readonly history: HistoryStore;
  readonly retryWaits: RetryWaits;
  /** Accounts polled at once; the rest wait their turn. Default: every account the request names. */
  readonly concurrency?: number;
  /** Bound of one account's whole poll; default `SPENDBAR_POLL_TIMEOUT_S` or 20 s. */
  readonly pollTimeoutMs?: number;
  /** What gives memory back after a cycle (heap-release.ts); default full collections 1 s and 7 s after. */
  readonly heapRelease?: Pick<HeapRelease, 'afterCycle' | 'cancel'>;
}

type CredentialState = { missing?: string; keyless: boolean };

export class Poller {
  private readonly inFlight = new Set<string>();
  private readonly credentialStates = new Map<string, CredentialState>();
  private readonly settledStore: SettledStore;
  private readonly heapRelease: Pick<HeapRelease, 'afterCycle' | 'cancel'>;
  /** poll() calls running; the heap is released only when the last one ends. */
  private cycles = 0;

  constructor(private readonly deps: PollerDeps) {
    this.settledStore = new SettledStore(deps.dataDir);
    this.heapRelease = deps.heapRelease ?? new HeapRelease();
  }

  get polling(): boolean {
    return this.inFlight.size > 0;
  }

  isPolling(accountId: string): boolean {
    return this.inFlight.has(accountId);
  }

  /** After a key or an account changes: the next overview asks the keychain again. */
  forgetCredentials(): void {
    this.credentialStates.clear();
  }

  /**
   * Polls the accounts the request names, all at once by default; each outcome says how it went, and each
   * account's figures are stored as soon as it answers, whatever the others do.
   */
  async poll(accounts: readonly Account[], request: PollRequest = {}, onProgress?: PollProgress): Promise<PollOutcome[]> {
    const month = validatePollMonth(request.month, this.deps.now());
    if (request.provider !== undefined) requireProvider(request.provider);
    const targets = accounts.filter(
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
    this.cycles += 1;
    this.heapRelease.cancel();
    try {
      await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? queue.length, queue.length) }, worker));
    } finally {
      this.cycles -= 1;
      if (this.cycles === 0 && targets.length > 0) this.heapRelease.afterCycle();
    }
    return outcomes;
  }

  private async pollAccount(account: Account, month: BillingMonth, force: boolean, onProgress?: PollProgress, signal?: AbortSignal): Promise<PollOutcome> {
    const wait = force ? undefined : this.deps.retryWaits.active(account.id, this.deps.now());
    if (wait) {
      onProgress?.({ accountId: account.id, state: 'waiting' });
      const retryAfterMs = Date.parse(wait.notBefore) - this.deps.now().getTime();
      return { accountId: account.id, errorKind: errorKindSchema.catch('rate-limited').parse(wait.kind), retryAfterMs, waitingUntil: wait.notBefore };
    }
    const credentials = await resolveCredentials(account, this.deps.secrets, this.deps.env);
    this.rememberCredentialState(account, credentials);
    if (credentials.missing || !account.provider.fetchSnapshot) return { accountId: account.id, errorKind: 'missing-credential' };
    this.inFlight.add(account.id);
    onProgress?.({ accountId: account.id, state: 'started' });
    const monthFile = this.deps.history.read(account.id, month.key);
    const fingerprint = settingsFingerprint(account, this.deps.env, credentials.values);
    // Settled days kept by earlier polls, unless this poll must fetch the whole month: forced, or the last
    // attempt failed (what was kept may predate whatever went wrong). Other settings or keys: another file.
    const keptStreams = force || monthFile?.lastAttempt?.error ? undefined : this.settledStore.read(account.id, month.key, fingerprint);
    const contextInput = {
      provider: account.provider,
      now: this.deps.now,
      month,
      credentials: credentials.values,
      settings: account.settings,
      env: this.deps.env,
      signal,
      previous: previousSnapshot(monthFile),
      settled: { before: settledBefore(month, this.deps.now()), streams: keptStreams ?? {} },
    };
    const secrets = createProviderContext({ ...contextInput, http: this.deps.http }).secrets;
    const timeoutMs = this.deps.pollTimeoutMs ?? pollTimeoutFromEnv(this.deps.env);
    try {
      const fetchSnapshot = account.provider.fetchSnapshot.bind(account.provider);
      // The quit signal outlives every poll: linked for this poll only, not with AbortSignal.any (linked-signal.ts).
      const { settled, ...snapshot } = await withPollDeadline(this.deps.http, timeoutMs, account.provider.name, (bounds) =>
        withLinkedSignal([bounds.signal, signal], (both) => fetchSnapshot(createProviderContext({ ...contextInput, http: bounds.http, signal: both }))),
      );
      await withLock(this.deps.dataDir, () => {
        this.deps.history.recordSuccess(account.id, snapshot);
        if (settled) this.settledStore.write(account.id, month.key, fingerprint, settled);
        this.deps.retryWaits.record(account.id, this.deps.now(), undefined, 'ok');
      });
      onProgress?.({ accountId: account.id, state: 'done' });
      return { accountId: account.id };
    } catch (caught) {
      const error = toProviderError(caught, secrets);
      // Quitting is not a provider's failure: nothing is recorded for an aborted attempt.
      if (signal?.aborted) return { accountId: account.id, errorKind: error.kind };
      await withLock(this.deps.dataDir, () => {
        this.deps.history.recordFailure(account.id, month.key, this.deps.now().toISOString(), { kind: error.kind, message: error.message });
        // A provider that named a time is left alone until then, by every Spendbar process.
        this.deps.retryWaits.record(account.id, this.deps.now(), error.retryAfterMs, error.kind);
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
  async credentialState(account: Account): Promise<{ missing?: string; keyless: boolean }> {
    const known = this.credentialStates.get(account.id);
    if (known) return known;
    return this.rememberCredentialState(account, await resolveCredentials(account, this.deps.secrets, this.deps.env));
  }

  private rememberCredentialState(account: Account, credentials: { missing?: string; values: Readonly<Record<string, string | undefined>> }) {
    const state = { missing: credentials.missing, keyless: hasNoOptionalKey(account, credentials.values) };
    this.credentialStates.set(account.id, state);
    return state;
  }
}

function hasNoOptionalKey(account: Account, values: Readonly<Record<string, string | undefined>>): boolean {
  const specs = account.provider.credentials;
  return specs.every((spec) => spec.optional) && specs.some((spec) => spec.secret) && specs.every((spec) => !spec.secret || !values[spec.name]);
}

/**
 * What the kept buckets depend on besides the month: the provider, its host, the account's settings and
 * its credentials (another key may read another organization). Only a SHA-256 digest is stored, so the
 * file holds nothing of a key.
 */
function settingsFingerprint(account: Account, env: NodeJS.ProcessEnv, credentials: Readonly<Record<string, string | undefined>>): string {
  const sorted = (record: Readonly<Record<string, string | undefined>>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  const parts = [account.provider.id, baseUrlFor(account.provider, account.settings?.baseUrl, env), sorted(account.settings ?? {}), sorted(credentials)];
  return createHash('sha256').update(`spendbar-settled-days\0${JSON.stringify(parts)}`).digest('hex');
}

function previousSnapshot(file: MonthFile | undefined) {
  return lastGoodOf(file);
}
