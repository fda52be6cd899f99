/** What a coding agent's log format supplies to the reader: where its logs live and how a line becomes usage. */
import type { UsageInput } from '../usage-input.js';
import type { LogLine } from './log-cursor.js';

export const AGENT_LOG_SOURCES = ['claude-code', 'codex'] as const;
export type AgentLogSource = (typeof AGENT_LOG_SOURCES)[number];

export interface ParsedLog {
  readonly usages: UsageInput[];
  /** Lines that looked like usage but could not be read (bad JSON, a missing timestamp). */
  readonly skipped: number;
  /** Carried to the next read of the same file. */
  readonly state?: Record<string, unknown>;
  /**
   * A byte offset from which lines are left for the next read (a message still being streamed); the
   * usages returned come only from lines before it.
   */
  readonly holdFrom?: number;
}

export interface AgentLogFormat {
  readonly id: AgentLogSource;
  readonly name: string;
  /** The provider whose models the agent calls, and whose API account its usage may belong to. */
  readonly provider: 'anthropic' | 'openai';
  /** The folders searched for `*.jsonl` (recursively) when no path is given. */
  roots(env: NodeJS.ProcessEnv): string[];
  parse(lines: readonly LogLine[], file: string, state: Record<string, unknown> | undefined, now: Date): ParsedLog;
}
