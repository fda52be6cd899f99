/**
 * Coding agents used on a subscription: what their calls would have cost at API prices this month, by
 * model. A comparison only: these records never reach an account's month-to-date, month-end or runway.
 */
import type { ApiEquivalent } from '../../shared/api.js';
import { Dec, formatAmount } from '../model/money.js';
import type { AgentLogSource } from '../tracked/agent-logs/agent-log-format.js';
import type { TrackedRecord } from '../tracked/tracked-store.js';
import { trackedUsage } from './account-notes.js';

const NAMES: Record<AgentLogSource, { name: string; provider: string }> = {
  'claude-code': { name: 'Claude Code', provider: 'anthropic' },
  codex: { name: 'Codex', provider: 'openai' },
};

export function apiEquivalentViews(bySource: ReadonlyMap<AgentLogSource, readonly TrackedRecord[]>): ApiEquivalent[] {
  return [...bySource]
    .filter(([, records]) => records.length > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([source, records]) => ({
      source,
      ...NAMES[source],
      cost: formatAmount(records.reduce((total, record) => (record.cost === null ? total : total.plus(record.cost)), new Dec(0))),
      currency: 'USD',
      requests: records.length,
      unpriced: [...new Set(records.filter((record) => record.cost === null).map((record) => record.model))].sort(),
      usage: trackedUsage(records),
    }));
}
