/**
 * Mutations of a provider's JSON answer, as fast-check arbitraries: a mutation names a place in the
 * body by a seed (any body has places, so one program applies to whichever answer it meets) and what
 * to put there. Values are what providers have been seen to send or could plausibly send by mistake.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Numbers that break float-minded code: 15+ decimals, beyond 2^53, beyond any bill, tiny, negative. */
const oddNumbers = [
  13.629999999999999, 0.30000000000000004, 0.1234567890123456, 1e-7, 5e-324, -0, -1, -0.01, -123.456, 1e21, 1e308,
  -1e308, Number.MAX_VALUE, Number.MAX_SAFE_INTEGER + 2, 123456789012345.67, 99999999999999, 4.5, 1.5e-10, 2 ** 31, -(2 ** 63),
];

/** Strings where numbers, dates or codes belong, and strings with escapes and unusual code points. */
const oddStrings = [
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e5', '1E-7', '1e309', '13.629999999999999', '0.000000000000000001', '-5', '+5',
  '.5', '5.', '0x10', '1,5', '1 000', '١٢٣', '１２', '9'.repeat(400), `0.${'3'.repeat(40)}`, 'null', 'true', '\u0000', '\u202e\u2066',
  '\ud800', '"\\\n\t', '<script>alert(1)</script>', '\u001b[31mred\u001b[0m', 'usd', 'XXX', 'EURO', '2026-02-30', '2026-11-01T25:61:00Z',
  '-1-01-01', '275760-09-13', '💸'.repeat(3),
];

const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<Json>(...oddNumbers) },
  { weight: 4, arbitrary: fc.constantFrom<Json>(...oddStrings) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, [null], { '': null }, [[[]]]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);

export type Mutation =
  | { kind: 'set'; seed: number; to: Json }
  | { kind: 'setFigure'; seed: number; to: Json }
  | { kind: 'drop'; seed: number }
  | { kind: 'wrap'; seed: number }
  | { kind: 'empty'; seed: number }
  | { kind: 'body'; to: Json };

const seed = fc.nat();
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), seed, to: value }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('setFigure' as const), seed, to: value }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), seed }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), seed }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), seed }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('body' as const), to: value }) },
);

/** What happens to one route's answers in one poll: some mutations, then perhaps a truncation. */
export interface BodyPlan {
  route: number;
  mutations: Mutation[];
  /** Cut the serialised body to this fraction of its length (a dropped connection mid-body). */
  truncateAt?: number;
}

export const bodyPlan: fc.Arbitrary<BodyPlan> = fc.record(
  {
    route: fc.nat(),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    truncateAt: fc.option(fc.double({ min: 0, max: 0.999, noNaN: true }), { nil: undefined, freq: 6 }),
  },
  { requiredKeys: ['route', 'mutations'] },
);

/** Every place in a JSON value: the path to it, parents before children. */
function places(root: Json): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (node: Json, path: (string | number)[]) => {
    found.push(path);
    if (Array.isArray(node)) node.forEach((child, index) => walk(child, [...path, index]));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(root, []);
  return found;
}

function valueAt(root: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node !== null && typeof node === 'object' ? ((node as Record<string, Json>)[key] ?? null) : null), root);
}

const isFigure = (node: Json) => typeof node === 'number' || (typeof node === 'string' && /^-?\d+(\.\d+)?$/.test(node));

function replaceAt(root: Json, path: (string | number)[], change: (node: Json) => Json | undefined): Json {
  if (path.length === 0) return change(root) ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length > 0) copy[head as number] = replaceAt(copy[head as number]!, rest, change);
    else {
      const next = change(copy[head as number]!);
      if (next === undefined) copy.splice(head as number, 1);
      else copy[head as number] = next;
    }
    return copy;
  }
  if (root === null || typeof root !== 'object') return root;
  const copy = { ...root };
  if (rest.length > 0) copy[head as string] = replaceAt(copy[head as string]!, rest, change);
  else {
    const next = change(copy[head as string]!);
    if (next === undefined) delete copy[head as string];
    else copy[head as string] = next;
  }
  return copy;
}

/** Applies one mutation; the body's structure decides which place a seed lands on. */
export function applyMutation(body: Json, change: Mutation): Json {
  if (change.kind === 'body') return change.to;
  const all = places(body);
  // The root is only replaced by `body`; `setFigure` aims at numbers and numeric strings, where amounts live.
  const figures = change.kind === 'setFigure' ? all.filter((path) => isFigure(valueAt(body, path))) : [];
  const candidates = figures.length > 0 ? figures : all.length > 1 ? all.slice(1) : all;
  const path = candidates[change.seed % candidates.length]!;
  switch (change.kind) {
    case 'set':
    case 'setFigure':
      return replaceAt(body, path, () => change.to);
    case 'drop':
      return replaceAt(body, path, () => undefined);
    case 'wrap':
      return replaceAt(body, path, (node) => [node]);
    case 'empty':
      return replaceAt(body, path, (node) => (Array.isArray(node) ? [] : node !== null && typeof node === 'object' ? {} : ''));
  }
}

/** The body as sent: mutated, serialised, and perhaps cut short. */
export function mutatedText(body: unknown, plan: BodyPlan): string {
  const mutated = plan.mutations.reduce<Json>((current, change) => applyMutation(current, change), body as Json);
  const text = JSON.stringify(mutated) ?? 'null';
  return plan.truncateAt === undefined ? text : text.slice(0, Math.floor(text.length * plan.truncateAt));
}
