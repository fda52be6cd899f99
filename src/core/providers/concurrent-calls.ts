/**
 * An adapter's independent requests, all started at once so a poll takes as long as its slowest call,
 * not their sum. Results and failures are taken in the listed order, exactly as if the calls had been
 * made one after another: the first listed call that fails decides the error (a bad key reported by the
 * main call stays "auth" even if a later call failed differently), and it is thrown as soon as every
 * call listed before it has succeeded. Calls still running then are stopped by the poll's deadline
 * signal, which the poller aborts when the adapter returns or throws.
 */
type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

export async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(calls: T): Promise<Results<T>> {
  const started = calls.map((call) => call());
  // A later failure may never be awaited (an earlier one was thrown first): it must not be unhandled.
  for (const promise of started) promise.catch(() => undefined);
  const results: unknown[] = [];
  for (const promise of started) results.push(await promise);
  return results as Results<T>;
}
