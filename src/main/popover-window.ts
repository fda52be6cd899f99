/**
 * The popover: a small frameless window that opens next to the tray icon and hides when it loses focus.
 * Created hidden at startup, so the first click shows an already-rendered page.
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
}

export function createPopover(options: PopoverOptions): Popover {
  const window = new BrowserWindow({
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
      devTools: options.devTools,
      preload: options.preloadPath,
    },
  });
  // Open on the Space the user is on rather than switching back to the one it first opened on (macOS).
  window.setVisibleOnAllWorkspaces(true);

  let hiddenByBlurAt = 0;
  window.on('blur', () => {
    if (window.webContents.isDevToolsOpened()) return;
    hiddenByBlurAt = Date.now();
    window.hide();
  });

  function load(): void {
    window.loadURL(options.rendererUrl).catch((error: unknown) => {
      console.error(`Spendbar: could not load the popover from ${options.rendererUrl}:`, error);
    });
  }
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Spendbar: the popover's renderer stopped (${details.reason}); it reloads when next opened.`);
  });
  load();

  function show(trayBounds?: Rectangle): void {
    // Reload on demand rather than on the crash itself, so a page that keeps crashing cannot spin.
    if (window.webContents.isCrashed()) load();
    const cursor = screen.getCursorScreenPoint();
    const known = isKnownBounds(trayBounds) ? trayBounds : undefined;
    const display = known ? screen.getDisplayMatching(known) : screen.getDisplayNearestPoint(cursor);
    const [width = POPOVER_SIZE.width, height = POPOVER_SIZE.height] = window.getSize();
    const position = popoverPosition({
      trayBounds: known,
      windowSize: { width, height },
      display: { bounds: display.bounds, workArea: display.workArea },
      cursor,
      platform: process.platform,
    });
    // Wayland compositors ignore client positioning and place the window themselves.
    window.setPosition(position.x, position.y);
    window.show();
    window.focus();
  }

  function hide(): void {
    if (!window.isDestroyed()) window.hide();
  }

  return {
    window,
    show,
    hide,
    toggle(trayBounds) {
      if (window.isVisible()) return hide();
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
  };
}
