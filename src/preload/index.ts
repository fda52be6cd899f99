/**
 * window.spendbar in Electron: one function per API call plus pushed overviews and poll progress, and nothing else (no
 * generic invoke, no ipcRenderer, no process). Runs sandboxed, so electron-vite bundles it into a single
 * CommonJS file whose only require is 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiName, ApiRequest, ApiResponse, Overview, PollProgressEvent, SpendbarApi } from '../shared/api.js';
import { apiChannel, focusAccountChannel, ipcCallNames, overviewChannel, pollProgressChannel, type IpcResult, type SpendbarBridge } from '../shared/ipc-channels.js';

function callOf<N extends ApiName>(name: N) {
  return async (request: ApiRequest<N>): Promise<ApiResponse<N>> => {
    // Calls without parameters may be made as `listEntries()`; the contract's request is then {}.
    const result = (await ipcRenderer.invoke(apiChannel(name), request ?? {})) as IpcResult<ApiResponse<N>>;
    if (result.ok) return result.value;
    // The context bridge keeps only the message of an Error, so the failure crosses as a plain
    // { message, field } object (which the renderer's errorDetails reads), keeping the field at fault.
    throw { name: 'ApiCallError', ...result.error };
  };
}

const POLL_STATES: readonly (PollProgressEvent['state'] | undefined)[] = ['started', 'done', 'failed', 'waiting'];

const calls = Object.fromEntries(ipcCallNames.map((name) => [name, callOf(name)])) as SpendbarApi;

const bridge: SpendbarBridge = {
  ...calls,
  onOverview(listener) {
    // The IPC event stays here: handing it to the page would expose ipcRenderer through event.sender.
    const relay = (_event: IpcRendererEvent, overview: Overview) => listener(overview);
    ipcRenderer.on(overviewChannel, relay);
    return () => {
      ipcRenderer.removeListener(overviewChannel, relay);
    };
  },
  onFocusAccount(listener) {
    const relay = (_event: IpcRendererEvent, accountId: unknown) => {
      if (typeof accountId === 'string') listener(accountId);
    };
    ipcRenderer.on(focusAccountChannel, relay);
    return () => {
      ipcRenderer.removeListener(focusAccountChannel, relay);
    };
  },
  onPollProgress(listener) {
    const relay = (_event: IpcRendererEvent, progress: unknown) => {
      const step = progress as Partial<PollProgressEvent> | null;
      if (typeof step?.accountId === 'string' && POLL_STATES.includes(step.state!) && typeof step.at === 'string') {
        listener({ accountId: step.accountId, state: step.state!, at: step.at });
      }
    };
    ipcRenderer.on(pollProgressChannel, relay);
    return () => {
      ipcRenderer.removeListener(pollProgressChannel, relay);
    };
  },
};

contextBridge.exposeInMainWorld('spendbar', bridge);
