/**
 * The main process's wiring, run for real against a demo host, with Electron replaced by small fakes
 * (no Electron binary exists here). What the fakes record is what Electron would have been told.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiNames, overviewSchema } from '../shared/api.js';
import { formatTotals } from './tray-text.js';

const fake = await vi.hoisted(async () => {
  // vi.hoisted runs before the imports above, so it loads what it needs itself.
  const { EventEmitter: Emitter } = await import('node:events');
  const paths = new Map<string, string>();
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    dock: { hide: () => undefined },
    setName: (name: string) => void paths.set('name', name),
    setPath: (name: string, path: string) => void paths.set(name, path),
    getPath: (name: string) => `/fake/${name}`,
    getAppPath: () => '/fake/app',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => void app.emit('quit-called'),
    exit: () => undefined,
  });
  const windows: { options: Record<string, unknown>; loaded: string[]; webContents: { id: number; sent: unknown[][] } }[] = [];
  class BrowserWindow extends Emitter {
    readonly loaded: string[] = [];
    readonly webContents = Object.assign(new Emitter(), {
      id: 7,
      sent: [] as unknown[][],
      send: (...args: unknown[]) => void this.webContents.sent.push(args),
      isDestroyed: () => false,
      isDevToolsOpened: () => false,
      isCrashed: () => false,
    });
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    setVisibleOnAllWorkspaces() {}
    getSize() {
      return [380, 560];
    }
    setPosition() {}
    show() {}
    focus() {}
    hide() {}
    isVisible() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    destroy() {}
  }
  const trays: { tooltip: string; title: string }[] = [];
  class Tray extends Emitter {
    tooltip = '';
    title = '';
    constructor() {
      super();
      trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setTitle(text: string) {
      this.title = text;
    }
    setContextMenu() {}
    popUpContextMenu() {}
    setIgnoreDoubleClickEvents() {}
    setImage() {}
    isDestroyed() {
      return false;
    }
    getBounds() {
      return { x: 0, y: 0, width: 0, height: 0 };
    }
    destroy() {}
  }
  const handlers = new Map<string, (event: unknown, request: unknown) => unknown>();
  const headerListeners: ((details: unknown, callback: (response: unknown) => void) => void)[] = [];
  return {
    app,
    paths,
    windows,
    trays,
    handlers,
    headerListeners,
    module: {
      app,
      BrowserWindow,
      Tray,
      Menu: { buildFromTemplate: (template: unknown) => template },
      nativeImage: { createFromPath: () => ({ setTemplateImage: () => undefined, isEmpty: () => false }) },
      ipcMain: {
        handle: (channel: string, handler: (event: unknown, request: unknown) => unknown) => handlers.set(channel, handler),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
      session: {
        defaultSession: {
          webRequest: { onHeadersReceived: (listener: (typeof headerListeners)[number]) => headerListeners.push(listener) },
          setPermissionRequestHandler: () => undefined,
          setPermissionCheckHandler: () => undefined,
        },
      },
      net: { isOnline: () => true, fetch: () => Promise.reject(new Error('no files in this test')) },
      powerMonitor: new Emitter(),
      screen: {
        getCursorScreenPoint: () => ({ x: 0, y: 0 }),
        getDisplayNearestPoint: () => ({ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
        getDisplayMatching: () => ({ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
      },
      shell: { openExternal: vi.fn(async () => undefined) },
      dialog: { showErrorBox: (title: string, message: string) => console.error(title, message) },
      // A demo host raises no alerts; notifications.test.ts covers what a notification does.
      Notification: Object.assign(class {}, { isSupported: () => false }),
      // No shortcut is set by default; tests/electron/glance.test.ts covers registering one.
      globalShortcut: { register: () => true, unregister: () => undefined },
    },
  };
});
vi.mock('electron', () => fake.module);

const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-main-'));
const trustedEvent = { sender: { id: 7 }, senderFrame: { parent: null, url: 'spendbar://app/index.html' } };

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  vi.stubEnv('SPENDBAR_DATA_DIR', dataDir);
  vi.stubEnv('SPENDBAR_DEMO', '1');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('./index.js');
  await until(() => (fake.handlers.size > 0 ? true : undefined), 'the IPC handlers');
});

afterAll(async () => {
  const quitting = new EventEmitter();
  fake.app.once('quit-called', () => quitting.emit('done'));
  fake.app.emit('before-quit', { preventDefault: () => undefined });
  await new Promise((resolve) => quitting.once('done', resolve));
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('names the app Spendbar and keeps Chromium’s files and the instance lock in the data folder', () => {
    expect(fake.paths.get('name')).toBe('Spendbar');
    expect(fake.paths.get('userData')).toBe(dataDir);
  });

  it('opens one hidden, sandboxed popover on the app protocol, with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const [popover] = fake.windows;
    expect(popover?.options).toMatchObject({ width: 380, height: 560, show: false, frame: false, skipTaskbar: true, alwaysOnTop: true });
    expect(popover?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((popover?.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(popover?.loaded).toEqual(['spendbar://app/index.html']);
  });

  it('serves every contract call over IPC to the popover, and refuses anyone else', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(apiNames.map((name) => `spendbar:${name}`).sort());
    const answer = (await fake.handlers.get('spendbar:getOverview')?.(trustedEvent, {})) as { ok: boolean; value: unknown };
    expect(answer.ok).toBe(true);
    expect(overviewSchema.parse(answer.value).demo).toBe(true);
    const stranger = { ...trustedEvent, senderFrame: { parent: null, url: 'https://evil.example/' } };
    await expect(async () => fake.handlers.get('spendbar:getOverview')?.(stranger, {})).rejects.toThrow(/Refused/);
  });

  it('shows the month-to-date totals in the tray tooltip', async () => {
    const answer = (await fake.handlers.get('spendbar:getOverview')?.(trustedEvent, {})) as { value: unknown };
    const totals = formatTotals(overviewSchema.parse(answer.value));
    const tray = await until(() => (fake.trays[0]?.tooltip.includes('this month') ? fake.trays[0] : undefined), 'the tray tooltip');
    expect(totals).not.toBe('');
    expect(tray.tooltip).toContain(totals);
  });

  it('puts the strict CSP on every response', () => {
    let headers: unknown;
    fake.headerListeners[0]?.({ responseHeaders: { 'content-security-policy': ['script-src *'] } }, (response) => {
      headers = (response as { responseHeaders: unknown }).responseHeaders;
    });
    expect(headers).toEqual({ 'Content-Security-Policy': [expect.stringContaining("script-src 'self';")] });
  });

  it('denies navigation and new windows in every web contents, opening https links in the browser', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.app.emit('web-contents-created', {}, contents);
    const navigation = { url: 'https://openrouter.ai/settings/keys', preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal.mock.calls).toEqual([['https://openrouter.ai/settings/keys']]);
  });
});
