/**
 * Gives the memory of a burst of polls back once the burst is over. While a cycle runs, V8 grows its
 * young generation (up to 32 MiB) and old generation for the many short-lived objects of concurrent
 * requests, and keeps them at that size while the process idles (no collection at all ran in 40 s of
 * idle after 1,000 polls), so `spendbar serve` sat about 30 MiB above its size after start (see
 * docs/performance.md). Full collections after a cycle, when nothing else is polling, shrink both
 * back; it costs two pauses of a few milliseconds each per poll cycle.
 *
 * Start-up flags (`--max-semi-space-size`) would need a second Node process on Node 20 (no execve) and
 * cannot reach the app's main process, whose V8 is already running when its code starts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * When the collections run after a cycle ends: the first frees what the cycle left; the second, once
 * V8 has seen more than its 5 s allocation window of quiet, also shrinks the young generation (V8 shrinks
 * it only in a collection that sees a low allocation rate, and the cycle's own allocation counts until
 * the first collection).
 */
export const HEAP_RELEASE_STEPS_MS = [1_000, 6_000] as const;

let fullGc: (() => void) | null | undefined;

/**
 * V8's full garbage collection, without starting Node with `--expose-gc`: the flag installs `gc` in
 * contexts created while it is set, so one small context is made for it and the flag is unset again.
 * Undefined where the engine refuses (the poller then simply does not collect).
 */
export function fullGarbageCollection(): (() => void) | undefined {
  if (fullGc === undefined) {
    const exposed = (globalThis as { gc?: unknown }).gc;
    if (typeof exposed === 'function') fullGc = exposed as () => void;
    else {
      try {
        setFlagsFromString('--expose-gc');
        const made: unknown = runInNewContext('gc');
        fullGc = typeof made === 'function' ? (made as () => void) : null;
      } catch {
        fullGc = null;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
  }
  return fullGc ?? undefined;
}

/** Runs `collect` at each step after a cycle, as long as no other cycle starts; a new cycle cancels it. */
export class HeapRelease {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: () => void = () => fullGarbageCollection()?.(),
    private readonly stepsMs: readonly number[] = HEAP_RELEASE_STEPS_MS,
  ) {}

  /** A cycle ended and nothing else polls. */
  afterCycle(): void {
    this.cancel();
    this.next(0);
  }

  /** A cycle starts: the collections wait until it is over. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private next(step: number): void {
    const delayMs = this.stepsMs[step];
    if (delayMs === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.collect();
      this.next(step + 1);
    }, delayMs);
    // Never what keeps a one-shot `spendbar poll` from exiting.
    this.timer.unref();
  }
}
