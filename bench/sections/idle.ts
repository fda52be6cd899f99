/**
 * Idle cost: `spendbar serve` and `spendbar watch` with one account per provider that has a fake (read
 * from the environment, as serve and watch take keys there), after their start-up poll. The idle window
 * is IDLE_S seconds (a minute, as the issue asks; `SPENDBAR_BENCH_IDLE_S` shortens it), starting once the
 * start-up poll has settled, and figures are scaled to a minute.
 * Serve is measured alone, then with the popover open in Chromium. RSS after start (settled), then after
 * about 500 and about 1,000 account polls (Refresh called until the accounts have been polled that many
 * times in all), each once serve has settled again, so a plateau shows as two close figures.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findProvider } from '../../src/core/providers/registry.js';
import { benchEnv, cpuSeconds, repoRoot, rssMiB, spendbarBin, startServe } from '../lib/child.js';
import { tempDir } from '../lib/engine.js';
import { XAI_TEAM, benchProviders, startBenchFake, type BenchFake } from '../lib/fakes.js';
import { round } from '../lib/stats.js';
import type { Figure } from '../report.js';

const IDLE_S = Number(process.env.SPENDBAR_BENCH_IDLE_S ?? 60);
const preload = ['--import', join(repoRoot, 'out', 'bench', 'bench', 'preload-timers.js')];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Environment that makes each fake's provider an account of serve/watch (keys and base URLs). */
export function providerEnv(fakes: BenchFake[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const fake of fakes) {
    const provider = findProvider(fake.provider)!;
    env[`SPENDBAR_${provider.id.toUpperCase()}_BASE_URL`] = fake.baseUrl;
    for (const spec of provider.credentials) {
      if (spec.secret) env[spec.env] = fake.provider === 'stripe' ? 'rk_test_bench0123456789' : `bench-key-${fake.provider}-0123456789`;
      else if (fake.provider === 'xai') env[spec.env] = XAI_TEAM;
      else if (fake.provider === 'github' && spec.name === 'org') env[spec.env] = 'octo-org';
      else if (!spec.optional) env[spec.env] = 'bench';
    }
  }
  return env;
}

/** What the preload reports: timer callbacks run, and memory as Node sees it (bytes). */
interface ChildReport {
  fired: number;
  memory: { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; spaces: Record<string, { committed: number; used: number }> };
}

async function childReport(pid: number, file: string): Promise<ChildReport> {
  process.kill(pid, 'SIGUSR2');
  // On a loaded machine the file may be read while it is being written: read again.
  for (let attempt = 0; ; attempt += 1) {
    await sleep(200);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ChildReport;
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
}

async function timersFired(pid: number, file: string): Promise<number> {
  return (await childReport(pid, file)).fired;
}

/** A loaded machine can take seconds to start a process: wait until its preload says it listens. */
export async function untilExists(file: string): Promise<void> {
  for (let waited = 0; !existsSync(file); waited += 100) {
    if (waited > 30_000) throw new Error(`The timer counter never started (${file}).`);
    await sleep(100);
  }
}

/**
 * Waits until a poll has settled: no timer has fired for 8 s (the HTTP client's timers end a few seconds
 * after the last request; the heap is released 1 s and 7 s after a cycle, src/core/host/heap-release.ts),
 * at most 60 s.
 */
export async function settle(pid: number, file: string): Promise<void> {
  let last = await timersFired(pid, file);
  for (let waited = 0; waited < 60_000; waited += 8_000) {
    await sleep(8_000);
    const now = await timersFired(pid, file);
    if (now === last) return;
    last = now;
  }
}

/** CPU seconds and timer wake-ups of `pid` over the idle window, scaled to a minute. */
export async function idleWindow(pid: number, file: string): Promise<{ cpuPerMinute: number; wakeupsPerMinute: number }> {
  const cpu0 = cpuSeconds(pid);
  const fired0 = await timersFired(pid, file);
  await sleep(IDLE_S * 1000);
  const cpu1 = cpuSeconds(pid);
  // The signal's own write is not a timer; the 200 ms wait of timersFired is in this process.
  const fired1 = await timersFired(pid, file);
  const scale = 60 / IDLE_S;
  return { cpuPerMinute: (cpu1 - cpu0) * scale, wakeupsPerMinute: (fired1 - fired0) * scale };
}

export async function idle(): Promise<Figure[]> {
  const fakes = await Promise.all(benchProviders.map((provider) => startBenchFake(provider)));
  const env = providerEnv(fakes);
  const timersFile = join(tempDir('timers'), 'serve.json');
  const serve = await startServe(benchEnv({ ...env, SPENDBAR_DATA_DIR: tempDir('idle'), SPENDBAR_BENCH_TIMERS: timersFile }), preload);
  try {
    await settle(serve.pid, timersFile);
    const rssStart = rssMiB(serve.pid);
    const memoryStart = (await childReport(serve.pid, timersFile)).memory;
    const alone = await idleWindow(serve.pid, timersFile);

    const browser = await chromium.launch({ executablePath: process.env.SPENDBAR_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    let withPopover: { cpuPerMinute: number; wakeupsPerMinute: number; requestsPerMinute: number };
    try {
      const page = await browser.newPage();
      await page.goto(serve.url);
      await page.waitForSelector('[data-testid^="total-"], [data-testid="account-row"]', { timeout: 30_000 });
      await sleep(1_000);
      let requests = 0;
      page.on('request', (request) => {
        if (request.url().includes('/api/')) requests += 1;
      });
      const window = await idleWindow(serve.pid, timersFile);
      withPopover = { ...window, requestsPerMinute: (requests * 60) / IDLE_S };
    } finally {
      await browser.close();
    }

    // About 500, then 1,000 account polls: Refresh polls every account each time.
    const accounts = ((await serve.call('listAccounts')) as { accounts: unknown[] }).accounts.length;
    const refreshes = Math.ceil(1000 / Math.max(1, accounts));
    const samples: { polls: number; rssMiB: number; memory: ChildReport['memory'] }[] = [];
    let refreshed = 0;
    for (const upTo of [Math.ceil(refreshes / 2), refreshes]) {
      for (; refreshed < upTo; refreshed += 1) await serve.call('refresh');
      await settle(serve.pid, timersFile);
      samples.push({ polls: upTo * accounts, rssMiB: rssMiB(serve.pid), memory: (await childReport(serve.pid, timersFile)).memory });
    }
    const rssAfter = samples.at(-1)!.rssMiB;
    const growth = (rssAfter - rssStart) / rssStart;

    const watchTimers = join(tempDir('timers'), 'watch.json');
    const watch = spawn(process.execPath, [...preload, spendbarBin, 'watch'], {
      env: benchEnv({ ...env, SPENDBAR_DATA_DIR: tempDir('watch'), SPENDBAR_BENCH_TIMERS: watchTimers }),
      stdio: 'ignore',
    });
    let watchIdle: { cpuPerMinute: number; wakeupsPerMinute: number };
    try {
      await untilExists(watchTimers);
      await settle(watch.pid!, watchTimers);
      watchIdle = await idleWindow(watch.pid!, watchTimers);
    } finally {
      watch.kill('SIGTERM');
    }

    const note = `${accounts} accounts, ${IDLE_S} s idle scaled to a minute`;
    return [
      {
        name: `serve idle, no popover: CPU s / timer wake-ups per minute (${note})`,
        value: `${round(alone.cpuPerMinute, 2)} s / ${round(alone.wakeupsPerMinute)}`,
        target: 'reported',
        raw: alone,
      },
      {
        name: 'popover open and idle: serve CPU s / wake-ups / API requests per minute',
        value: `${round(withPopover.cpuPerMinute, 2)} s / ${round(withPopover.wakeupsPerMinute)} / ${round(withPopover.requestsPerMinute)}`,
        target: '≤ 0.5 s / pushed, not polling',
        pass: withPopover.cpuPerMinute <= 0.5 && withPopover.requestsPerMinute === 0,
        raw: withPopover,
      },
      {
        name: '`watch` idle: main-thread timer wake-ups per minute',
        value: `${round(watchIdle.wakeupsPerMinute)} (CPU ${round(watchIdle.cpuPerMinute, 2)} s)`,
        target: '≤ 2',
        pass: watchIdle.wakeupsPerMinute <= 2,
        raw: watchIdle,
      },
      {
        name: `serve RSS after start → after ${samples.map((sample) => sample.polls).join(' → ')} account polls`,
        value: `${[rssStart, ...samples.map((sample) => sample.rssMiB)].map((mib) => `${round(mib)} MiB`).join(' → ')} (${growth >= 0 ? '+' : ''}${round(growth * 100)} %)`,
        target: '≤ +10 %',
        pass: growth <= 0.1,
        raw: { rssStart, memoryStart, samples, rssAfter, refreshes, accounts },
      },
    ];
  } finally {
    await serve.stop();
    await Promise.all(fakes.map((fake) => fake.server.close()));
  }
}
