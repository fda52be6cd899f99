/**
 * `npm run bench`: Spendbar's performance figures beside the targets of issue 16, printed as one table
 * and written to bench/results.json. Each figure is measured in this run against its own baseline, as a
 * median of several runs, on fake providers on 127.0.0.1. See docs/performance.md.
 */
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './lib/child.js';
import { table, type Figure } from './report.js';
import { appIdle } from './sections/app-idle.js';
import { historyAtScale } from './sections/history.js';
import { idle } from './sections/idle.js';
import { pollCycle } from './sections/poll-cycle.js';
import { popover } from './sections/popover.js';
import { requestsPerDay } from './sections/requests-per-day.js';
import { startup } from './sections/startup.js';

const started = performance.now();
const figures: Figure[] = [];
const sections: [string, () => Promise<Figure[]>][] = [
  ['start-up', startup],
  ['poll cycle', pollCycle],
  ['history at scale', async () => {
    const result = await historyAtScale();
    // The popover is measured on the same 3-year folder.
    const dataDir = (result.find((figure) => figure.name.startsWith('overview at 3 years'))?.raw as { dataDir: string }).dataDir;
    return [...result, ...(await popover(dataDir))];
  }],
  ['requests per day', requestsPerDay],
  ['idle', idle],
  ['app idle', appIdle],
];
const only = process.argv.slice(2);
for (const [name, run] of sections) {
  if (only.length > 0 && !only.some((wanted) => name.includes(wanted))) continue;
  const sectionStarted = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    figures.push(...(await run()));
  } catch (error) {
    figures.push({ name, value: `failed: ${(error as Error).message.split('\n')[0]}`, target: '—', pass: false });
  }
  process.stderr.write(`bench: ${name} took ${Math.round((performance.now() - sectionStarted) / 1000)} s\n`);
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${process.platform}`;
process.stdout.write(`\nSpendbar benchmark — ${new Date().toISOString()} — ${machine}\n\n${table(figures)}\n`);
writeFileSync(join(repoRoot, 'bench', 'results.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, seconds: Math.round((performance.now() - started) / 1000), figures }, null, 2)}\n`);
process.stderr.write(`bench: done in ${Math.round((performance.now() - started) / 1000)} s; bench/results.json written\n`);
process.exit(0);
