/** What a decoder makes of one request body: usage ready to track, and what it had to set aside. */
import type { UsageInput } from '../usage-input.js';

export interface DecodedUsage {
  /** Calls with a known provider and model, in Spendbar's token convention (input includes cache). */
  readonly usages: UsageInput[];
  /** Provider names of calls Spendbar cannot attribute (one entry per call). */
  readonly unknownProviders: string[];
  /** Calls carrying usage that could not be read (no model, a timestamp in the future…), with why. */
  readonly rejected: string[];
  /** Claude Code metric points left out because the same sessions' api_request events are counted. */
  readonly coveredByEvents?: number;
}

export const DAY_MS = 86_400_000;

/**
 * Token counts as Spendbar stores them. The GenAI conventions count cache reads and writes inside
 * input tokens; a sender that reports them apart (Anthropic's shape) is recognised when the cache
 * tokens alone exceed the input, and then they are added in.
 */
export function inputIncludingCache(input: number, cacheRead = 0, cacheWrite = 0): number {
  return cacheRead + cacheWrite > input ? input + cacheRead + cacheWrite : input;
}

/** The usage's time, refused when it lies more than a day ahead (a wrong clock would skew a month). */
export function checkedTimestamp(iso: string | undefined, now: Date): string | undefined {
  const at = iso === undefined ? now : new Date(iso);
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + DAY_MS) return undefined;
  return at.toISOString();
}
