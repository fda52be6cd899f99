/**
 * History at scale: 20 accounts with 1 to 36 months of daily history and 5,000 manual entries, in
 * Spendbar's own format. The overview (what `serve` answers and `status` prints) cold and warm, the curve
 * over the months of history, the cost of the entries, `spendbar status --json` against an empty folder,
 * and the bytes a poll writes with 1 month against 36 months of history.
 */
import { cpSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SpendbarService } from '../../src/core/host/service.js';
import { createHttpClient } from '../../src/core/http/http-client.js';
import { MemorySecretStore } from '../../src/core/secrets/secret-store.js';
import { benchEnv, bytesWritten, spendbarBin, startServe, timeProcess } from '../lib/child.js';
import { openBenchEngine, tempDir } from '../lib/engine.js';
import { monthBack, writeEntries, writeMonth } from '../lib/history-generator.js';
import { median, medianMs, round } from '../lib/stats.js';
import type { Figure } from '../report.js';

const ACCOUNTS = 20;
const MONTHS = 36;
const ENTRIES = 5_000;
const CHECKPOINTS = [1, 3, 6, 12, 24, 36];

/** A fresh service on the folder (as a new process would open it): first overview, then the median of warm ones. */
async function overviewTimes(dataDir: string, warmRuns = 7): Promise<{ cold: number; warm: number }> {
  const service = openService(dataDir);
  const started = performance.now();
  await service.overview();
  const cold = performance.now() - started;
  const warm = await medianMs(warmRuns, () => service.overview());
  return { cold, warm };
}

function openService(dataDir: string): SpendbarService {
  return new SpendbarService({ dataDir, secrets: new MemorySecretStore(), http: createHttpClient(), env: {} });
}

/**
 * What the entries add to a warm overview: two services, on the same history with and without the
 * entries, asked in turn; the median of the paired differences. Two medians taken minutes apart differ by
 * more than the cost itself on a shared machine, so the pairs are taken side by side.
 */
async function entriesCostMs(withEntries: string, withoutEntries: string, pairs = 31): Promise<{ cost: number; withMs: number; withoutMs: number }> {
  const a = openService(withEntries);
  const b = openService(withoutEntries);
  await a.overview();
  await b.overview();
  const differences: number[] = [];
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    // Alternate which goes first, so a warming CPU favours neither.
    const order = pair % 2 === 0 ? [a, b] : [b, a];
    const times = new Map<SpendbarService, number>();
    for (const service of order) {
      const started = performance.now();
      await service.overview();
      times.set(service, performance.now() - started);
    }
    withTimes.push(times.get(a)!);
    withoutTimes.push(times.get(b)!);
    differences.push(times.get(a)! - times.get(b)!);
  }
  return { cost: median(differences), withMs: median(withTimes), withoutMs: median(withoutTimes) };
}

/** `spendbar serve` on the folder: its first `getOverview` answer (cold, while its start-up poll runs) and the median of 7 more (warm), over HTTP. */
async function serveOverviewTimes(dataDir: string): Promise<{ cold: number; warm: number }> {
  const serve = await startServe(benchEnv({ SPENDBAR_DATA_DIR: dataDir }));
  try {
    const started = performance.now();
    await serve.call('getOverview');
    const cold = performance.now() - started;
    // serve polls its accounts when it starts; warm figures are taken once that poll is over, as a
    // popover opened later would find it.
    for (let waited = 0; ((await serve.call('getOverview')) as { polling: boolean }).polling && waited < 20_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const warm = await medianMs(7, () => serve.call('getOverview'));
    return { cold, warm };
  } finally {
    await serve.stop();
  }
}

async function bytesPerPoll(service: SpendbarService, runs = 5): Promise<number> {
  const sizes: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const before = bytesWritten();
    await service.poll({ force: true });
    sizes.push(bytesWritten() - before);
  }
  return median(sizes);
}

async function statusMs(dataDir: string, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await timeProcess([spendbarBin, 'status', '--json'], benchEnv({ SPENDBAR_DATA_DIR: dataDir }));
    if (result.code !== 0) throw new Error(`status failed: ${result.stderr}`);
    times.push(result.ms);
  }
  return median(times);
}

export async function historyAtScale(): Promise<Figure[]> {
  const now = new Date();
  const engine = await openBenchEngine(ACCOUNTS);
  const ids = engine.service.accounts().map((account) => account.id);
  const accounts = engine.service.accounts().map((account) => ({ provider: account.provider.id, name: account.name }));
  try {
    const empty = await overviewTimes(tempDir('empty'));
    const emptyStatus = await statusMs(tempDir('empty'));
    const emptyServe = await serveOverviewTimes(tempDir('empty'));

    writeMonth(engine.dataDir, ids, monthBack(now, 0), now);
    await engine.service.poll({ force: true }); // warm-up
    const writesOneMonth = await bytesPerPoll(engine.service);

    const curve: { months: number; cold: number; warm: number }[] = [];
    for (let months = 1; months <= MONTHS; months += 1) {
      if (months > 1) writeMonth(engine.dataDir, ids, monthBack(now, months - 1), now);
      if (CHECKPOINTS.includes(months)) curve.push({ months, ...(await overviewTimes(engine.dataDir)) });
    }
    const withoutEntries = curve.at(-1)!;
    const historyOnly = tempDir('history-only');
    cpSync(engine.dataDir, historyOnly, { recursive: true });
    writeEntries(engine.dataDir, accounts, ENTRIES, MONTHS, now);
    const full = await overviewTimes(engine.dataDir);
    const entries = await entriesCostMs(engine.dataDir, historyOnly);
    const entriesCost = entries.cost;
    const fullStatus = await statusMs(engine.dataDir);
    const fullServe = await serveOverviewTimes(engine.dataDir);
    const writesThreeYears = await bytesPerPoll(engine.service);

    const first = curve[0]!;
    const perMonth = (withoutEntries.warm - first.warm) / (MONTHS - 1);
    const ratio = writesThreeYears / writesOneMonth;
    const kib = (bytes: number) => `${round(bytes / 1024, 1)} KiB`;
    return [
      {
        name: `overview at 3 years × 20 accounts + 5,000 entries: cold / warm (empty folder: ${round(empty.cold)} / ${round(empty.warm)} ms)`,
        value: `${round(full.cold)} ms / ${round(full.warm)} ms`,
        target: '≤ 50 ms / ≤ 10 ms',
        pass: full.cold <= 50 && full.warm <= 10,
        raw: { full, empty, dataDir: engine.dataDir },
      },
      {
        name: '`spendbar status --json`, 3 years vs empty folder (whole process)',
        value: `${Math.round(fullStatus)} ms vs ${Math.round(emptyStatus)} ms`,
        target: 'reported',
        raw: { fullStatus, emptyStatus },
      },
      {
        name: `\`spendbar serve\`'s overview over HTTP, 3 years + 5,000 entries: first / warm (empty folder: ${round(emptyServe.cold)} / ${round(emptyServe.warm)} ms)`,
        value: `${round(fullServe.cold)} ms / ${round(fullServe.warm)} ms`,
        target: '≤ 50 ms warm',
        pass: fullServe.warm <= 50,
        raw: { fullServe, emptyServe },
      },
      {
        name: 'overview (warm) over months of history: ' + curve.map((point) => `${point.months}`).join('/'),
        value: curve.map((point) => round(point.warm)).join(' / ') + ` ms (+${round(perMonth, 2)} ms a month)`,
        target: '≈ 0 a month',
        pass: perMonth <= 0.1,
        raw: curve,
      },
      {
        name: 'cost of 5,000 manual entries per overview (warm; median of 31 paired runs with and without them)',
        value: `${round(entriesCost)} ms (${round(entries.withMs)} vs ${round(entries.withoutMs)} ms)`,
        target: '≤ 2 ms',
        pass: entriesCost <= 2,
        raw: entries,
      },
      {
        name: 'bytes written per poll of 20 accounts: 1 month vs 3 years of history',
        value: `${kib(writesOneMonth)} vs ${kib(writesThreeYears)} (${round(ratio, 2)}×)`,
        target: '≤ 1.5×',
        pass: ratio <= 1.5,
        raw: { writesOneMonth, writesThreeYears },
      },
    ];
  } finally {
    await engine.close();
  }
}
