import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiNames, type Overview } from '../shared/api.js';
import type { SpendbarBridge } from '../shared/ipc-channels.js';

// Electron is not loadable under plain Node; the preload only needs these two objects from it.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: electron.ipcRenderer,
}));

let spendbar: SpendbarBridge;

beforeAll(async () => {
  await import('./index.js');
  spendbar = electron.exposed.get('spendbar') as SpendbarBridge;
});

beforeEach(() => {
  vi.clearAllMocks();
});

describe('preload', () => {
  it('exposes only window.spendbar: one function per API call, plus onOverview, onFocusAccount and onPollProgress', () => {
    expect([...electron.exposed.keys()]).toEqual(['spendbar']);
    expect(Object.keys(spendbar).sort()).toEqual([...apiNames, 'onFocusAccount', 'onOverview', 'onPollProgress'].sort());
    for (const value of Object.values(spendbar)) expect(typeof value).toBe('function');
  });

  it('sends each call on its spendbar:<name> channel and resolves with the value', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { id: 'entry-1' } });
    const request = { provider: 'groq', kind: 'spend' as const, amount: '3.00' };
    await expect(spendbar.addEntry(request)).resolves.toEqual({ id: 'entry-1' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('spendbar:addEntry', request);
  });

  it('sends {} when a call without parameters is made with none', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { entries: [] } });
    const listEntries = spendbar.listEntries as () => Promise<unknown>;
    await listEntries();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('spendbar:listEntries', {});
  });

  it('rejects with the main process’s message, unprefixed, and the field at fault', async () => {
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { message: 'Invalid getOverview request: month: month must be YYYY-MM', field: 'month' },
    });
    // A plain object, because the context bridge would drop `field` from an Error.
    await expect(spendbar.getOverview({ month: '2026-13' })).rejects.toEqual({
      name: 'ApiCallError',
      message: 'Invalid getOverview request: month: month must be YYYY-MM',
      field: 'month',
    });
  });

  it('relays pushed overviews without the IPC event, until unsubscribed', () => {
    const received: Overview[] = [];
    const stop = spendbar.onOverview((overview) => received.push(overview));
    const [channel, relay] = electron.ipcRenderer.on.mock.calls[0] as [string, (event: unknown, overview: unknown) => void];
    expect(channel).toBe('spendbar:overview');

    const overview = { month: '2026-11' } as Overview;
    relay({ sender: 'ipcRenderer must not leak' }, overview);
    expect(received).toEqual([overview]);

    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('spendbar:overview', relay);
  });

  it('relays a clicked notification’s account id, and nothing that is not an id', () => {
    const focused: string[] = [];
    const stop = spendbar.onFocusAccount!((accountId) => focused.push(accountId));
    const [channel, relay] = electron.ipcRenderer.on.mock.calls[0] as [string, (event: unknown, accountId: unknown) => void];
    expect(channel).toBe('spendbar:focus-account');
    relay({ sender: 'ipcRenderer must not leak' }, 'openrouter:env');
    relay({}, { not: 'an id' });
    expect(focused).toEqual(['openrouter:env']);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('spendbar:focus-account', relay);
  });

  it('relays poll progress from its channel, and only well-formed steps', () => {
    const received: unknown[] = [];
    const stop = spendbar.onPollProgress!((event) => received.push(event));
    const [channel, relay] = electron.ipcRenderer.on.mock.calls.at(-1) as [string, (event: unknown, payload: unknown) => void];
    expect(channel).toBe('spendbar:poll-progress');
    relay({ sender: 'ipc internals' }, { accountId: 'openrouter:env', state: 'started', at: '2026-12-04T10:00:00.000Z', extra: 'dropped' });
    relay({}, { accountId: 42, state: 'done', at: 'x' });
    relay({}, { accountId: 'openrouter:env', state: 'exploded', at: 'x' });
    relay({}, null);
    expect(received).toEqual([{ accountId: 'openrouter:env', state: 'started', at: '2026-12-04T10:00:00.000Z' }]);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('spendbar:poll-progress', relay);
  });
});
