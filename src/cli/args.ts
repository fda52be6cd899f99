/** Command-line parsing on node:util's parseArgs, with usage errors that say what to type instead. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true; tokens: true }>>;

/**
 * Parses flags strictly: an unknown flag, a flag given twice (unless it is `multiple`) and more
 * positional arguments than `maxPositionals` are usage errors, since silently taking the last
 * `--amount` or ignoring a stray word would store something the user did not mean.
 */
export function parse<const T extends Options>(argv: string[], options: T, usage: string, maxPositionals = 0): Parsed<T> {
  let parsed: Parsed<T>;
  try {
    const args = joinNegativeNumbers(argv, options);
    parsed = parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true; tokens: true }>({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\. To specify.*$/s, '')}\nUsage: ${usage}`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} was given more than once; give it once.\nUsage: ${usage}`);
    seen.add(token.name);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((word) => `"${word}"`).join(' ');
    throw new UsageError(`Unexpected argument${parsed.positionals.length - maxPositionals === 1 ? '' : 's'} ${extra}.\nUsage: ${usage}`);
  }
  return parsed;
}

/** `--set key=value` pairs into an object; refuses pairs without "=" and a key given twice. */
export function keyValues(pairs: string[] | undefined, flag = '--set'): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const index = pair.indexOf('=');
    if (index <= 0) throw new UsageError(`${flag} needs KEY=VALUE, got "${pair}".`);
    const key = pair.slice(0, index);
    if (Object.hasOwn(result, key)) throw new UsageError(`${flag} ${key}=… was given more than once; give it once.`);
    result[key] = pair.slice(index + 1);
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
