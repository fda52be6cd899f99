/**
 * The agent-log sources as the faces use them: read one (the CLI's `import --from`, the host's poll
 * cycle), list them with what they found (settings), and save the user's choice of whose usage it is.
 */
import type { TrackedSourceDto } from '../../../shared/api.js';
import { validateAccountName } from '../../accounts/accounts.js';
import type { SettingsStore, TrackedSourceSetting } from '../../accounts/settings-store.js';
import { withLock, type Warn } from '../../store/files.js';
import type { TrackedRecord } from '../tracked-store.js';
import type { UsageInput } from '../usage-input.js';
import { AGENT_LOG_SOURCES, type AgentLogFormat, type AgentLogSource } from './agent-log-format.js';
import { claudeCodeLog } from './claude-code-log.js';
import { codexLog } from './codex-log.js';
import { readAgentLogs, type AgentLogReport, type ReadOptions } from './read-agent-logs.js';
import { SourcesStore } from './sources-store.js';

export const agentLogFormats: Readonly<Record<AgentLogSource, AgentLogFormat>> = { 'claude-code': claudeCodeLog, codex: codexLog };

export interface AgentLogDeps {
  readonly dataDir: string;
  readonly warn: Warn;
  readonly settings: SettingsStore;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  track(inputs: readonly UsageInput[]): Promise<TrackedRecord[]>;
}

export type TrackedSourceChange = Partial<Pick<TrackedSourceSetting, 'enabled' | 'billing' | 'account'>>;

export class AgentLogService {
  private readonly sources: SourcesStore;
  /** One read per source at a time in this process (the schedule and a settings change may overlap). */
  private readonly reading = new Map<AgentLogSource, Promise<AgentLogReport>>();

  constructor(private readonly deps: AgentLogDeps) {
    this.sources = new SourcesStore(deps.dataDir, deps.warn);
  }

  read(source: AgentLogSource, options: ReadOptions = {}): Promise<AgentLogReport> {
    const running = this.reading.get(source);
    if (running && !options.paths) return running;
    const read = readAgentLogs(agentLogFormats[source], { ...this.deps, sources: this.sources }, options).finally(() => this.reading.delete(source));
    if (!options.paths) this.reading.set(source, read);
    return read;
  }

  /** Every enabled source, one after the other; a failing source is reported in its state, not thrown. */
  async readEnabled(): Promise<AgentLogReport[]> {
    const reports: AgentLogReport[] = [];
    for (const source of AGENT_LOG_SOURCES) {
      if (!this.deps.settings.trackedSource(source).enabled) continue;
      try {
        reports.push(await this.read(source));
      } catch (error) {
        this.deps.warn(`${agentLogFormats[source].name} logs could not be read: ${(error as Error).message}`);
      }
    }
    return reports;
  }

  list(): TrackedSourceDto[] {
    return AGENT_LOG_SOURCES.map((source) => {
      const format = agentLogFormats[source];
      const setting = this.deps.settings.trackedSource(source);
      const state = this.sources.get(source);
      return {
        source,
        name: format.name,
        provider: format.provider,
        enabled: setting.enabled,
        billing: setting.billing,
        account: setting.billing === 'api' ? (setting.account ?? 'default') : null,
        folders: format.roots(this.deps.env),
        files: state.filesSeen,
        records: state.recordsAdded,
        lastRecordAt: state.lastRecordAt,
        lastReadAt: state.lastReadAt,
        errors: state.errors,
      };
    });
  }

  setting(source: AgentLogSource): TrackedSourceSetting {
    return this.deps.settings.trackedSource(source);
  }

  /** An API account is named; choosing `api` without a name keeps the name saved before, else `default`. */
  async save(source: AgentLogSource, change: TrackedSourceChange): Promise<TrackedSourceSetting> {
    const account = change.account === undefined ? undefined : validateAccountName(change.account);
    return withLock(this.deps.dataDir, () => {
      const current = this.deps.settings.trackedSource(source);
      const billing = change.billing ?? (account !== undefined ? 'api' : current.billing);
      const next: TrackedSourceSetting = {
        enabled: change.enabled ?? current.enabled,
        billing,
        ...(billing === 'api' ? { account: account ?? current.account ?? 'default' } : {}),
      };
      this.deps.settings.saveTrackedSource(source, next);
      return next;
    });
  }
}
