/**
 * The packaged shape of the app, run in real Electron: the popover page, the preload's API over IPC, the
 * CSP and navigation locks, and the tray text. Needs an Electron binary (and a display on Linux, e.g.
 * xvfb-run); without them it skips and says why. The binary is found as `npm start` finds it
 * (scripts/electron-binary.mjs: node_modules/electron's path.txt and dist/, or ELECTRON_OVERRIDE_DIST_PATH),
 * never by requiring 'electron', which would try to download one. `npm start` once, or
 * `npx install-electron`, downloads it on a machine with internet.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiNames, overviewSchema } from '../../src/shared/api.js';
import { trayText } from '../../src/main/tray-text.js';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const root = resolve(import.meta.dirname, '../..');

const binary = findElectronBinary(root);
const skipReason = !binary
  ? 'no Electron binary in node_modules/electron/dist or ELECTRON_OVERRIDE_DIST_PATH (run `npx install-electron` or `npm start` once with internet)'
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display to open windows on (run under xvfb-run)'
    : undefined;
if (skipReason) console.log(`Electron e2e skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)('Spendbar in Electron', () => {
  let app: ElectronApplication;
  let popover: Page;
  const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-electron-e2e-'));

  beforeAll(async () => {
    for (const step of [[join(root, 'scripts', 'make-icons.mjs')], [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']]) {
      const build = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
      expect(build.status, step.join(' ')).toBe(0);
    }
    app = await _electron.launch({
      executablePath: binary,
      args: [root],
      cwd: root,
      env: { ...process.env, SPENDBAR_DATA_DIR: dataDir, SPENDBAR_DEMO: '1', SPENDBAR_E2E: '1', ELECTRON_RENDERER_URL: '' },
      timeout: 30_000,
    });
    popover = await app.firstWindow();
    await popover.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads the popover from the app’s own protocol', () => {
    expect(popover.url()).toBe('spendbar://app/index.html');
  });

  it('exposes exactly one function per API call plus onOverview, onFocusAccount and onPollProgress, and no Node', async () => {
    const surface = await popover.evaluate(`({
      keys: Object.keys(window.spendbar).sort(),
      types: [...new Set(Object.values(window.spendbar).map((value) => typeof value))],
      node: [typeof require, typeof process, typeof module],
    })`);
    expect(surface).toEqual({
      keys: [...apiNames, 'onFocusAccount', 'onOverview', 'onPollProgress'].sort(),
      types: ['function'],
      node: ['undefined', 'undefined', 'undefined'],
    });
  });

  it('answers getOverview over IPC and rejects a bad request with a clear message', async () => {
    const overview = overviewSchema.parse(await popover.evaluate('window.spendbar.getOverview({})'));
    expect(overview.demo).toBe(true);
    const failure = await popover.evaluate(
      `window.spendbar.getOverview({ month: '2026-13' }).then(() => 'resolved', (error) => [error.message, error.field])`,
    );
    expect(failure).toEqual(['Invalid getOverview request: month: month must be YYYY-MM', 'month']);
  });

  it('pushes a new overview to the page after a refresh', async () => {
    const pushed = await popover.evaluate(`new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no overview pushed within 10 s')), 10000);
      const stop = window.spendbar.onOverview((overview) => { clearTimeout(timer); stop(); resolve(overview); });
      window.spendbar.refresh({});
    })`);
    expect(overviewSchema.parse(pushed).demo).toBe(true);
  });

  it('blocks inline scripts (CSP) and refuses navigation and new windows', async () => {
    const inlineRan = await popover.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return window.inlineRan === true;
    })()`);
    expect(inlineRan).toBe(false);
    expect(await popover.evaluate(`window.open('https://example.com') === null`)).toBe(true);
    await popover.evaluate(`location.href = 'http://example.com/'`);
    await popover.waitForTimeout(500);
    expect(popover.url()).toBe('spendbar://app/index.html');
  });

  it('shows the month-to-date total in the tray tooltip (and title on macOS)', async () => {
    const overview = overviewSchema.parse(await popover.evaluate('window.spendbar.getOverview({})'));
    const shown = await app.evaluate(() => (globalThis as { spendbarE2E?: { trayText(): unknown } }).spendbarE2E?.trayText());
    // Same process locale on both sides: the app formats with the system locale, and so does this.
    expect(shown).toEqual(trayText(overview));
  });

  it('keeps the popover when it is closed (Cmd+W, Alt+F4): it only hides', async () => {
    const after = await app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      window?.close();
      return BrowserWindow.getAllWindows().map((each) => ({ destroyed: each.isDestroyed(), visible: each.isVisible() }));
    });
    expect(after).toEqual([{ destroyed: false, visible: false }]);
  });
});
