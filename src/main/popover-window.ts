/**
 * The popover: a small frameless window that opens next to the tray icon and hides when it loses focus.
 * Created hidden at startup, so the first click shows an already-rendered page. Closing it (Cmd+W,
 * Alt+F4) only hides it; should it be destroyed anyway, the next show creates it again.
 */
import { BrowserWindow, screen, type IpcMainInvokeEvent, type Rectangle, type WebFrameMain } from 'electron';
import { isKnownBounds, popoverPosition } from './popover-position.js';
import { isTrustedRendererUrl } from './renderer-policy.js';

export const POPOVER_SIZE = { width: 380, height: 560 };

/** A blur this recent means the tray click that follows it was meant to close, not to reopen. */
const CLICK_AFTER_BLUR_MS = 300;

export interface PopoverOptions {
  preloadPath: string;
  /** Our own renderer: spendbar://app/index.html, or electron-vite's dev server when unpackaged. */
  rendererUrl: string;
  devTools: boolean;
  /** The preload failed: the page has no bridge to the app, so the user must be told plainly. */
  onPreloadError?(preloadPath: string, error: Error): void;
}

export interface Popover {
  readonly window: BrowserWindow;
  /** Opens beside the tray icon (bounds from the click, if the platform gives them), or closes. */
  toggle(trayBounds?: Rectangle): void;
  show(trayBounds?: Rectangle): void;
  hide(): void;
  /** Pushes a message to the page; dropped while the page is gone (it asks again when it loads). */
  send(channel: string, payload: unknown): void;
  /** The API answers only the popover's own top-level page, on our renderer URL. */
  isTrustedSender(frame: WebFrameMain | null, event: IpcMainInvokeEvent): boolean;
  /** Lets the window close for good (on quit). */
  destroy(): void;
}

export function createPopover(options: PopoverOptions): Popover {
  let window = createWindow(options);
  let hiddenByBlurAt = 0;
  let allowClose = false;

  function createWindow(popoverOptions: PopoverOptions): BrowserWindow {
    const created = new BrowserWindow({
      ...POPOVER_SIZE,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'Spendbar',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
        devTools: popoverOptions.devTools,
        preload: popoverOptions.preloadPath,
      },
    });
    // Open on the Space the user is on rather than switching back to the one it first opened on (macOS).
    // Without skipTransformProcessType, macOS turns the agent app into a foreground one: a Dock icon and
    // an app menu appear (electron/electron#25368).
    created.setVisibleOnAllWorkspaces(true, { skipTransformProcessType: true });
    created.on('blur', () => {
      if (created.webContents.isDevToolsOpened()) return;
      hiddenByBlurAt = Date.now();
      created.hide();
    });
    // Cmd+W or Alt+F4 would destroy the window the tray, notifications and a second launch still need.
    created.on('close', (event) => {
      if (allowClose) return;
      event.preventDefault();
      created.hide();
    });
    created.webContents.on('render-process-gone', (_event, details) => {
      console.error(`Spendbar: the popover's renderer stopped (${details.reason}); it reloads when next opened.`);
    });
    created.webContents.on('preload-error', (_event, preloadPath, error) => {
      popoverOptions.onPreloadError?.(preloadPath, error);
    });
    load(created, popoverOptions.rendererUrl);
    return created;
  }

  /** The window, made again if something destroyed it anyway. */
  function current(): BrowserWindow {
    if (window.isDestroyed()) window = createWindow(options);
    return window;
  }

  function show(trayBounds?: Rectangle): void {
    const target = current();
    // Reload on demand rather than on the crash itself, so a page that keeps crashing cannot spin.
    if (target.webContents.isCrashed()) load(target, options.rendererUrl);
    const cursor = screen.getCursorScreenPoint();
    const known = isKnownBounds(trayBounds) ? trayBounds : undefined;
    const display = known ? screen.getDisplayMatching(known) : screen.getDisplayNearestPoint(cursor);
    const [width = POPOVER_SIZE.width, height = POPOVER_SIZE.height] = target.getSize();
    const position = popoverPosition({
      trayBounds: known,
      windowSize: { width, height },
      display: { bounds: display.bounds, workArea: display.workArea },
      cursor,
      platform: process.platform,
    });
    // Wayland compositors ignore client positioning and place the window themselves.
    target.setPosition(position.x, position.y);
    target.show();
    target.focus();
  }

  function hide(): void {
    if (!window.isDestroyed()) window.hide();
  }

  return {
    get window() {
      return current();
    },
    show,
    hide,
    toggle(trayBounds) {
      if (!window.isDestroyed() && window.isVisible()) return hide();
      // Windows and Linux blur the popover before delivering the tray click that should close it.
      if (Date.now() - hiddenByBlurAt < CLICK_AFTER_BLUR_MS) return;
      show(trayBounds);
    },
    send(channel, payload) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) return;
      window.webContents.send(channel, payload);
    },
    isTrustedSender(frame, event) {
      if (!frame || window.isDestroyed()) return false;
      return (
        event.sender.id === window.webContents.id &&
        frame.parent === null &&
        isTrustedRendererUrl(frame.url, options.rendererUrl)
      );
    },
    destroy() {
      allowClose = true;
      if (!window.isDestroyed()) window.destroy();
    },
  };
}

function load(window: BrowserWindow, rendererUrl: string): void {
  window.loadURL(rendererUrl).catch((error: unknown) => {
    console.error(`Spendbar: could not load the popover from ${rendererUrl}:`, error);
  });
}
