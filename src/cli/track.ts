/**
 * `spendbar track` and `spendbar import`: usage fed in for providers without a billing API, priced from
 * the genai-prices database and labelled estimated. An import keeps every good line and reports each bad
 * one by its line number.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { SpendbarService } from '../core/host/service.js';
import { InputError } from '../core/model/input-error.js';
import { parseUsage, type UsageInput } from '../core/tracked/usage-input.js';
import { parse, UsageError } from './args.js';
import { terminalSafe } from './render.js';
import { IMPORT_LOGS_USAGE, importLogs } from './import-logs.js';

const TRACK_USAGE = 'spendbar track --provider ID --model MODEL --input-tokens N --output-tokens N [--cached-input-tokens N] [--account NAME] [--timestamp ISO] [--json]';

export async function track(argv: string[], service: SpendbarService, out: (text: string) => void): Promise<number> {
  const { values } = parse(
    argv,
    {
      provider: { type: 'string' },
      model: { type: 'string' },
      'input-tokens': { type: 'string' },
      'output-tokens': { type: 'string' },
      'cached-input-tokens': { type: 'string' },
      account: { type: 'string' },
      timestamp: { type: 'string' },
      json: { type: 'boolean' },
    },
    TRACK_USAGE,
  );
  if (!values.provider || !values.model || values['input-tokens'] === undefined || values['output-tokens'] === undefined) {
    throw new UsageError(`track needs --provider, --model, --input-tokens and --output-tokens.\nUsage: ${TRACK_USAGE}`);
  }
  const input = parseUsage(
    {
      provider: values.provider,
      model: values.model,
      input_tokens: values['input-tokens'],
      output_tokens: values['output-tokens'],
      cached_input_tokens: values['cached-input-tokens'],
      account: values.account,
      timestamp: values.timestamp,
    },
    new Date(),
  );
  const [record] = await service.track([input]);
  if (values.json) out(`${JSON.stringify({ id: record!.id, cost: record!.cost, currency: 'USD', confidence: 'estimated', priced: record!.cost !== null })}\n`);
  else out(record!.cost === null ? `Tracked; ${terminalSafe(input.model)} is unpriced (no known price), so no cost was estimated.\n` : `Tracked: about ${record!.cost} USD (estimated).\n`);
  return 0;
}

export async function importUsage(argv: string[], service: SpendbarService, out: (text: string) => void): Promise<number> {
  const usage = `spendbar import FILE.jsonl [--json]\n       ${IMPORT_LOGS_USAGE}`;
  const { values, positionals } = parse(
    argv,
    { json: { type: 'boolean' }, from: { type: 'string' }, path: { type: 'string', multiple: true }, account: { type: 'string' }, subscription: { type: 'boolean' } },
    usage,
    1,
  );
  if (values.from !== undefined) {
    if (positionals.length > 0) throw new UsageError(`import --from reads the agent's logs; name folders with --path, not as arguments.\nUsage: ${IMPORT_LOGS_USAGE}`);
    return importLogs({ from: values.from, paths: values.path, account: values.account, subscription: values.subscription, json: values.json }, service, out);
  }
  if (values.path || values.account !== undefined || values.subscription) throw new UsageError(`--path, --account and --subscription go with --from claude-code|codex.\nUsage: ${usage}`);
  if (positionals.length !== 1) throw new UsageError('Usage: spendbar import FILE.jsonl (one {provider, model, input_tokens, output_tokens, timestamp} per line)');
  const file = positionals[0]!;
  if (!existsSync(file)) throw new InputError(`No such file: ${file}`, 'file');
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const good: UsageInput[] = [];
  const bad: { line: number; message: string }[] = [];
  const now = new Date();
  const showProgress = process.stderr.isTTY && lines.length > 5000;
  lines.forEach((text, index) => {
    if (showProgress && index % 5000 === 0) process.stderr.write(`\rChecking line ${index + 1} of ${lines.length}…`);
    if (text.trim() === '') return;
    try {
      good.push({ ...parseUsage(JSON.parse(text), now), source: 'import' });
    } catch (error) {
      bad.push({ line: index + 1, message: error instanceof SyntaxError ? 'not valid JSON' : (error as Error).message });
    }
  });
  if (showProgress) process.stderr.write('\n');
  const stored = good.length > 0 ? await service.track(good) : [];
  const unpriced = stored.filter((record) => record.cost === null).length;
  for (const problem of bad.slice(0, 50)) process.stderr.write(`${terminalSafe(file)}:${problem.line}: ${terminalSafe(problem.message)}\n`);
  if (bad.length > 50) process.stderr.write(`… and ${bad.length - 50} more bad lines.\n`);
  if (values.json) out(`${JSON.stringify({ imported: stored.length, unpriced, skipped: bad })}\n`);
  else out(`Imported ${stored.length} usage record${stored.length === 1 ? '' : 's'}${unpriced ? ` (${unpriced} unpriced)` : ''}; skipped ${bad.length} bad line${bad.length === 1 ? '' : 's'}.\n`);
  return bad.length > 0 ? 1 : 0;
}
