/**
 * Poll cycle against the slowest provider: 20 accounts, each fake answering after a fixed delay; the
 * cycle's wall time divided by the slowest delay (1.0 would be perfect overlap). Measured in-process, so
 * process start-up is not in it (see startup.ts for that). Then one provider never answers: the cycle
 * must end within the per-account bound, and every other account must be stored before it ends.
 */
import { performance } from 'node:perf_hooks';
import { openBenchEngine } from '../lib/engine.js';
import { median, medianMs, round } from '../lib/stats.js';
import type { Figure } from '../report.js';

const ACCOUNTS = 20;
const RUNS = 5;

/**
 * The slowest provider is measured alone in the same run: some make calls that depend on each other
 * (Supabase: organization, then projects, then usage; a second page of costs), so their own poll takes
 * several delays. The cycle is compared with that, and with the slowest delay for reference.
 */
async function cycleRatio(delays: (index: number) => number) {
  const engine = await openBenchEngine(ACCOUNTS);
  try {
    engine.fakes.forEach((fake, index) => (fake.delayMs = delays(index)));
    const slowestDelay = Math.max(...engine.fakes.map((fake) => fake.delayMs));
    await engine.service.poll({ force: true }); // warm-up: connections, JIT, files created
    const times: number[] = [];
    const finishedAt = new Map<string, number[]>();
    let failed = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const outcomes = await engine.service.poll({ force: true }, (event) => {
        if (event.state !== 'started') finishedAt.set(event.accountId, [...(finishedAt.get(event.accountId) ?? []), performance.now() - started]);
      });
      times.push(performance.now() - started);
      failed = outcomes.filter((outcome) => outcome.errorKind !== undefined).length;
    }
    // The three accounts that finished last are the candidates for the slowest provider.
    const lastThree = [...finishedAt].sort(([, a], [, b]) => median(b) - median(a)).slice(0, 3).map(([id]) => id);
    let slowestAlone = 0;
    let slowestAccount = '';
    for (const accountId of lastThree) {
      const alone = await medianMs(3, () => engine.service.poll({ force: true, accountId }));
      if (alone > slowestAlone) [slowestAlone, slowestAccount] = [alone, accountId];
    }
    const ms = median(times);
    return { ratio: ms / slowestAlone, ms, slowestAlone, slowestAccount, slowestDelay, ratioToDelay: ms / slowestDelay, failed };
  } finally {
    await engine.close();
  }
}

async function neverAnswers(boundMs: number): Promise<{ cycleMs: number; othersStoredBeforeEnd: boolean; stored: number }> {
  const engine = await openBenchEngine(ACCOUNTS, { pollTimeoutMs: boundMs });
  try {
    engine.fakes.forEach((fake, index) => (fake.delayMs = index === 0 ? Infinity : 50 + ((index * 350) / (ACCOUNTS - 1))));
    const doneAt: number[] = [];
    const started = performance.now();
    await engine.service.poll({ force: true }, (event) => {
      if (event.state === 'done') doneAt.push(performance.now());
    });
    const ended = performance.now();
    // "Stored before it ends": each other account's figures were written while the hanging one waited.
    const othersStoredBeforeEnd = doneAt.length === ACCOUNTS - 1 && Math.max(...doneAt) < started + boundMs;
    return { cycleMs: ended - started, othersStoredBeforeEnd, stored: doneAt.length };
  } finally {
    await engine.close();
  }
}

export async function pollCycle(): Promise<Figure[]> {
  const spread = await cycleRatio((index) => Math.round(50 + (index * 350) / (ACCOUNTS - 1)));
  const flat = await cycleRatio(() => 300);
  const bound = 3_000;
  const hang = await neverAnswers(bound);
  return [
    {
      name: 'poll cycle / slowest provider (answers spread 50–400 ms)',
      value: describe(spread),
      target: '≤ 1.3×',
      pass: spread.ratio <= 1.3 && spread.failed === 0,
      raw: spread,
    },
    {
      name: 'poll cycle / slowest provider (all answer in 300 ms)',
      value: describe(flat),
      target: '≤ 1.3×',
      pass: flat.ratio <= 1.3 && flat.failed === 0,
      raw: flat,
    },
    {
      name: `one provider never answers (bound ${bound / 1000} s): cycle / others stored first`,
      value: `${round(hang.cycleMs / 1000, 2)} s / ${hang.stored} of ${ACCOUNTS - 1} stored before the end`,
      target: `≤ ${(bound + 500) / 1000} s / all`,
      pass: hang.cycleMs <= bound + 500 && hang.othersStoredBeforeEnd,
      raw: hang,
    },
  ];
}

function describe(result: Awaited<ReturnType<typeof cycleRatio>>): string {
  const failures = result.failed > 0 ? `; ${result.failed} failed` : '';
  return `${round(result.ratio, 2)}× (${Math.round(result.ms)} ms vs ${Math.round(result.slowestAlone)} ms for ${result.slowestAccount.split(':')[0]} alone; ${round(result.ratioToDelay, 1)}× the slowest delay${failures})`;
}
