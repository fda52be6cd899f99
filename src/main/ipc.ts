/**
 * The API over IPC: one `ipcMain.handle` per call of the contract. Each handler refuses frames other than
 * the popover's own page and hands the request to the host's API, which validates it with the contract's
 * schema (src/core/host/api-handlers.ts: the one gate for IPC and `serve` alike).
 * Electron comes in as a parameter (type-only import), so this is unit-tested with a fake ipcMain.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import type { ApiError, ApiName, SpendbarApi } from '../shared/api.js';
import { apiChannel, ipcCallNames, type IpcResult } from '../shared/ipc-channels.js';

/** Decides whether a frame may call the API (see index.ts: the popover's main frame on our own URL). */
export type SenderCheck = (frame: WebFrameMain | null, event: IpcMainInvokeEvent) => boolean;

type Handles = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** The host's own errors carry user-facing messages (never secrets); keep a `field` when one is given. */
function describeFailure(name: ApiName, failure: unknown): ApiError['error'] {
  if (failure instanceof Error) {
    const field = (failure as { field?: unknown }).field;
    return typeof field === 'string' && field ? { message: failure.message, field } : { message: failure.message };
  }
  return { message: `Spendbar could not complete ${name}.` };
}

/** Runs one call; failures (a refused request included) come back as data (see IpcResult). */
export async function runApiCall(api: SpendbarApi, name: ApiName, request: unknown): Promise<IpcResult<unknown>> {
  // The host's API checks the request against this very call's schema before anything runs.
  const call = api[name] as (request: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await call(request) };
  } catch (failure) {
    return { ok: false, error: describeFailure(name, failure) };
  }
}

/** Registers every call; returns a function that removes them again. */
export function registerApiHandlers(ipcMain: Handles, api: SpendbarApi, isTrustedSender: SenderCheck): () => void {
  for (const name of ipcCallNames) {
    ipcMain.handle(apiChannel(name), (event, request: unknown) => {
      // Thrown rather than answered: no legitimate page ever sees this, and it should show up in logs.
      if (!isTrustedSender(event.senderFrame, event)) {
        throw new Error(`Refused ${name}: the call did not come from Spendbar's own window.`);
      }
      return runApiCall(api, name, request);
    });
  }
  return () => {
    for (const name of ipcCallNames) ipcMain.removeHandler(apiChannel(name));
  };
}
