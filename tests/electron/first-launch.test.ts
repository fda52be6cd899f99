/**
 * First launch of the built app (out/main/index.js) on macOS, Windows and Linux, under plain Node with the
 * stand-in `electron` module (tests/electron/stand-in), against a fake OpenRouter on 127.0.0.1. This does
 * not replace the real Electron end-to-end test (tests/e2e/electron.e2e.test.ts); it covers what the
 * stand-in can express: the window and tray lifecycle, power and network, quitting, and the keychain.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fakes/fake-http-server.js';
import { startOpenRouterFake, type OpenRouterFake } from '../fakes/openrouter-fake.js';
import { launch, root, until, type Launched } from './launch.js';

interface StandInState {
  log: string[];
  uncaught: string[];
  dockHidden: boolean;
  hasDock: boolean;
  appUserModelId: string | null;
  loginItems: { openAtLogin: boolean; path?: string }[];
  errorBoxes: { title: string; content: string }[];
  schemes: string[];
  permissionsGranted: string[];
  windows: { destroyed: boolean; visible: boolean; loaded: string[]; options: { webPreferences: Record<string, unknown> }; workspaces: { visible: boolean; options: { skipTransformProcessType?: boolean } | null }[]; sent: { channel: string; payload: unknown }[] }[];
  trays: { destroyed: boolean; image: string | null; imageEmpty: boolean; template: boolean; tooltip: string; title: string; contextMenu: boolean }[];
}

let openRouter: OpenRouterFake;
let front: FakeServer;
/** Delay of every answer from the fake OpenRouter, to play a slow provider. */
let delayMs = 0;
/** When set, every answer is this status (a revoked key: 401). */
let failWith: number | undefined;

beforeAll(async () => {
  openRouter = await startOpenRouterFake();
  const origin = new URL(openRouter.url).origin;
  front = await startFakeServer(async (request) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failWith) return { status: failWith, json: { error: { code: failWith, message: 'User not found.' } } };
    const answer = await fetch(`${origin}${request.path}`, { headers: { authorization: String(request.headers.authorization) } });
    return { status: answer.status, json: await answer.json() };
  });
}, 60_000);

afterAll(async () => {
  await front?.close();
  await openRouter?.close();
});

const launched: Launched[] = [];
afterAll(() => {
  for (const app of launched) {
    app.kill();
    rmSync(app.dataDir, { recursive: true, force: true });
  }
});

function start(platform: NodeJS.Platform, env: Record<string, string> = {}, main?: string): Launched {
  const app = launch({ platform, env: { OPENROUTER_API_KEY: 'sk-or-v1-first-launch', SPENDBAR_OPENROUTER_BASE_URL: `${front.origin}/api/v1`, ...env }, main });
  launched.push(app);
  return app;
}

/** Inside the repository (ignored by git and eslint), so a copied out/ still finds node_modules. */
function scratch(): string {
  const folder = join(root, '.tmp');
  mkdirSync(folder, { recursive: true });
  return folder;
}

const state = (app: Launched) => app.cmd<StandInState>('state');
const requestsSoFar = () => front.requests.length;

describe.each(['darwin', 'win32', 'linux'] as const)('first launch on %s', (platform) => {
  it('starts offline without polling, polls once online, survives a closed popover, and quits fast during a slow poll', async () => {
    delayMs = 0;
    const before = requestsSoFar();
    const app = start(platform, { STANDIN_ONLINE: '0' });
    const first = await until(async () => ((await state(app)).trays.length > 0 ? state(app) : undefined), 'the tray');

    // The agent app: no Dock icon, and the popover does not turn it into a foreground app (macOS).
    expect(first.windows).toHaveLength(1);
    expect(first.windows[0]?.workspaces).toEqual([{ visible: true, options: { skipTransformProcessType: true } }]);
    expect(first.hasDock).toBe(platform === 'darwin');
    expect(first.dockHidden).toBe(platform === 'darwin');
    // Windows ties notifications to the installed app through the installer's AppUserModelId.
    expect(first.appUserModelId).toBe(platform === 'win32' ? 'app.spendbar' : null);
    // Linux hosts open the menu on click; elsewhere a click opens the popover.
    expect(first.trays[0]?.contextMenu).toBe(platform === 'linux');
    // The tray icon exists on disk, as a template image on macOS.
    expect(first.trays[0]).toMatchObject({ image: platform === 'darwin' ? 'trayTemplate.png' : 'tray.png', imageEmpty: false, template: platform === 'darwin' });

    // Offline at launch: nothing is polled.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(requestsSoFar() - before).toBe(0);

    // Back online: the app notices by itself and polls what is due (every account, none polled yet).
    await app.cmd('set-online', { value: true });
    await until(() => requestsSoFar() > before, 'a poll once online', 15_000);
    const online = await until(async () => {
      const current = await state(app);
      return /\d this month/.test(current.trays[0]?.tooltip ?? '') ? current : undefined;
    }, 'the tray to show the month-to-date total');
    if (platform === 'darwin') expect(online.trays[0]?.title).not.toBe('');
    else expect(online.trays[0]?.title).toBe('');

    // Cmd+W / Alt+F4 on the popover, then the tray, a second launch and Finder reopening still work.
    await app.cmd('tray-click');
    await app.cmd('close-window');
    let now = await state(app);
    expect(now.windows.at(-1)).toMatchObject({ destroyed: false, visible: false });
    if (platform !== 'linux') await app.cmd('tray-click');
    await app.cmd('second-instance');
    await app.cmd('activate');
    now = await state(app);
    expect(now.windows.filter((window) => !window.destroyed && window.visible)).toHaveLength(1);
    expect(now.uncaught).toEqual([]);

    // Quit while a provider takes 10 s to answer: gone within about two seconds, in Electron's order.
    delayMs = 10_000;
    const pollsBefore = requestsSoFar();
    await app.cmd('menu-click', { label: 'Refresh Now' });
    await until(() => requestsSoFar() > pollsBefore, 'the slow poll to start');
    const quitAt = Date.now();
    await app.cmd('quit');
    const exit = await app.exited();
    delayMs = 0;
    expect(exit.code).toBe(0);
    console.log(`${platform}: Quit during a 10 s poll exited after ${exit.at - quitAt} ms`);
    expect(exit.at - quitAt).toBeLessThan(2500);
    const events = app.exitLog().filter((entry) => ['before-quit', 'window closed', 'will-quit', 'quit'].includes(entry));
    // before-quit (held while closing: the popover closes for good), before-quit again, will-quit, quit.
    expect(events).toEqual(['before-quit', 'window closed', 'before-quit', 'will-quit', 'quit']);
    expect(app.output()).not.toMatch(/quitting anyway/);
    // The aborted attempt is not recorded as a failure the popover would show at the next launch.
    const history = readdirSync(join(app.dataDir, 'history'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    for (const file of history) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toMatch(/abort/i);
  }, 60_000);

  it('offers launch at login only when packaged, registering the app itself', async () => {
    const unpackaged = start(platform, { SPENDBAR_DEMO: '1' });
    await until(async () => ((await state(unpackaged)).trays.length > 0 ? true : undefined), 'the tray');
    const preferences = (await unpackaged.cmd<{ ok: boolean; value: { launchAtLoginAvailable: boolean } }>('invoke', { name: 'getPreferences', request: {} })).value;
    expect(preferences.launchAtLoginAvailable).toBe(false);
    await unpackaged.cmd('quit');
    await unpackaged.exited();

    const resources = mkdtempSync(join(scratch(), 'resources-'));
    try {
      cpSync(join(root, 'out', 'icons'), join(resources, 'icons'), { recursive: true });
      const packaged = start(platform, { SPENDBAR_DEMO: '1', STANDIN_PACKAGED: '1', STANDIN_RESOURCES_PATH: resources });
      const ready = await until(async () => ((await state(packaged)).trays.length > 0 ? state(packaged) : undefined), 'the tray');
      // Packaged, the tray icons come from <resources>/icons, where electron-builder puts them.
      expect(ready.trays[0]?.imageEmpty).toBe(false);
      const set = await packaged.cmd<{ ok: boolean; value: { launchAtLogin: boolean } }>('invoke', { name: 'setPreferences', request: { launchAtLogin: true } });
      expect(set).toMatchObject({ ok: true, value: { launchAtLogin: true } });
      const after = await state(packaged);
      if (platform === 'linux') {
        const entry = readFileSync(join(packaged.dataDir, 'xdg-config', 'autostart', 'spendbar.desktop'), 'utf8');
        expect(entry).toContain(`Exec="${process.execPath}"`);
        expect(after.loginItems).toEqual([]);
      } else {
        expect(after.loginItems).toEqual([{ openAtLogin: true, path: process.execPath }]);
      }
      await packaged.cmd('quit');
      await packaged.exited();
    } finally {
      rmSync(resources, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('Electron security checklist in the built app', () => {
  it('isolates and sandboxes the popover, serves it from its own scheme, and grants no permissions', async () => {
    const app = start('linux', { SPENDBAR_DEMO: '1' });
    const current = await until(async () => ((await state(app)).trays.length > 0 ? state(app) : undefined), 'the tray');
    const preferences = current.windows[0]?.options.webPreferences ?? {};
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    for (const risky of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker']) {
      expect(preferences, risky).not.toHaveProperty(risky);
    }
    expect(current.schemes).toEqual(['spendbar']);
    expect(current.windows[0]?.loaded).toEqual(['spendbar://app/index.html']);
    expect(current.permissionsGranted).toEqual(['clipboard-sanitized-write']);
    expect(await app.cmd('navigation', { url: 'https://evil.example/' })).toEqual({ prevented: true, open: 'deny' });
    const headers = await app.cmd<Record<string, string[]>>('headers', { incoming: { 'content-security-policy': ['script-src *'] } });
    expect(headers['Content-Security-Policy']?.[0]).toContain("script-src 'self'");
    await app.cmd('quit');
    await app.exited();
  }, 30_000);
});

describe.each(['darwin', 'win32', 'linux'] as const)('the tray icon on %s', (platform) => {
  it('turns to the failing icon, and says so in the tooltip, when an account fails', async () => {
    failWith = 401;
    try {
      const app = start(platform);
      const failing = await until(async () => {
        const current = await state(app);
        return current.trays[0]?.image?.startsWith('trayFailing') ? current.trays[0] : undefined;
      }, 'the failing icon');
      expect(failing).toMatchObject({ image: platform === 'darwin' ? 'trayFailingTemplate.png' : 'trayFailing.png', imageEmpty: false });
      expect(failing.tooltip).toMatch(/an account is failing/);
      await app.cmd('quit');
      await app.exited();
    } finally {
      failWith = undefined;
    }
  }, 30_000);
});

describe.each(['darwin', 'win32', 'linux'] as const)('alerts on %s', (platform) => {
  it('shows the low icon for a balance under its threshold, and a notification click after the popover was closed opens it on the account', async () => {
    const app = start(platform);
    await until(async () => ((await state(app)).trays.length > 0 ? true : undefined), 'the tray');
    // The environment's OpenRouter account with a low-balance threshold above the fake's 74.75 balance.
    writeFileSync(
      join(app.dataDir, 'settings.json'),
      JSON.stringify({ version: 1, accounts: [{ id: 'openrouter:env', provider: 'openrouter', name: 'env', settings: {}, thresholds: { lowBalance: '100' } }], preferences: { launchAtLogin: false, monthlyBudget: {} } }),
    );
    await app.cmd('invoke', { name: 'refresh', request: {} });
    const low = await until(async () => {
      const current = await state(app);
      return current.trays[0]?.image?.startsWith('trayLow') ? current : undefined;
    }, 'the low icon');
    expect(low.trays[0]?.image).toBe(platform === 'darwin' ? 'trayLowTemplate.png' : 'trayLow.png');
    expect(low.trays[0]?.tooltip).toMatch(/a balance is running low/);
    await until(async () => ((await app.cmd<number>('notifications')) > 0 ? true : undefined), 'a notification');
    await app.cmd('close-window');
    await app.cmd('notification-click');
    const after = await state(app);
    expect(after.uncaught).toEqual([]);
    const popover = after.windows.find((window) => !window.destroyed);
    expect(popover?.visible).toBe(true);
    expect(popover?.sent.filter((message) => message.channel === 'spendbar:focus-account').map((message) => message.payload)).toEqual(['openrouter:env']);
    await app.cmd('quit');
    await app.exited();
  }, 30_000);
});

describe('first launch, failures', () => {
  it('shows a keychain whose native module is missing as an account error in the popover, not a crash', async () => {
    const app = start('linux', { STANDIN_BREAK_KEYRING: '1', OPENROUTER_API_KEY: '' });
    writeFileSync(
      join(app.dataDir, 'settings.json'),
      JSON.stringify({ version: 1, accounts: [{ id: 'openrouter:work', provider: 'openrouter', name: 'work', settings: {}, thresholds: {} }], preferences: { launchAtLogin: false, monthlyBudget: {} } }),
    );
    await until(async () => ((await state(app)).trays.length > 0 ? true : undefined), 'the tray');
    const overview = await until(async () => {
      const answer = await app.cmd<{ ok: boolean; value: { accounts: { id: string; error: { message: string } | null }[] } }>('invoke', { name: 'getOverview', request: {} });
      const account = answer.value.accounts.find((candidate) => candidate.id === 'openrouter:work');
      return account?.error ? account : undefined;
    }, 'the keychain error on the account');
    expect(overview.error?.message).toMatch(/keychain module could not be loaded/);
    const current = await state(app);
    expect(current.uncaught).toEqual([]);
    expect(current.errorBoxes).toEqual([]);
    await app.cmd('quit');
    expect((await app.exited()).code).toBe(0);
  }, 30_000);

  it('says plainly when the preload is missing instead of showing a page without its bridge', async () => {
    const copy = mkdtempSync(join(scratch(), 'out-'));
    try {
      cpSync(join(root, 'out'), join(copy, 'out'), { recursive: true });
      rmSync(join(copy, 'out', 'preload'), { recursive: true });
      const app = start('win32', { SPENDBAR_DEMO: '1' }, join(copy, 'out', 'main', 'index.js'));
      const current = await until(async () => {
        const now = await state(app);
        return now.errorBoxes.length > 0 ? now : undefined;
      }, 'the error box');
      expect(current.errorBoxes[0]?.content).toMatch(/preload failed to load.*Reinstall Spendbar/);
      await app.cmd('quit');
      await app.exited();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 30_000);

  it('a second launch hands over to the running one and exits without a window', async () => {
    const app = start('darwin', { SPENDBAR_DEMO: '1', STANDIN_SECOND_INSTANCE: '1' });
    const exit = await app.exited();
    expect(exit.code).toBe(0);
    expect(existsSync(join(app.dataDir, 'settings.json'))).toBe(false);
  }, 30_000);
});
