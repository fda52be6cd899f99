/**
 * Spendbar's Electron main process, glue only: the engine (src/core) does the work; this wires it to a
 * tray icon, a popover window, IPC and power/network events.
 */
import { join } from 'node:path';
import { app, dialog, globalShortcut, ipcMain, net, Notification, powerMonitor, session } from 'electron';
import type { AccountSummary, Overview, TrayTitle } from '../shared/api.js';
import { openHost } from '../core/host/host.js';
import { focusAccountChannel, overviewChannel, pollProgressChannel } from '../shared/ipc-channels.js';
import { registerApiHandlers } from './ipc.js';
import { createNotifier } from './notifications.js';
import { createPopover } from './popover-window.js';
import { watchPowerAndNetwork } from './power.js';
import { APP_RENDERER_URL, CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY } from './renderer-policy.js';
import { lockDownSession, lockDownWebContents, registerAppScheme, serveRenderer } from './security.js';
import { handleQuit } from './quit.js';
import { launchAtLogin } from './login-item.js';
import { createTray, type SpendbarTray } from './tray.js';
import { trayState } from './tray-state.js';
import { createShortcut } from './shortcut.js';

// The data folder is Electron's userData for "Spendbar", which the CLI computes without Electron
// (src/core/store/data-dir.ts); set explicitly because package.json's lower-case name would give ".../spendbar".
// With SPENDBAR_DATA_DIR, Chromium's own files and the single-instance lock follow the data folder too,
// as they do by default, so a test or second profile never touches the user's real one.
app.setName('Spendbar');
const dataDir = process.env.SPENDBAR_DATA_DIR || join(app.getPath('appData'), 'Spendbar');
app.setPath('userData', dataDir);
// Windows ties toasts (their label, icon and clicks) to the app through this id, which the installer's
// shortcuts carry too (electron-builder's appId).
if (process.platform === 'win32') app.setAppUserModelId('app.spendbar');
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

  // The popover exists only once the host is open; the shortcut toggles it from then on.
  let togglePopover = () => undefined as void;
  const shortcut = createShortcut(globalShortcut, () => togglePopover());
  const host = await openHost({
    applyShortcut: (accelerator) => shortcut.apply(accelerator),
    dataDir,
    demo: process.argv.includes('--demo') || process.env.SPENDBAR_DEMO === '1',
    launchAtLogin: launchAtLogin({ app, platform: process.platform, execPath: process.execPath, env: process.env }),
    otlpFromSettings: true,
  });

  const popover = createPopover({
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    rendererUrl: devServerUrl ?? APP_RENDERER_URL,
    devTools: !app.isPackaged,
    onPreloadError: (preloadPath, error) => {
      // Without its preload the page has no bridge to the app and would show confusing errors.
      console.error(`Spendbar: the popover's preload ${preloadPath} failed:`, error);
      dialog.showErrorBox('Spendbar is damaged', `The popover could not connect to Spendbar (its preload failed to load: ${error.message}). Reinstall Spendbar.`);
    },
  });
  const tray: SpendbarTray = createTray({
    // Rendered by scripts/make-icons.mjs into out/icons, which the package puts at <resources>/icons.
    iconDir: app.isPackaged ? join(process.resourcesPath, 'icons') : join(outDir, 'icons'),
    platform: process.platform,
    onToggle: (trayBounds) => popover.toggle(trayBounds),
    onRefresh: () => void host.api.refresh({}).catch((error: unknown) => console.error('Spendbar: refresh failed:', error)),
    onQuit: () => app.quit(),
  });
  togglePopover = () => popover.toggle(tray.bounds());
  const showOverview = (overview: Overview) => {
    // Thresholds decide whether the icon says "low"; a failure to read them leaves the state to the errors.
    const thresholds = host.api
      .listAccounts({})
      .then(({ accounts }) => new Map(accounts.map((account): [string, AccountSummary['thresholds']] => [account.id, account.thresholds])))
      .catch(() => new Map<string, AccountSummary['thresholds']>());
    // The title format the user chose in Settings; the default if the preferences cannot be read.
    const title = host.api
      .getPreferences({})
      .then((preferences): TrayTitle | undefined => preferences.trayTitle)
      .catch(() => undefined);
    void Promise.all([thresholds, title]).then(([limits, format]) => tray.update(overview, trayState(overview, limits), format));
  };
  void host.api.getPreferences({}).then((preferences) => {
    const result = shortcut.apply(preferences.shortcut ?? null);
    if (!result.ok) console.error(`Spendbar: the shortcut to open the popover is not registered: ${result.message}`);
  });

  const stopIpc = registerApiHandlers(ipcMain, host.api, popover.isTrustedSender);
  const stopOverviews = host.onOverview((overview) => {
    showOverview(overview);
    popover.send(overviewChannel, overview);
  });
  // Small progress events while a cycle runs; the whole overview follows once the cycle is done.
  const stopProgress = host.onProgress((event) => popover.send(pollProgressChannel, event));
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
  // Watch first: started offline or asleep, the host stays paused until both are over.
  const stopWatching = watchPowerAndNetwork({ host, powerMonitor, isOnline: () => net.isOnline() });
  host.start();
  host.api
    .getOverview({})
    .then(showOverview)
    .catch((error: unknown) => console.error('Spendbar: could not read the first overview:', error));

  app.on('second-instance', () => popover.show(tray.bounds()));
  // Opening Spendbar.app from Finder while it runs (macOS).
  app.on('activate', () => popover.show(tray.bounds()));

  handleQuit({
    app,
    stop() {
      stopWatching();
      stopAlerts();
      stopOverviews();
      stopProgress();
      stopIpc();
      shortcut.release();
      popover.destroy();
    },
    close: () => host.close(),
    finish: () => tray.destroy(),
  });

  if (process.env.SPENDBAR_E2E === '1') {
    // Tray text cannot be read back through Electron's API; the end-to-end test reads it here.
    (globalThis as { spendbarE2E?: unknown }).spendbarE2E = { trayText: () => tray.text, trayState: () => tray.state, shortcut: () => shortcut.current };
  }
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Spendbar could not start:', error);
  dialog.showErrorBox('Spendbar could not start', message);
  app.exit(1);
}
