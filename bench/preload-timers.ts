/**
 * Loaded into a child `spendbar` process with `node --import`: counts timer callbacks that run (each is
 * a wake-up of the main thread), and writes the count to SPENDBAR_BENCH_TIMERS when sent SIGUSR2, with
 * the process's memory as Node sees it (so the benchmark can say which part of RSS grew, without any
 * debug endpoint in the product).
 */
import { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import { getHeapSpaceStatistics } from 'node:v8';

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

/** Bytes, as process.memoryUsage() and V8's heap spaces (committed size) give them. */
function memory() {
  const spaces: Record<string, { committed: number; used: number }> = {};
  for (const space of getHeapSpaceStatistics()) spaces[space.space_name] = { committed: space.physical_space_size, used: space.space_used_size };
  return { ...process.memoryUsage(), spaces };
}

const report = () => JSON.stringify({ fired, memory: memory() });

if (file) {
  process.on('SIGUSR2', () => writeFileSync(file, report()));
  // Written once the handler is in place: SIGUSR2 before it would end the process (its default action).
  writeFileSync(file, report());
}
