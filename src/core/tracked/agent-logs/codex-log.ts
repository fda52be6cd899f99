/**
 * Codex CLI's session logs: `${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-…-<uuid>.jsonl`. A
 * `turn_context` line names the model; an `event_msg` line whose payload is `token_count` carries the
 * call's usage in `info.last_token_usage` and the session's running total in `info.total_token_usage`.
 * OpenAI's counts nest: `input_tokens` includes `cached_input_tokens`, `output_tokens` includes
 * `reasoning_output_tokens`, so they map straight onto TokenUsage. Codex writes the same count again
 * when only its rate limits changed (an unchanged running total): such a line is not a new call. The
 * model and the last total are carried between reads in the file's cursor.
 *
 * A call's id is its place in the session's running total (the total after it and its own count), not
 * its place in the file: a forked session (`session_meta.forked_from_id`) starts by copying its parent's
 * counts into its own file, and those copies must not count again. A session's first call (running
 * total equal to its own count) could match another session's first call, so that one is also keyed by
 * the session (the parent's, for a fork). A count without a running total falls back to the file's name
 * and the line's byte offset.
 */
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { UsageInput } from '../usage-input.js';
import type { LogLine } from './log-cursor.js';
import type { AgentLogFormat, ParsedLog } from './agent-log-format.js';

const count = z.number().int().nonnegative().catch(0).optional();
const usageSchema = z.object({
  input_tokens: count,
  cached_input_tokens: count,
  output_tokens: count,
  reasoning_output_tokens: count,
  total_tokens: count,
});
type RawUsage = z.infer<typeof usageSchema>;

const lineSchema = z.object({
  type: z.string(),
  timestamp: z.string().optional(),
  payload: z.record(z.string(), z.unknown()).nullable().optional(),
});
const tokenCountSchema = z.object({
  type: z.literal('token_count'),
  info: z.object({ last_token_usage: usageSchema.nullable().optional(), total_token_usage: usageSchema.nullable().optional() }).nullable().optional(),
});
const stateSchema = z.object({ model: z.string().optional(), total: usageSchema.optional(), session: z.string().optional() });

/** When the session named no model (early Codex builds): recorded by this name, unpriced. */
export const UNKNOWN_CODEX_MODEL = 'unknown-codex-model';

export function codexRoots(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME && env.HOME.trim() !== '' ? env.HOME : homedir();
  const codexHome = env.CODEX_HOME && env.CODEX_HOME.trim() !== '' ? env.CODEX_HOME.trim() : join(home, '.codex');
  return [join(codexHome, 'sessions')];
}

function sameTotal(a: RawUsage, b: RawUsage): boolean {
  return (Object.keys(usageSchema.shape) as (keyof RawUsage)[]).every((key) => (a[key] ?? 0) === (b[key] ?? 0));
}

function minus(current: RawUsage, previous: RawUsage | undefined): RawUsage {
  const field = (key: keyof RawUsage) => Math.max(0, (current[key] ?? 0) - (previous?.[key] ?? 0));
  return { input_tokens: field('input_tokens'), cached_input_tokens: field('cached_input_tokens'), output_tokens: field('output_tokens') };
}

const fingerprint = (usage: RawUsage) => (Object.keys(usageSchema.shape) as (keyof RawUsage)[]).map((key) => usage[key] ?? 0).join('.');

function callId(running: RawUsage | null | undefined, usage: RawUsage, session: string): string | undefined {
  if (!running) return undefined;
  const key = `total:${fingerprint(running)}/${fingerprint(usage)}`;
  return sameTotal(running, usage) ? `${session}:${key}` : key;
}

function parseCodex(lines: readonly LogLine[], file: string, carried: Record<string, unknown> | undefined): ParsedLog {
  const state = stateSchema.catch({}).parse(carried ?? {});
  let { model, total, session } = state;
  const usages: UsageInput[] = [];
  let skipped = 0;
  const name = basename(file);
  for (const line of lines) {
    if (!line.text.includes('turn_context') && !line.text.includes('token_count') && !line.text.includes('session_meta')) continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line.text));
    } catch {
      skipped += 1;
      continue;
    }
    if (parsed.type === 'session_meta') {
      const { id, forked_from_id: parent } = parsed.payload ?? {};
      if (typeof parent === 'string' && parent !== '') session = parent;
      else if (typeof id === 'string' && id !== '' && session === undefined) session = id;
      continue;
    }
    if (parsed.type === 'turn_context') {
      const named = parsed.payload?.model;
      if (typeof named === 'string' && named.trim() !== '') model = named.trim();
      continue;
    }
    if (parsed.type !== 'event_msg') continue;
    const event = tokenCountSchema.safeParse(parsed.payload);
    if (!event.success || !event.data.info) continue;
    const { last_token_usage: last, total_token_usage: running } = event.data.info;
    // A repeated running total is a rate-limit refresh, not a call.
    if (running && total && sameTotal(running, total)) continue;
    const usage = last ?? (running ? minus(running, total) : undefined);
    if (running) total = running;
    if (!usage) continue;
    const timestamp = parsed.timestamp && !Number.isNaN(Date.parse(parsed.timestamp)) ? new Date(parsed.timestamp).toISOString() : undefined;
    if (!timestamp) {
      skipped += 1;
      continue;
    }
    const input = usage.input_tokens ?? 0;
    const output = usage.output_tokens ?? 0;
    const cached = Math.min(usage.cached_input_tokens ?? 0, input);
    if (input === 0 && output === 0) continue;
    usages.push({
      provider: 'openai',
      model: model ?? UNKNOWN_CODEX_MODEL,
      inputTokens: input,
      outputTokens: output,
      ...(cached > 0 ? { cachedInputTokens: cached } : {}),
      timestamp,
      source: 'codex',
      sourceId: callId(running, usage, session ?? name) ?? `${name}:${line.offset}`,
    });
  }
  return { usages, skipped, state: { ...(model ? { model } : {}), ...(total ? { total } : {}), ...(session ? { session } : {}) } };
}

export const codexLog: AgentLogFormat = {
  id: 'codex',
  name: 'Codex',
  provider: 'openai',
  roots: codexRoots,
  parse: parseCodex,
};
