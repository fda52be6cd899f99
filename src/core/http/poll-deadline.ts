/**
 * One time bound for one account's whole poll: every attempt and every page. The adapter's requests
 * carry the deadline (see `withDeadline`) and end themselves at it with their own classified error; a
 * stack that ignores it (a library's own HTTP client) is cut off a moment later by the race below.
 */
import { ProviderError } from '../model/provider-error.js';
import { withDeadline, type HttpClient } from './http-client.js';

/** Default bound of one account's poll. `SPENDBAR_POLL_TIMEOUT_S` overrides it. */
export const DEFAULT_POLL_TIMEOUT_MS = 20_000;
/** How long after the deadline requests get to report their own error before the poll is given up. */
const GRACE_MS = 500;

/** The poll bound from `SPENDBAR_POLL_TIMEOUT_S` (seconds, fractions allowed), else the default. */
export function pollTimeoutFromEnv(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.SPENDBAR_POLL_TIMEOUT_S);
  return env.SPENDBAR_POLL_TIMEOUT_S !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_POLL_TIMEOUT_MS;
}

export interface PollBounds {
  readonly http: HttpClient;
  readonly signal: AbortSignal;
}

export async function withPollDeadline<T>(http: HttpClient, timeoutMs: number, providerName: string, task: (bounds: PollBounds) => Promise<T>): Promise<T> {
  const deadlineAt = Date.now() + timeoutMs;
  const controller = new AbortController();
  const seconds = Math.round(timeoutMs / 100) / 10;
  const timedOut = () =>
    new ProviderError('network', `${providerName} did not answer within ${seconds} s, so Spendbar stopped waiting; any earlier figures are kept. It will try again later.`);
  let abortTimer: NodeJS.Timeout | undefined;
  let giveUpTimer: NodeJS.Timeout | undefined;
  const givenUp = new Promise<never>((_, reject) => {
    abortTimer = setTimeout(() => controller.abort(new DOMException('The poll took too long.', 'TimeoutError')), timeoutMs);
    giveUpTimer = setTimeout(() => reject(timedOut()), timeoutMs + GRACE_MS);
  });
  try {
    return await Promise.race([task({ http: withDeadline(http, deadlineAt, controller.signal), signal: controller.signal }), givenUp]);
  } catch (error) {
    // A request cut by the deadline reports "did not answer in time"; say what the bound was.
    // (A request's own timer, set to end at the deadline, may fire a moment before the poll's.)
    if (error instanceof ProviderError && error.kind === 'network' && (controller.signal.aborted || Date.now() >= deadlineAt - 50)) throw timedOut();
    throw error;
  } finally {
    clearTimeout(abortTimer);
    clearTimeout(giveUpTimer);
    controller.abort();
  }
}
