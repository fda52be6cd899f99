import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { apiNames, type SpendbarApi } from '../shared/api.js';
import { ipcCallNames } from '../shared/ipc-channels.js';
import { createApiHandlers } from '../core/host/api-handlers.js';
import type { SpendbarService } from '../core/host/service.js';
import { registerApiHandlers, type SenderCheck } from './ipc.js';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const popoverFrame = { url: 'spendbar://app/index.html' } as WebFrameMain;
const otherFrame = { url: 'https://evil.example/' } as WebFrameMain;
const onlyPopover: SenderCheck = (frame) => frame === popoverFrame;

function eventFrom(frame: WebFrameMain | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as IpcMainInvokeEvent;
}

function fakeApi(overrides: Partial<SpendbarApi> = {}): SpendbarApi {
  const refuse = () => Promise.reject(new Error('not expected in this test'));
  const api = Object.fromEntries(apiNames.map((name) => [name, vi.fn(refuse)])) as unknown as SpendbarApi;
  return Object.assign(api, overrides);
}

function setUp(api: SpendbarApi) {
  const ipcMain = fakeIpcMain();
  const unregister = registerApiHandlers(ipcMain, api, onlyPopover);
  const invoke = (channel: string, request: unknown, frame: WebFrameMain | null = popoverFrame) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(eventFrom(frame), request);
  };
  return { ipcMain, invoke, unregister };
}

describe('shared IPC names', () => {
  it('list exactly the calls of the API contract', () => {
    expect([...ipcCallNames].sort()).toEqual([...apiNames].sort());
  });
});

describe('registerApiHandlers', () => {
  it('registers one spendbar:<name> channel per call, and removes them all again', () => {
    const { ipcMain, unregister } = setUp(fakeApi());
    expect([...ipcMain.handlers.keys()].sort()).toEqual(apiNames.map((name) => `spendbar:${name}`).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a valid request to the host and answers with its result', async () => {
    const addEntry = vi.fn(async () => ({ id: 'entry-1' }));
    const { invoke } = setUp(fakeApi({ addEntry }));
    const request = { provider: 'groq', kind: 'spend', amount: '12.50', note: 'October invoice' };
    await expect(invoke('spendbar:addEntry', request)).resolves.toEqual({ ok: true, value: { id: 'entry-1' } });
    expect(addEntry).toHaveBeenCalledWith(request);
  });

  it('refuses frames other than the popover before looking at the request', async () => {
    const getOverview = vi.fn();
    const { invoke } = setUp(fakeApi({ getOverview }));
    await expect(async () => invoke('spendbar:getOverview', {}, otherFrame)).rejects.toThrow(/did not come from Spendbar's own window/);
    await expect(async () => invoke('spendbar:getOverview', {}, null)).rejects.toThrow(/Refused getOverview/);
    expect(getOverview).not.toHaveBeenCalled();
  });

  // The host's API is the one gate (src/core/host/api-handlers.ts); IPC only checks who is calling.
  function gatedApi(service: Partial<Record<'addEntry' | 'listEntries' | 'overview', ReturnType<typeof vi.fn>>>) {
    return createApiHandlers(service as unknown as SpendbarService, { refresh: async () => undefined, changed: () => undefined, launchAtLoginAvailable: false });
  }

  it('answers a request the contract rejects with a clear message and the field at fault', async () => {
    const addEntry = vi.fn();
    const { invoke } = setUp(gatedApi({ addEntry }));
    const answer = await invoke('spendbar:addEntry', { provider: 'groq', kind: 'refund', amount: '1' });
    expect(answer).toMatchObject({ ok: false, error: { field: 'kind' } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/^Invalid addEntry request: kind: /);
    expect(addEntry).not.toHaveBeenCalled();
  });

  it('rejects unknown keys, as the strict schemas say', async () => {
    const listEntries = vi.fn(() => []);
    const overview = vi.fn();
    const { invoke } = setUp(gatedApi({ listEntries, overview }));
    await expect(invoke('spendbar:listEntries', { all: true })).resolves.toMatchObject({ ok: false });
    await expect(invoke('spendbar:getOverview', { month: '2026-13' })).resolves.toMatchObject({
      ok: false,
      error: { field: 'month', message: expect.stringContaining('month must be YYYY-MM') },
    });
    expect(listEntries).not.toHaveBeenCalled();
    expect(overview).not.toHaveBeenCalled();
  });

  it('passes the host’s own error message and field through as data', async () => {
    const failing = Object.assign(new Error('Amount must be positive for a top-up.'), { field: 'amount' });
    const { invoke } = setUp(fakeApi({ addEntry: vi.fn(async () => Promise.reject(failing)) }));
    await expect(invoke('spendbar:addEntry', { provider: 'groq', kind: 'topup', amount: '-5' })).resolves.toEqual({
      ok: false,
      error: { message: 'Amount must be positive for a top-up.', field: 'amount' },
    });
  });

  it('does not leak what a non-Error rejection contains', async () => {
    const { invoke } = setUp(fakeApi({ refresh: vi.fn(async () => Promise.reject({ token: 'sk-secret' })) }));
    await expect(invoke('spendbar:refresh', {})).resolves.toEqual({
      ok: false,
      error: { message: 'Spendbar could not complete refresh.' },
    });
  });
});
