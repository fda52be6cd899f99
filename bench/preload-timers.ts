/**
 * Loaded into a child `spendbar` process with `node --import`: counts timer callbacks that run (each is
 * a wake-up of the main thread), and writes the count to SPENDBAR_BENCH_TIMERS when sent SIGUSR2.
 */
import { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';

const file = process.env.SPENDBAR_BENCH_TIMERS;
let fired = 0;

type Scheduler = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;

function counted(original: Scheduler): Scheduler {
  return (callback, ms, ...args) =>
    original(
      (...callbackArgs: unknown[]) => {
        fired += 1;
        callback(...callbackArgs);
      },
      ms,
      ...args,
    );
}

const wrappedTimeout = counted(globalThis.setTimeout as unknown as Scheduler);
const wrappedInterval = counted(globalThis.setInterval as unknown as Scheduler);
Object.assign(globalThis, { setTimeout: wrappedTimeout, setInterval: wrappedInterval });
Object.assign(timers, { setTimeout: wrappedTimeout, setInterval: wrappedInterval });
syncBuiltinESMExports();

if (file) {
  process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify({ fired })));
  // Written once the handler is in place: SIGUSR2 before it would end the process (its default action).
  writeFileSync(file, JSON.stringify({ fired }));
}
