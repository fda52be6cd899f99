/**
 * The poll loop. Keeps one due time per account and a single timer for the earliest; polls every due
 * account of a cycle together (the service caps concurrency). Paused while the machine sleeps or is
 * offline; on resume, whatever fell due is polled at once. The clock and timers are injected.
 */
import type { ErrorKind } from '../../shared/api.js';
import { nextRefresh } from './refresh-policy.js';

export interface SchedulerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

export interface ScheduledAccount {
  readonly id: string;
  readonly intervalMs: number;
  readonly minimumMs: number;
}

export interface PollOutcome {
  readonly accountId: string;
  readonly errorKind?: ErrorKind;
  readonly retryAfterMs?: number;
  /** Set when the account was not polled because its provider asked to wait until then (ISO time). */
  readonly waitingUntil?: string;
}

export interface SchedulerOptions {
  clock: SchedulerClock;
  /** Current accounts to schedule (read each cycle: accounts come and go). */
  accounts: () => ScheduledAccount[];
  /** Polls the given accounts and reports how each went. */
  poll: (accountIds: string[]) => Promise<PollOutcome[]>;
}

interface AccountState {
  dueAt: number;
  failures: number;
}

export const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, 2 ** 31 - 1)),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: Math.random,
};

export class Scheduler {
  private readonly state = new Map<string, AccountState>();
  private timer: unknown;
  private running = false;
  private paused = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /**
   * Polls every account now, then keeps going. Started while paused (launched offline or asleep), it
   * waits: resume() then polls every account, since none has been polled yet.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.paused) void this.runCycle(true);
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
  }

  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.running) void this.runCycle(false);
  }

  /** Manual refresh: polls now regardless of due times (one account or all). */
  async refreshNow(accountId?: string): Promise<void> {
    const ids = accountId ? [accountId] : this.options.accounts().map((account) => account.id);
    await this.pollAndReschedule(ids);
  }

  /** When each account is due next, for tests and the UI. */
  dueTimes(): Map<string, number> {
    return new Map([...this.state].map(([id, state]) => [id, state.dueAt]));
  }

  /** Waits for the cycle in progress, if any. */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  private async runCycle(everything: boolean): Promise<void> {
    this.clearTimer();
    const now = this.options.clock.now();
    const accounts = this.options.accounts();
    const due = accounts.filter((account) => everything || (this.state.get(account.id)?.dueAt ?? 0) <= now).map((account) => account.id);
    if (due.length > 0) await this.pollAndReschedule(due);
    else this.armTimer();
  }

  private async pollAndReschedule(ids: string[]): Promise<void> {
    const run = (async () => {
      const outcomes: PollOutcome[] = await this.options.poll(ids).catch(() => ids.map((accountId) => ({ accountId, errorKind: 'network' as const })));
      const byId = new Map(this.options.accounts().map((account) => [account.id, account]));
      for (const outcome of outcomes) {
        const account = byId.get(outcome.accountId);
        if (!account) continue;
        const previous = this.state.get(outcome.accountId);
        if (outcome.waitingUntil !== undefined) {
          // Not polled: the provider's wait (recorded by this or another Spendbar process) decides.
          this.state.set(outcome.accountId, { dueAt: this.options.clock.now() + Math.max(outcome.retryAfterMs ?? 0, 1000), failures: previous?.failures ?? 1 });
          continue;
        }
        const failures = outcome.errorKind && outcome.errorKind !== 'missing-credential' ? (previous?.failures ?? 0) + 1 : 0;
        const decision = nextRefresh({
          intervalMs: account.intervalMs,
          minimumMs: account.minimumMs,
          consecutiveFailures: failures,
          lastErrorKind: outcome.errorKind,
          retryAfterMs: outcome.retryAfterMs,
          jitter: this.options.clock.random(),
        });
        this.state.set(outcome.accountId, { dueAt: this.options.clock.now() + decision.delayMs, failures });
      }
    })();
    this.inFlight = run;
    await run;
    if (this.running && !this.paused) this.armTimer();
  }

  private armTimer(): void {
    this.clearTimer();
    const ids = new Set(this.options.accounts().map((account) => account.id));
    const dueTimes = [...this.state].filter(([id]) => ids.has(id)).map(([, state]) => state.dueAt);
    // Accounts added since the last cycle are due at once.
    const earliest = [...ids].some((id) => !this.state.has(id)) ? this.options.clock.now() : Math.min(...dueTimes);
    if (!Number.isFinite(earliest)) return;
    const delay = Math.max(0, earliest - this.options.clock.now());
    this.timer = this.options.clock.setTimeout(() => void this.runCycle(false), Math.max(delay, 1000));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
