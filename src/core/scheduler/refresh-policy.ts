/**
 * When to poll an account next: a pure function of its interval, the provider's floor and its recent
 * failures. It reads no clock, so every rule is tested with plain numbers.
 */
import type { ErrorKind } from '../../shared/api.js';

export interface RefreshInput {
  /** The account's chosen interval (or the provider's default). */
  readonly intervalMs: number;
  /** The provider's floor: never poll more often than this. */
  readonly minimumMs: number;
  /** Failures in a row since the last success. */
  readonly consecutiveFailures: number;
  readonly lastErrorKind?: ErrorKind;
  /** What a 429 (or a 5xx with Retry-After) asked for. */
  readonly retryAfterMs?: number;
  /** A number in [0, 1) from the caller, so that installs spread out instead of polling in lockstep. */
  readonly jitter: number;
}

export interface RefreshDecision {
  readonly delayMs: number;
  readonly reason: 'interval' | 'retry-soon' | 'rate-limited' | 'backoff';
}

const MINUTE = 60_000;
const MAX_DELAY_MS = 6 * 60 * MINUTE;

export function nextRefresh(input: RefreshInput): RefreshDecision {
  const base = Math.max(input.intervalMs, input.minimumMs);
  // Jitter only ever lengthens a wait (by up to 10 %): installs spread out, and no account is polled more
  // often than its interval, so a 12 h AWS account makes at most two paid refreshes in any 24 hours.
  const spread = (ms: number) => Math.round(ms * (1 + 0.1 * input.jitter));
  if (input.consecutiveFailures === 0 || input.lastErrorKind === undefined) {
    return { delayMs: spread(base), reason: 'interval' };
  }
  if (input.lastErrorKind === 'rate-limited') {
    // Never sooner than the provider asked, and never sooner than the usual interval.
    return { delayMs: Math.max(input.retryAfterMs ?? 0, spread(base)), reason: 'rate-limited' };
  }
  const doubling = 2 ** Math.min(input.consecutiveFailures - 1, 10);
  if (input.lastErrorKind === 'network' || input.lastErrorKind === 'provider-unavailable') {
    // Blips clear up: try again after a minute, doubling, up to four intervals; never before a 5xx's Retry-After.
    const delay = Math.min(Math.max(input.minimumMs, MINUTE * doubling), 4 * base, MAX_DELAY_MS);
    return { delayMs: Math.max(input.retryAfterMs ?? 0, spread(delay)), reason: 'retry-soon' };
  }
  // A bad key or setting will not fix itself: back off so a broken account costs almost nothing.
  return { delayMs: spread(Math.min(base * doubling, Math.max(base, MAX_DELAY_MS))), reason: 'backoff' };
}
