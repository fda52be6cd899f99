/**
 * Spendbar's Electron main process, glue only: the engine (src/core) does the work; this wires it to a
 * tray icon, a popover window, IPC and power/network events.
 * Launch at login is left to a later issue (app.setLoginItemSettings on macOS and Windows, an XDG
 * autostart entry on Linux, where Electron's login-item API does not apply).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, ipcMain, net, Notification, powerMonitor, session } from 'electron';
import { openHost } from '../core/host.js';
import { focusAccountChannel, overviewChannel } from '../shared/ipc-channels.js';
import { registerApiHandlers } from './ipc.js';
import { createNotifier } from './notifications.js';
import { createPopover } from './popover-window.js';
import { watchPowerAndNetwork } from './power.js';
import { APP_RENDERER_URL, CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from './renderer-policy.js';
import { lockDownSession, lockDownWebContents, registerAppScheme, serveRenderer } from './security.js';
import { createTray, type SpendbarTray } from './tray.js';

// The data folder is Electron's userData for "Spendbar", which the CLI computes without Electron
// (src/core/data-dir.ts); set explicitly because package.json's lower-case name would give ".../spendbar".
// With SPENDBAR_DATA_DIR, Chromium's own files and the single-instance lock follow the data folder too,
// as they do by default, so a test or second profile never touches the user's real one.
app.setName('Spendbar');
const dataDir = process.env.SPENDBAR_DATA_DIR || join(app.getPath('appData'), 'Spendbar');
app.setPath('userData', dataDir);
registerAppScheme();
lockDownWebContents();

/** out/ of the build: main/index.js is this file; preload/ and renderer/ sit beside it. */
const outDir = join(import.meta.dirname, '..');
// Only an unpackaged run may load electron-vite's dev server; a packaged app never follows an env URL.
const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined;

if (!app.requestSingleInstanceLock()) {
  // Another Spendbar is running; it opens its popover on 'second-instance'.
  app.quit();
} else {
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  // No dock icon on macOS: LSUIElement does this for packaged builds, this covers unpackaged runs.
  app.dock?.hide();
  lockDownSession(session.defaultSession, devServerUrl ? DEV_SERVER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
  serveRenderer(join(outDir, 'renderer'));

  const host = await openHost({
    dataDir,
    demo: process.argv.includes('--demo') || process.env.SPENDBAR_DEMO === '1',
    launchAtLogin: setLaunchAtLogin,
  });

  const popover = createPopover({
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    rendererUrl: devServerUrl ?? APP_RENDERER_URL,
    devTools: !app.isPackaged,
  });
  const tray: SpendbarTray = createTray({
    iconDir: app.isPackaged ? join(process.resourcesPath, 'icons') : join(app.getAppPath(), 'resources'),
    platform: process.platform,
    onToggle: (trayBounds) => popover.toggle(trayBounds),
    onRefresh: () => void host.api.refresh({}).catch((error: unknown) => console.error('Spendbar: refresh failed:', error)),
    onQuit: () => app.quit(),
  });

  const stopIpc = registerApiHandlers(ipcMain, host.api, popover.isTrustedSender);
  const stopOverviews = host.onOverview((overview) => {
    tray.update(overview);
    popover.send(overviewChannel, overview);
  });
  // A click opens the popover, whose alert history lists the alert (focusing its account: not yet).
  const stopAlerts = host.onAlert(
    createNotifier({
      Notification,
      onClick: (alert) => {
        popover.show(tray.bounds());
        // An overall budget alert has no account: the popover then simply opens on its list.
        if (alert.accountId) popover.send(focusAccountChannel, alert.accountId);
      },
    }),
  );
  const stopWatching = watchPowerAndNetwork({ host, powerMonitor, isOnline: () => net.isOnline() });
  host.start();
  host.api
    .getOverview({})
    .then((overview) => tray.update(overview))
    .catch((error: unknown) => console.error('Spendbar: could not read the first overview:', error));

  app.on('second-instance', () => popover.show(tray.bounds()));

  let closed = false;
  let closing = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    // Let the host finish a poll in flight and release its files before the process goes.
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopWatching();
    stopAlerts();
    stopOverviews();
    stopIpc();
    host
      .close()
      .catch((error: unknown) => console.error('Spendbar: closing the data folder failed:', error))
      .finally(() => {
        closed = true;
        tray.destroy();
        app.quit();
      });
  });

  if (process.env.SPENDBAR_E2E === '1') {
    // Tray text cannot be read back through Electron's API; the end-to-end test reads it here.
    (globalThis as { spendbarE2E?: unknown }).spendbarE2E = { trayText: () => tray.text };
  }
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Spendbar could not start:', error);
  dialog.showErrorBox('Spendbar could not start', message);
  app.exit(1);
}

/**
 * Launch at login: Electron's login-item API on macOS and Windows; on Linux it does not apply, so an XDG
 * autostart entry is written instead.
 */
function setLaunchAtLogin(enabled: boolean): void {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: enabled });
    return;
  }
  const folder = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
  const file = join(folder, 'spendbar.desktop');
  if (!enabled) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(folder, { recursive: true });
  const exec = process.env.APPIMAGE ?? process.execPath;
  writeFileSync(file, `[Desktop Entry]\nType=Application\nName=Spendbar\nExec="${exec}"\nX-GNOME-Autostart-enabled=true\n`);
}
