/**
 * Validation of tracked usage, from `spendbar track` flags or one JSONL line of `spendbar import`:
 * `{provider, model, input_tokens, output_tokens, timestamp}` (unknown fields ignored).
 */
import { z } from 'zod';
import { requireProvider } from '../accounts/accounts.js';
import { parseRealDateTime } from '../model/billing-month.js';
import { InputError } from '../model/input-error.js';
import type { TrackedSource } from './tracked-store.js';

const tokens = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().nonnegative().max(1e12));

export const usageLineSchema = z.object({
  provider: z.string().min(1),
  model: z.string().min(1).max(200),
  input_tokens: tokens,
  output_tokens: tokens,
  cached_input_tokens: tokens.optional(),
  account: z.string().min(1).optional(),
  timestamp: z.string().optional(),
});

/**
 * One call's usage on its way into the tracked store, from any source. Token fields follow
 * TokenUsage (tracked/pricing.ts): `inputTokens` includes cache reads and writes.
 */
export interface UsageInput {
  provider: string;
  account?: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  cacheWrite1hTokens?: number;
  timestamp: string;
  /** Where it came from; `manual` when absent. */
  source?: TrackedSource;
  /** The source's own id for the call, for deduplication. */
  sourceId?: string;
  /** A USD cost the source computed itself (a decimal string); used instead of the price list. */
  reportedCost?: string;
}

export function parseUsage(raw: unknown, now: Date): UsageInput {
  const parsed = usageLineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    throw new InputError(`${field}: ${issue?.message ?? 'invalid'}`, field);
  }
  const line = parsed.data;
  requireProvider(line.provider);
  const timestamp = line.timestamp ?? now.toISOString();
  const at = parseRealDateTime(timestamp);
  if (!at) throw new InputError(`timestamp: "${timestamp}" is not a real ISO 8601 date-time (for example 2026-11-21T09:00:00Z).`, 'timestamp');
  if (at.getTime() > now.getTime() + 86_400_000) throw new InputError(`timestamp: ${timestamp} is in the future.`, 'timestamp');
  return {
    provider: line.provider,
    account: line.account,
    model: line.model,
    inputTokens: line.input_tokens,
    outputTokens: line.output_tokens,
    cachedInputTokens: line.cached_input_tokens,
    timestamp: at.toISOString(),
  };
}
