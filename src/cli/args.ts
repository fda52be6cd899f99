/** Command-line parsing on node:util's parseArgs, with usage errors that say what to type instead. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<const T extends Options>(argv: string[], options: T, usage: string) {
  try {
    const args = joinNegativeNumbers(argv, options);
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}\nUsage: ${usage}`);
  }
}

/** `--set key=value` pairs into an object; refuses pairs without "=". */
export function keyValues(pairs: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const index = pair.indexOf('=');
    if (index <= 0) throw new UsageError(`--set needs KEY=VALUE, got "${pair}".`);
    result[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return result;
}

/**
 * `--amount -1.50` is how people type a negative known balance; parseArgs would read "-1.50" as an
 * option, so a negative number after a string option is joined to it (`--amount=-1.50`).
 */
function joinNegativeNumbers(argv: string[], options: Options): string[] {
  const joined: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const current = argv[index]!;
    const next = argv[index + 1];
    const name = current.startsWith('--') ? current.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      joined.push(`${current}=${next}`);
      index += 1;
    } else joined.push(current);
  }
  return joined;
}
