// Refreshes the reference rates bundled with Spendbar (src/core/rates/bundled-rates.ts) from a copy of
// the European Central Bank's daily reference rates downloaded by hand:
//   curl -O https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml
//   node scripts/update-rates.mjs eurofxref-daily.xml        (or the one-day eurofxref.csv from the zip)
// It reads the file with the engine's own parser (so run `npm run build:cli` first; `npm install` does)
// and rewrites the bundled file with the file's date and rates, exactly as the ECB wrote them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const parser = join(root, 'out', 'node', 'core', 'rates', 'rate-table.js');
const target = process.env.SPENDBAR_RATES_TARGET ?? join(root, 'src', 'core', 'rates', 'bundled-rates.ts');

const [input] = process.argv.slice(2);
if (!input) {
  console.error('Usage: node scripts/update-rates.mjs eurofxref-daily.xml|eurofxref.csv');
  process.exit(2);
}
if (!existsSync(parser)) {
  console.error(`${parser} is missing: run \`npm run build:cli\` first.`);
  process.exit(1);
}
const { parseEurofxrefCsv, parseEurofxrefXml } = await import(pathToFileURL(parser).href);
const text = readFileSync(input, 'utf8');
const source = `ECB euro foreign exchange reference rates (${basename(input)})`;
let table;
try {
  table = text.trimStart().startsWith('<') ? parseEurofxrefXml(text, source) : parseEurofxrefCsv(text, source);
} catch (error) {
  console.error(`${input}: ${error.message}`);
  process.exit(1);
}

const lines = Object.entries(table.rates)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([code, rate]) => `    ${code}: '${rate}',`);
writeFileSync(
  target,
  `/**
 * Reference rates bundled with Spendbar, written by scripts/update-rates.mjs; do not edit by hand.
 * Source: ${table.source}, the ECB's rates for ${table.date} (units per 1 EUR).
 * The popover, tray and \`status\` label a converted total "stale" once these are over a week old;
 * the optional daily refresh (off by default) or a newer run of the script replaces them.
 */
import type { RateTable } from './rate-table.js';

export const bundledRates: RateTable = {
  base: 'EUR',
  date: '${table.date}',
  source: 'ECB reference rates bundled with Spendbar',
  rates: {
${lines.join('\n')}
  },
};
`,
);
console.log(`Wrote ${Object.keys(table.rates).length} rates for ${table.date} to ${target}.`);
