/**
 * `spendbar`: the command line (the contract is docs/cli.md). Every command prints what a person needs and,
 * with --json, what a script needs; bad usage and bad input exit non-zero and store nothing.
 * One file for the usage text and the dispatch of every command, so the two cannot drift apart; the
 * longer commands live beside it (serve, watch, track, poll-output).
 */
import { accountId, DEFAULT_ACCOUNT } from '../core/accounts/accounts.js';
import { alertView } from '../core/alerts/alert-center.js';
import { defaultDataDir } from '../core/store/data-dir.js';
import { exportCsv, exportJson } from '../core/host/export.js';
import { createHttpClient } from '../core/http/http-client.js';
import { InputError } from '../core/model/input-error.js';
import { KeychainSecretStore, KeychainUnavailableError } from '../core/secrets/secret-store.js';
import { SpendbarService } from '../core/host/service.js';
import { entryKindSchema, thresholdsSchema, type Thresholds } from '../shared/api.js';
import { keyValues, parse, UsageError } from './args.js';
import { overviewJson, renderOverview, terminalSafe } from './render.js';
import { pollPrinter, reportWaits } from './poll-output.js';
import { readSecret } from './read-secret.js';
import { renderAlert, watch } from './watch.js';

const USAGE = `spendbar — month-to-date AI and cloud spend, and remaining credit

Usage:
  spendbar poll [--json] [--month YYYY-MM] [--provider ID] [--force]
                     (--force: ask providers that said to wait (Retry-After) anyway)
  spendbar status [--json] [--month YYYY-MM] [--currency EUR]
  spendbar accounts add PROVIDER [--account NAME] [--set KEY=VALUE]...
                     [--threshold lowBalance=10|lowRunwayDays=7|monthlyBudget=100]...
  spendbar accounts list [--json]
  spendbar accounts remove PROVIDER [--account NAME]
  spendbar keys set PROVIDER [--account NAME]        (the key is read from standard input)
  spendbar keys delete PROVIDER [--account NAME]
  spendbar entry add --provider ID [--account NAME] --kind spend|topup|balance --amount 12.50
                     [--currency USD] [--date YYYY-MM-DD] [--note TEXT] [--json]
  spendbar entry list [--json]
  spendbar entry delete ID
  spendbar export --format csv|json [--month YYYY-MM]
  spendbar track --provider ID --model MODEL --input-tokens N --output-tokens N [--timestamp ISO]
  spendbar import FILE.jsonl      (one {provider, model, input_tokens, output_tokens, timestamp} per line)
  spendbar import --from claude-code|codex [--path DIR]... [--account NAME | --subscription] [--json]
                     (reads the agent's session logs from where the last read stopped; without --account
                     the usage is a subscription's, shown as API-equivalent; the choice is saved)
  spendbar serve [--port N] [--demo] [--otlp[=PORT]]
  spendbar watch [--json] [--otlp[=PORT]]  (polls on schedule and prints alerts until Ctrl-C)
  spendbar mcp [--allow-writes]   (MCP server on stdio for AI assistants; never polls; writes only with the flag)

Data folder: SPENDBAR_DATA_DIR or ${defaultDataDir()}
`;

/** Services this run opened: their warnings go to stderr once, whatever the command (see main). */
const opened: SpendbarService[] = [];
const warned = new Set<string>();

function openService(): SpendbarService {
  const service = new SpendbarService({ dataDir: defaultDataDir(), secrets: new KeychainSecretStore(), http: createHttpClient() });
  opened.push(service);
  return service;
}

const out = (text: string) => process.stdout.write(text);

function warnAbout(service: SpendbarService): void {
  for (const warning of service.warnings) {
    if (!warned.has(warning)) process.stderr.write(`Warning: ${warning}\n`);
    warned.add(warning);
  }
}

async function poll(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    { json: { type: 'boolean' }, month: { type: 'string' }, provider: { type: 'string' }, force: { type: 'boolean' } },
    'spendbar poll [--json] [--month YYYY-MM] [--provider ID] [--force]',
  );
  const service = openService();
  const printer = pollPrinter(service, { json: values.json ?? false, month: values.month, stdoutIsTty: process.stdout.isTTY === true, stderrIsTty: process.stderr.isTTY === true }, out);
  const outcomes = await service.poll({ month: values.month, provider: values.provider, force: values.force }, printer.onProgress);
  const printed = await printer.finish();
  reportWaits(outcomes);
  // Alerts judge the current month; a poll of another month changes nothing they look at.
  const current = values.month === undefined || values.month === service.month().key;
  const raised = current ? (await service.evaluateAlerts()).map((alert) => alertView(alert)) : [];
  const overview = await service.overview(values.month);
  warnAbout(service);
  const filtered = values.provider ? { ...overview, accounts: overview.accounts.filter((account) => account.provider === values.provider) } : overview;
  // `alerts` of poll lists what this poll raised (the contract); `status` lists the stored history.
  const shown = { ...filtered, alerts: raised };
  out(values.json ? overviewJson(shown) : renderOverview(shown, printed) + raised.map(renderAlert).join(''));
  return 0;
}

async function status(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, month: { type: 'string' }, currency: { type: 'string' } }, 'spendbar status [--json] [--month YYYY-MM] [--currency EUR]');
  const service = openService();
  const overview = await service.overview(values.month, { displayCurrency: values.currency });
  warnAbout(service);
  out(values.json ? overviewJson(overview) : renderOverview(overview));
  return 0;
}

async function accounts(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const service = openService();
  if (action === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, 'spendbar accounts list [--json]');
    const list = service.accounts().map((account) => ({
      id: account.id,
      provider: account.provider.id,
      account: account.name,
      implicit: account.implicit,
      settings: account.settings,
      intervalMinutes: account.intervalMs / 60_000,
    }));
    out(values.json ? `${JSON.stringify({ accounts: list }, null, 2)}\n` : list.map((a) => `${terminalSafe(a.id)}${a.implicit ? ' (from environment)' : ''}${settingsText(a.settings)}`).join('\n') + (list.length ? '\n' : 'No accounts.\n'));
    return 0;
  }
  const usage = `spendbar accounts ${action ?? 'add|list|remove'} PROVIDER [--account NAME]${action === 'add' ? ' [--set KEY=VALUE]...' : ''}`;
  const { values, positionals } = parse(rest, { account: { type: 'string' }, set: { type: 'string', multiple: true }, threshold: { type: 'string', multiple: true } }, usage, 1);
  const [provider] = positionals;
  if (!provider || positionals.length > 1) throw new UsageError(`Usage: ${usage}`);
  if (action === 'add') {
    const config = await service.addAccount(provider, values.account ?? DEFAULT_ACCOUNT, keyValues(values.set), thresholdValues(values.threshold));
    out(`Added ${config.id}.\n`);
    return 0;
  }
  if (action === 'remove') {
    const removed = await service.removeAccount(provider, values.account ?? DEFAULT_ACCOUNT);
    out(removed ? `Removed ${accountId(provider, values.account ?? DEFAULT_ACCOUNT)} and its keys; its history is kept.\n` : 'No such account; any stored keys were deleted.\n');
    return 0;
  }
  throw new UsageError(`Unknown accounts command "${action ?? ''}".\n${USAGE}`);
}

/** Non-secret settings after the account id in `accounts list`, escaped for the terminal. */
function settingsText(settings: Record<string, string>): string {
  const pairs = Object.entries(settings).map(([name, value]) => `${name}=${value}`);
  return pairs.length > 0 ? `  ${terminalSafe(pairs.join(' '))}` : '';
}

/** `--threshold lowBalance=10 --threshold lowRunwayDays=7`: checked against the contract's schema. */
function thresholdValues(pairs: string[] | undefined): Thresholds {
  const hint = 'use lowBalance=AMOUNT, lowRunwayDays=DAYS or monthlyBudget=AMOUNT';
  if (pairs?.some((pair) => !pair.includes('='))) throw new UsageError(`--threshold needs KEY=VALUE: ${hint}.`);
  const raw: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(keyValues(pairs, '--threshold'))) raw[name] = name === 'lowRunwayDays' ? Number(value) : value;
  const parsed = thresholdsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`--threshold ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'} (${hint}).`, 'threshold');
  }
  return parsed.data;
}

async function keys(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const usage = `spendbar keys ${action ?? 'set|delete'} PROVIDER [--account NAME]`;
  const { values, positionals } = parse(rest, { account: { type: 'string' } }, usage, 1);
  const [provider] = positionals;
  if (!provider || positionals.length > 1) throw new UsageError(`Usage: ${usage}`);
  const service = openService();
  const name = values.account ?? DEFAULT_ACCOUNT;
  if (action === 'set') {
    const secret = await readSecret(`Paste the ${provider} key and press Enter: `);
    await service.setKey(provider, name, secret);
    out(`Stored the key for ${accountId(provider, name)} in the system keychain.\n`);
    return 0;
  }
  if (action === 'delete') {
    const deleted = await service.deleteKey(provider, name);
    out(deleted ? `Deleted the key for ${accountId(provider, name)}.\n` : `No key was stored for ${accountId(provider, name)}.\n`);
    return 0;
  }
  throw new UsageError(`Unknown keys command "${action ?? ''}".\n${USAGE}`);
}

async function entry(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  const service = openService();
  if (action === 'add') {
    const { values } = parse(
      rest,
      {
        provider: { type: 'string' },
        account: { type: 'string' },
        kind: { type: 'string' },
        amount: { type: 'string' },
        currency: { type: 'string' },
        date: { type: 'string' },
        note: { type: 'string' },
        json: { type: 'boolean' },
      },
      'spendbar entry add --provider ID --kind spend|topup|balance --amount 12.50 [--currency USD] [--date YYYY-MM-DD] [--note TEXT]',
    );
    if (!values.provider || !values.kind || values.amount === undefined) throw new UsageError('entry add needs --provider, --kind and --amount.');
    const kind = entryKindSchema.safeParse(values.kind);
    if (!kind.success) throw new InputError(`--kind must be spend, topup or balance; got "${values.kind}".`, 'kind');
    const stored = await service.addEntry({ ...values, provider: values.provider, kind: kind.data, amount: values.amount });
    out(values.json ? `${JSON.stringify({ id: stored.id })}\n` : `${stored.id}\n`);
    return 0;
  }
  if (action === 'list') {
    const { values } = parse(rest, { json: { type: 'boolean' } }, 'spendbar entry list [--json]');
    const entries = service.listEntries();
    if (values.json) out(`${JSON.stringify({ entries }, null, 2)}\n`);
    else out(entries.map((e) => terminalSafe(`${e.id}  ${e.date}  ${e.provider}/${e.account}  ${e.kind}  ${e.amount} ${e.currency}  ${e.note}`)).join('\n') + (entries.length ? '\n' : 'No entries.\n'));
    return 0;
  }
  if (action === 'delete') {
    const { positionals } = parse(rest, {}, 'spendbar entry delete ID', 1);
    if (positionals.length !== 1) throw new UsageError('Usage: spendbar entry delete ID');
    const removed = await service.deleteEntry(positionals[0]!);
    out(`${terminalSafe(`Deleted ${removed.kind} of ${removed.amount} ${removed.currency} on ${removed.date} (${removed.provider}).`)}\n`);
    return 0;
  }
  throw new UsageError(`Unknown entry command "${action ?? ''}".\n${USAGE}`);
}

async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { format: { type: 'string' }, month: { type: 'string' } }, 'spendbar export --format csv|json [--month YYYY-MM]');
  if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('export needs --format csv or --format json.');
  const service = openService();
  const overview = await service.overview(values.month);
  warnAbout(service);
  out(values.format === 'csv' ? exportCsv(overview, service.listEntries()) : exportJson(overview, service.listEntries()));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'poll':
        return await poll(rest);
      case 'status':
        return await status(rest);
      case 'accounts':
        return await accounts(rest);
      case 'keys':
        return await keys(rest);
      case 'entry':
        return await entry(rest);
      case 'export':
        return await exportCommand(rest);
      // The commands below load what only they need (the MCP SDK, the price table, the HTTP server) when
      // run, so `status` and the other short commands start in a fraction of the time.
      case 'track':
        return await (await import('./track.js')).track(rest, openService(), out);
      case 'import':
        return await (await import('./track.js')).importUsage(rest, openService(), out);
      case 'serve':
        return await (await import('./serve.js')).serve(rest);
      case 'watch':
        return await watch(rest, out);
      case 'mcp':
        return await (await import('./mcp.js')).mcp(rest, () => {
          const service = openService();
          warnAbout(service);
          return service;
        });
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".\n${USAGE}`);
    }
  } catch (error) {
    // Messages quote what was typed ("2026-02-30" is not a date), so they are escaped like any other text.
    const say = (text: string) => process.stderr.write(`${text.split('\n').map(terminalSafe).join('\n')}\n`);
    if (error instanceof UsageError) {
      say(error.message);
      return 2;
    }
    if (error instanceof InputError || error instanceof KeychainUnavailableError) {
      say(`Error: ${error.message}`);
      return 1;
    }
    say(`Error: ${(error as Error).message ?? String(error)}`);
    return 1;
  } finally {
    // A file set aside is reported by every command, `entry list` included, for as long as it waits.
    opened.forEach(warnAbout);
  }
}
