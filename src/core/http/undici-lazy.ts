/**
 * undici, loaded on the first request rather than at start-up: it is most of what a command that makes
 * no request (status, entry, accounts) would otherwise spend starting (see docs/performance.md).
 */
type Undici = typeof import('undici');

let loading: Promise<Undici> | undefined;

export function loadUndici(): Promise<Undici> {
  loading ??= import('undici');
  return loading;
}
