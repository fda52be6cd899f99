/**
 * Requests per simulated day with default settings (the second day, without the start-up poll): the app's scheduler on a fake clock drives the real
 * service, whose requests go to the fakes and are counted there. One account per provider that has a
 * fake. AWS is simulated through the scheduler alone (its fake is tied to the test runner): its polls a
 * day times the two Cost Explorer calls each poll makes (GetCostAndUsage, GetCostForecast).
 * The fakes also log when (fake clock) and for which days each request asked: settled days asked for
 * again are counted for the providers with day-bucketed reports, and each provider's busiest window is
 * checked against the limit it documents (`documentedLimit` on its definition).
 */
import { billingMonth } from '../../src/core/model/billing-month.js';
import { findProvider } from '../../src/core/providers/registry.js';
import { settledBefore } from '../../src/core/providers/settled-days.js';
import { Scheduler, type SchedulerClock } from '../../src/core/scheduler/scheduler.js';
import { openBenchEngine } from '../lib/engine.js';
import { benchProviders } from '../lib/fakes.js';
import { busiestWindow, describeLimit, settledRefetches } from '../lib/request-log.js';
import type { Figure } from '../report.js';

const DAY_MS = 24 * 60 * 60_000;

/** A clock whose timers fire only when the simulation advances it. */
function fakeClock(startMs: number) {
  let now = startMs;
  let seq = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: SchedulerClock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      seq += 1;
      timers.set(seq, { at: now + ms, callback });
      return seq;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
    random: Math.random,
  };
  const next = (): boolean => {
    const [id, timer] = [...timers].sort(([, a], [, b]) => a.at - b.at)[0] ?? [];
    if (id === undefined || !timer) return false;
    timers.delete(id);
    now = Math.max(now, timer.at);
    timer.callback();
    return true;
  };
  return { clock, next, now: () => now };
}

export async function requestsPerDay(): Promise<Figure[]> {
  // Mid-month, so no month boundary falls inside the simulated day.
  const start = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 10, 0, 0, 0);
  const time = fakeClock(start);
  const engine = await openBenchEngine(benchProviders.length, { now: () => new Date(time.now()) });
  for (const fake of engine.fakes) fake.clock = time.now;
  try {
    const accounts = () =>
      engine.service.accounts().filter((account) => account.provider.kind === 'api').map((account) => ({ id: account.id, intervalMs: account.intervalMs, minimumMs: account.provider.refresh.minimumMs }));
    const scheduler = new Scheduler({ clock: time.clock, accounts, poll: (ids) => engine.service.poll({ accountIds: ids }) });
    scheduler.start();
    await scheduler.idle();
    // The second simulated day is counted, so the poll every start makes is not in it.
    while (time.now() < start + DAY_MS && time.next()) await scheduler.idle();
    const afterFirstDay = engine.fakes.map((fake) => fake.server.requests.length);
    while (time.now() < start + 2 * DAY_MS && time.next()) await scheduler.idle();
    scheduler.stop();

    // AWS: the same scheduler rules for one account on its default interval, polls counted.
    const aws = findProvider('aws')!;
    const awsTime = fakeClock(start);
    let awsPolls = 0;
    const awsScheduler = new Scheduler({
      clock: awsTime.clock,
      accounts: () => [{ id: 'aws:default', intervalMs: aws.refresh.defaultMs, minimumMs: aws.refresh.minimumMs }],
      poll: async (ids) => {
        if (awsTime.now() >= start + DAY_MS && awsTime.now() < start + 2 * DAY_MS) awsPolls += 1;
        return ids.map((accountId) => ({ accountId }));
      },
    });
    awsScheduler.start();
    await awsScheduler.idle();
    while (awsTime.now() < start + 2 * DAY_MS && awsTime.next()) await awsScheduler.idle();
    awsScheduler.stop();
    const awsRequests = awsPolls * 2;

    const perProvider = engine.fakes.map((fake, index) => ({ provider: fake.provider, requests: fake.server.requests.length - afterFirstDay[index]! }));
    const dayTwo = start + DAY_MS;
    const month = billingMonth(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1);
    // Providers whose requests name a window of days; others (balances, invoice previews) ask for no days.
    const settled = engine.fakes
      .filter((fake) => fake.asked.some((request) => request.window))
      .map((fake) => ({ provider: fake.provider, ...settledRefetches(fake.asked, dayTwo, (at) => settledBefore(month, new Date(at))) }));
    const limits = engine.fakes.map((fake) => {
      const limit = findProvider(fake.provider)!.documentedLimit;
      const day = fake.asked.filter((request) => request.at >= dayTwo);
      return { provider: fake.provider, requests: day.length, limit, busiest: limit && busiestWindow(day, limit) };
    });
    const limited = limits.filter((item) => item.limit);
    const undocumented = limits.filter((item) => !item.limit).map((item) => item.provider);
    const total = perProvider.reduce((sum, item) => sum + item.requests, 0);
    const busiest = [...perProvider].sort((a, b) => b.requests - a.requests).slice(0, 3);
    return [
      {
        name: `requests per simulated day (the second), default settings (${perProvider.length} providers, one account each), busiest window vs each documented limit`,
        value:
          `${total} in all; most: ${busiest.map((item) => `${item.provider} ${item.requests}`).join(', ')}; ` +
          `busiest: ${limited.map((item) => `${item.provider} ${item.busiest} (limit ${describeLimit(item.limit!)})`).join(', ')}; ` +
          `no documented limit: ${undocumented.join(', ')}`,
        target: 'within each documented limit',
        pass: limited.every((item) => item.busiest! <= item.limit!.count),
        raw: { perProvider, limits: limits.map(({ provider, requests, limit, busiest }) => ({ provider, requests, busiest, limit })) },
      },
      {
        name: 'settled days asked for again on the second simulated day (days before yesterday UTC, after their first fetch)',
        value: settled.map((item) => `${item.provider} ${item.refetches} of ${item.settledAsks}`).join(', '),
        target: '0',
        pass: settled.every((item) => item.refetches === 0),
        raw: settled,
      },
      {
        name: 'AWS Cost Explorer requests per simulated day (the second; default 12 h interval)',
        value: `${awsRequests} (${awsPolls} polls × 2 calls)`,
        target: '≤ 4',
        pass: awsRequests <= 4,
        raw: { awsPolls, awsRequests },
      },
    ];
  } finally {
    await engine.close();
  }
}
