/**
 * Reading the fakes' request logs of a simulated day: how often a settled day was asked for again, and
 * the busiest window against a provider's documented limit.
 */
import { daysOf, type RequestWindow } from '../../tests/fakes/daily-buckets.js';
import type { DocumentedLimit } from '../../src/core/providers/provider.js';

export interface Asked {
  readonly at: number;
  readonly path: string;
  readonly window?: RequestWindow;
}

/**
 * Asks, from `from` on, for a (path, day) that was already asked for after the day had settled: the
 * re-fetches that keeping settled days should remove. `settledBefore(at)` is the cut-off at that time.
 * The pages of one read (same path, same instant of the fake clock) are one ask.
 */
export function settledRefetches(asked: readonly Asked[], from: number, settledBefore: (at: number) => string): { refetches: number; settledAsks: number } {
  const seen = new Set<string>();
  let refetches = 0;
  let settledAsks = 0;
  const reads = new Set<string>();
  for (const request of asked) {
    if (!request.window || reads.has(`${request.path} ${request.at}`)) continue;
    reads.add(`${request.path} ${request.at}`);
    const before = settledBefore(request.at);
    for (const day of daysOf(request.window)) {
      if (day >= before) continue;
      const key = `${request.path} ${day}`;
      if (request.at >= from) {
        settledAsks += 1;
        if (seen.has(key)) refetches += 1;
      }
      seen.add(key);
    }
  }
  return { refetches, settledAsks };
}

/**
 * The most requests (or, for `polls`, reads of one endpoint: requests to a path at one instant of the
 * fake clock, which is what one poll makes, pages included) in any window of the limit's length.
 */
export function busiestWindow(asked: readonly Asked[], limit: DocumentedLimit): number {
  const events: { at: number; key: string }[] =
    limit.unit === 'requests'
      ? asked.map((request) => ({ at: request.at, key: '' }))
      : [...new Map(asked.map((request) => [`${request.path} ${request.at}`, { at: request.at, key: request.path }])).values()];
  let most = 0;
  for (const key of new Set(events.map((event) => event.key))) {
    const times = events.filter((event) => event.key === key).map((event) => event.at).sort((a, b) => a - b);
    let start = 0;
    for (let end = 0; end < times.length; end += 1) {
      while (times[end]! - times[start]! >= limit.windowMs) start += 1;
      most = Math.max(most, end - start + 1);
    }
  }
  return most;
}

/** "1 poll a minute", "5000 requests an hour". */
export function describeLimit(limit: DocumentedLimit): string {
  const window = limit.windowMs === 60_000 ? 'a minute' : limit.windowMs === 3_600_000 ? 'an hour' : `per ${limit.windowMs / 1000} s`;
  const unit = limit.unit === 'polls' ? (limit.count === 1 ? 'read of each report' : 'reads of each report') : 'requests';
  return `${limit.count} ${unit} ${window}`;
}
