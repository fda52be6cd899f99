/**
 * A signal that aborts when any of its sources does (or after a timeout), for as long as one piece of
 * work runs, and lets go of its sources when that work ends.
 *
 * Why not `AbortSignal.any` / `AbortSignal.timeout`: on Node 20 a composite signal that has an abort
 * listener (undici adds one to every request's signal) stays reachable from its sources until one of
 * them aborts. The app's quit signal never aborts while the app runs, so every request of every poll
 * stayed in memory for the life of `serve` and the app (the heap grew with each poll). A timeout signal
 * also keeps its timer, and whatever listens to it, for the whole timeout after the request is over.
 */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Detaches from the sources and clears the timeout; the signal no longer aborts after this. */
  release(): void;
}

export function linkSignals(sources: readonly (AbortSignal | undefined)[], timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  const attached: AbortSignal[] = [];
  let timer: NodeJS.Timeout | undefined;
  const release = () => {
    for (const source of attached) source.removeEventListener('abort', onAbort);
    attached.length = 0;
    clearTimeout(timer);
  };
  function onAbort(this: AbortSignal) {
    release();
    controller.abort(this.reason);
  }
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      release();
      controller.abort(source.reason);
      return { signal: controller.signal, release };
    }
    source.addEventListener('abort', onAbort);
    attached.push(source);
  }
  if (timeoutMs !== undefined) {
    timer = setTimeout(() => {
      release();
      controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, timeoutMs);
    // Like AbortSignal.timeout: a pending request timer alone does not keep the process running.
    timer.unref();
  }
  return { signal: controller.signal, release };
}

/** Runs `task` with a signal linked to `sources`, released when the task settles. */
export async function withLinkedSignal<T>(sources: readonly (AbortSignal | undefined)[], task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const linked = linkSignals(sources);
  try {
    return await task(linked.signal);
  } finally {
    linked.release();
  }
}
