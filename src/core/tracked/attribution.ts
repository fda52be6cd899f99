/**
 * Whose usage a tracked record is. Records from a coding agent's logs follow the user's current choice
 * for that source: on a subscription they are API-equivalent (apart, never spend); on an API account
 * they are that account's tracked usage. The choice is applied when figures are built, not when the
 * logs are read, so changing it re-attributes the whole month at once. Other records keep their account.
 */
import { DEFAULT_ACCOUNT } from '../accounts/accounts.js';
import type { TrackedSourceSetting } from '../accounts/settings-store.js';
import { AGENT_LOG_SOURCES, type AgentLogSource } from './agent-logs/agent-log-format.js';
import type { TrackedRecord } from './tracked-store.js';

export interface AttributedUsage {
  /** Records that are an account's tracked usage (account set per the source's choice). */
  readonly accounts: TrackedRecord[];
  /** Subscription usage by source, priced at API rates for comparison only. */
  readonly apiEquivalent: ReadonlyMap<AgentLogSource, TrackedRecord[]>;
}

export function isAgentLogSource(source: string | undefined): source is AgentLogSource {
  return (AGENT_LOG_SOURCES as readonly (string | undefined)[]).includes(source);
}

export function attributeTracked(records: readonly TrackedRecord[], settingOf: (source: AgentLogSource) => TrackedSourceSetting): AttributedUsage {
  const accounts: TrackedRecord[] = [];
  const apiEquivalent = new Map<AgentLogSource, TrackedRecord[]>();
  for (const record of records) {
    if (!isAgentLogSource(record.source)) {
      accounts.push(record);
      continue;
    }
    const setting = settingOf(record.source);
    if (setting.billing === 'api') accounts.push({ ...record, account: setting.account ?? DEFAULT_ACCOUNT });
    else {
      const list = apiEquivalent.get(record.source) ?? [];
      list.push(record);
      apiEquivalent.set(record.source, list);
    }
  }
  return { accounts, apiEquivalent };
}
