/**
 * undici, loaded on the first request rather than at start-up: it is most of what a command that makes
 * no request (status, entry, accounts) would otherwise spend starting (see docs/performance.md).
 */
import type * as UndiciModule from 'undici';

let loading: Promise<typeof UndiciModule> | undefined;

export function loadUndici(): Promise<typeof UndiciModule> {
  loading ??= import('undici');
  return loading;
}
