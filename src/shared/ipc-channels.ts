/**
 * Every IPC name between Electron's main process and the preload, in one place (as electron/fiddle does).
 * Type-only imports: the sandboxed preload bundles this file and must not pull zod in with the contract.
 */
import type { ApiError, ApiName, Overview, PollProgressEvent, SpendbarApi } from './api.js';

/**
 * One entry per call of `apiContract`. `satisfies` makes the type checker fail here when api.ts gains,
 * renames or drops a call, so main and preload can never serve a different set of calls than the contract.
 */
const callNames = {
  getOverview: true,
  refresh: true,
  listEntries: true,
  addEntry: true,
  updateEntry: true,
  deleteEntry: true,
  restoreEntry: true,
  listProviders: true,
  listAccounts: true,
  testConnection: true,
  saveAccount: true,
  removeAccount: true,
  getPreferences: true,
  setPreferences: true,
  getAssistantSetup: true,
  getOtlpReceiverStatus: true,
  getAlertSettings: true,
  setAlertSettings: true,
  snoozeAlert: true,
  getTrackedSources: true,
  setTrackedSource: true,
} as const satisfies Record<ApiName, true>;

/** The API calls served over IPC: exactly the names of `apiContract`. */
export const ipcCallNames = Object.keys(callNames) as ApiName[];

export type ApiChannel = `spendbar:${ApiName}`;

/** The `ipcMain.handle` channel of one API call. */
export function apiChannel(name: ApiName): ApiChannel {
  return `spendbar:${name}`;
}

/** Main pushes each new Overview to the popover on this channel. */
export const overviewChannel = 'spendbar:overview';

/** Main pushes each account's progress in a poll cycle on this channel (PollProgressEvent). */
export const pollProgressChannel = 'spendbar:poll-progress';

/** Main asks the popover to open an account's detail (a notification about it was clicked). */
export const focusAccountChannel = 'spendbar:focus-account';

/**
 * What an API handler answers over IPC. Failures travel as data rather than as a thrown error, because
 * Electron prefixes thrown messages with "Error invoking remote method …"; the preload turns them into
 * rejections carrying { message, field }.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiError['error'] };

/** `window.spendbar` in Electron: the contract plus pushed overviews (the renderer's SpendbarBridge shape). */
export type SpendbarBridge = SpendbarApi & {
  /** Calls `listener` with each new Overview until the returned function is called. IPC never fails here. */
  onOverview(listener: (overview: Overview) => void, onError?: (error: Error) => void): () => void;
  /** Electron only: calls `listener` with an account id when a notification about it is clicked. */
  onFocusAccount?(listener: (accountId: string) => void): () => void;
  /** Electron only: calls `listener` with each account's progress while a poll cycle runs. */
  onPollProgress?(listener: (event: PollProgressEvent) => void): () => void;
};
