/**
 * The API over IPC: one `ipcMain.handle` per call of the contract. Each handler refuses frames other than
 * the popover's own page, validates the request with the contract's schema, then asks the host.
 * Electron comes in as a parameter (type-only import), so this is unit-tested with a fake ipcMain.
 */
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { apiContract, describeRequestIssues, type ApiError, type ApiName, type SpendbarApi } from '../shared/api.js';
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

/** Validates one request and runs it; failures come back as data (see IpcResult). */
export async function runApiCall(api: SpendbarApi, name: ApiName, request: unknown): Promise<IpcResult<unknown>> {
  const parsed = apiContract[name].request.safeParse(request);
  if (!parsed.success) return { ok: false, error: describeRequestIssues(name, parsed.error.issues) };
  // The schema just checked the request against this very call, so the erased call is safe.
  const call = api[name] as (validRequest: unknown) => Promise<unknown>;
  try {
    return { ok: true, value: await call(parsed.data) };
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
