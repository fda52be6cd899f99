/**
 * `spendbar import --from claude-code|codex [--path DIR] [--account NAME | --subscription] [--json]`:
 * reads a coding agent's session logs in place, from where the last read stopped. Whose usage it is
 * follows the saved choice (a subscription unless the user said otherwise); `--account NAME` says it is
 * that API account's (anthropic for Claude Code, openai for Codex) and `--subscription` says it is a
 * plan's. Either is saved, so the app's own reads attribute the usage the same way.
 */
import { existsSync } from 'node:fs';
import type { SpendbarService } from '../core/host/service.js';
import { InputError } from '../core/model/input-error.js';
import { AGENT_LOG_SOURCES, type AgentLogSource } from '../core/tracked/agent-logs/agent-log-format.js';
import { agentLogFormats } from '../core/tracked/agent-logs/agent-log-service.js';
import { UsageError } from './args.js';
import { terminalSafe } from './render.js';

export const IMPORT_LOGS_USAGE = 'spendbar import --from claude-code|codex [--path DIR]... [--account NAME | --subscription] [--json]';

export interface ImportLogsOptions {
  readonly from: string;
  readonly paths?: string[];
  readonly account?: string;
  readonly subscription?: boolean;
  readonly json?: boolean;
}

export async function importLogs(options: ImportLogsOptions, service: SpendbarService, out: (text: string) => void): Promise<number> {
  if (!(AGENT_LOG_SOURCES as readonly string[]).includes(options.from)) {
    throw new UsageError(`--from must be ${AGENT_LOG_SOURCES.join(' or ')}; got "${options.from}".\nUsage: ${IMPORT_LOGS_USAGE}`);
  }
  if (options.account !== undefined && options.subscription) throw new UsageError(`Give --account NAME or --subscription, not both.\nUsage: ${IMPORT_LOGS_USAGE}`);
  const source = options.from as AgentLogSource;
  // A folder named by hand that is not there is a typo, not an empty log.
  const missing = options.paths?.find((path) => !existsSync(path));
  if (missing !== undefined) throw new InputError(`No such folder or file: ${missing}`, 'path');
  const format = agentLogFormats[source];
  if (options.account !== undefined) await service.agentLogs.save(source, { billing: 'api', account: options.account });
  else if (options.subscription) await service.agentLogs.save(source, { billing: 'subscription' });
  const setting = service.agentLogs.setting(source);

  const showProgress = process.stderr.isTTY === true;
  const report = await service.agentLogs.read(source, {
    paths: options.paths,
    onFile: showProgress ? (done, total) => total >= 20 && (done % 10 === 0 || done === total) && process.stderr.write(`\rReading ${format.name} logs: file ${done} of ${total}…`) : undefined,
  });
  if (showProgress && report.files >= 20) process.stderr.write('\n');
  for (const error of report.errors) process.stderr.write(`Warning: could not read ${terminalSafe(error)}\n`);

  const belongsTo = setting.billing === 'api' ? { billing: 'api' as const, provider: format.provider, account: setting.account ?? 'default' } : { billing: 'subscription' as const, provider: format.provider, account: null };
  if (options.json) {
    out(`${JSON.stringify({ ...report, belongsTo })}\n`);
    return 0;
  }
  const whose =
    belongsTo.billing === 'api'
      ? `tracked spend of ${format.provider}:${terminalSafe(belongsTo.account!)}`
      : 'a subscription: shown as API-equivalent, not added to spend (--account NAME if it is an API account)';
  const unpriced = report.unpriced.length > 0 ? `; unpriced (no known price): ${terminalSafe(report.unpriced.join(', '))}` : '';
  out(
    report.files === 0
      ? `No ${format.name} logs found${options.paths ? '' : ` (looked in ${terminalSafe(format.roots(process.env).join(', '))})`}.\n`
      : `${format.name}: ${report.files} log file${report.files === 1 ? '' : 's'}, ${report.read} with something new; added ${report.added} call${report.added === 1 ? '' : 's'}, ${report.duplicates} already stored${report.skipped ? `, ${report.skipped} unreadable line${report.skipped === 1 ? '' : 's'} skipped` : ''}${unpriced}.\nUsage belongs to ${whose}.\n`,
  );
  return 0;
}
