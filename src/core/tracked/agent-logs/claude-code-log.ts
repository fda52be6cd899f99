/**
 * Claude Code's session logs: one JSONL file per session under `<config>/projects/` (subagents in
 * subfolders). Each `type: "assistant"` line carries the API's `message.usage`; Anthropic reports
 * uncached input apart from cache reads and writes, so they are added into `inputTokens` here (the
 * price database counts them in). A streamed message is written several times with the same message
 * and request id, its output count growing: within one read the largest is kept, and the tracked store
 * keeps one record per id across reads, so a message still streaming (no stop reason yet, written in
 * the last two minutes) is left for the next read. `<synthetic>` lines are Claude Code's own
 * placeholders, not API calls.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { UsageInput } from '../usage-input.js';
import type { LogLine } from './log-cursor.js';
import type { AgentLogFormat, ParsedLog } from './agent-log-format.js';

const count = z.number().int().nonnegative().catch(0).optional();

const assistantLineSchema = z.object({
  type: z.literal('assistant'),
  timestamp: z.string(),
  requestId: z.string().optional(),
  uuid: z.string().optional(),
  message: z.object({
    id: z.string().optional(),
    model: z.string().min(1),
    stop_reason: z.string().nullable().optional(),
    usage: z.object({
      input_tokens: count,
      output_tokens: count,
      cache_creation_input_tokens: count,
      cache_read_input_tokens: count,
      cache_creation: z.object({ ephemeral_5m_input_tokens: count, ephemeral_1h_input_tokens: count }).partial().optional(),
    }),
  }),
});

/** Every `projects/` folder Claude Code may write to: CLAUDE_CONFIG_DIR (comma-separated) or the two defaults. */
export function claudeCodeRoots(env: NodeJS.ProcessEnv): string[] {
  const configured = (env.CLAUDE_CONFIG_DIR ?? '')
    .split(',')
    .map((dir) => dir.trim())
    .filter((dir) => dir !== '');
  const home = env.HOME && env.HOME.trim() !== '' ? env.HOME : homedir();
  const dirs = configured.length > 0 ? configured : [join(home, '.config', 'claude'), join(home, '.claude')];
  return dirs.map((dir) => join(dir, 'projects'));
}

/** How long a message without a stop reason may still be streaming. */
const STREAMING_MS = 2 * 60_000;

function parseClaudeCode(lines: readonly LogLine[], now: Date): ParsedLog {
  const byId = new Map<string, UsageInput>();
  const progress = new Map<string, { firstOffset: number; stopped: boolean; lastAt: number }>();
  let skipped = 0;
  for (const line of lines) {
    if (!line.text.includes('"assistant"') || !line.text.includes('"usage"')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch {
      skipped += 1;
      continue;
    }
    const parsed = assistantLineSchema.safeParse(raw);
    if (!parsed.success || Number.isNaN(Date.parse(parsed.data.timestamp))) {
      skipped += 1;
      continue;
    }
    const { message, requestId, timestamp, uuid } = parsed.data;
    if (message.model === '<synthetic>') continue;
    const usage = message.usage;
    const cacheRead = usage.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    const oneHour = Math.min(usage.cache_creation?.ephemeral_1h_input_tokens ?? 0, cacheWrite);
    // Without a message id the line's own uuid is the only stable name it has.
    const sourceId = message.id ? `${message.id}:${requestId ?? ''}` : uuid ? `line:${uuid}` : undefined;
    if (!sourceId) {
      skipped += 1;
      continue;
    }
    const input: UsageInput = {
      provider: 'anthropic',
      model: message.model,
      inputTokens: (usage.input_tokens ?? 0) + cacheRead + cacheWrite,
      outputTokens: usage.output_tokens ?? 0,
      ...(cacheRead > 0 ? { cachedInputTokens: cacheRead } : {}),
      ...(cacheWrite > 0 ? { cacheWriteTokens: cacheWrite } : {}),
      ...(oneHour > 0 ? { cacheWrite1hTokens: oneHour } : {}),
      timestamp: new Date(timestamp).toISOString(),
      source: 'claude-code',
      sourceId,
    };
    const earlier = byId.get(sourceId);
    if (!earlier || input.outputTokens > earlier.outputTokens) byId.set(sourceId, earlier ? { ...input, timestamp: earlier.timestamp } : input);
    const seen = progress.get(sourceId);
    progress.set(sourceId, { firstOffset: seen?.firstOffset ?? line.offset, stopped: Boolean(message.stop_reason), lastAt: Date.parse(timestamp) });
  }
  const streaming = [...progress.values()].filter((entry) => !entry.stopped && now.getTime() - entry.lastAt < STREAMING_MS);
  if (streaming.length === 0) return { usages: [...byId.values()], skipped };
  const holdFrom = Math.min(...streaming.map((entry) => entry.firstOffset));
  return { usages: [...byId].filter(([id]) => progress.get(id)!.firstOffset < holdFrom).map(([, usage]) => usage), skipped, holdFrom };
}

export const claudeCodeLog: AgentLogFormat = {
  id: 'claude-code',
  name: 'Claude Code',
  provider: 'anthropic',
  roots: claudeCodeRoots,
  parse: (lines, _file, _state, now) => parseClaudeCode(lines, now),
};
