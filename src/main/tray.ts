/**
 * The tray icon: its picture carries the state on every OS (normal, low balance or runway, an account
 * failing); macOS also shows the month-to-date total beside it. Electron's Tray.setTitle is macOS only
 * (electron.d.ts 45: "@platform darwin"; it does nothing on Linux AppIndicator/StatusNotifier hosts and on
 * Windows), so elsewhere the total is in the tooltip. A click toggles the popover; the menu offers refresh
 * and quit, since a tray app has no dock icon or window menu to quit from.
 */
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type Rectangle } from 'electron';
import type { Overview, TrayTitle } from '../shared/api.js';
import { DEFAULT_TRAY_TITLE, trayText, type TrayText } from './tray-text.js';
import { trayIconName, trayStateLabel, type TrayState } from './tray-state.js';

export interface TrayOptions {
  /** Folder holding the rendered tray icons (see scripts/make-icons.mjs). */
  iconDir: string;
  platform: NodeJS.Platform;
  onToggle(trayBounds?: Rectangle): void;
  onRefresh(): void;
  onQuit(): void;
}

export interface SpendbarTray {
  /** Shows a new overview as title (macOS; in the format the user chose) and tooltip, and the state as the icon. */
  update(overview: Overview, state: TrayState, title?: TrayTitle): void;
  /** What the tray currently says and shows (read by the end-to-end tests). */
  readonly text: TrayText;
  readonly state: TrayState;
  bounds(): Rectangle;
  destroy(): void;
}

function loadIcon(iconDir: string, platform: NodeJS.Platform, state: TrayState) {
  // Electron picks up the @2x file beside each PNG by itself.
  const icon = nativeImage.createFromPath(join(iconDir, `${trayIconName(state, platform)}.png`));
  if (icon.isEmpty()) console.error(`Spendbar: the tray icon ${trayIconName(state, platform)}.png is missing from ${iconDir}.`);
  if (platform === 'darwin') icon.setTemplateImage(true);
  return icon;
}

export function createTray(options: TrayOptions): SpendbarTray {
  const { platform } = options;
  let state: TrayState = 'normal';
  const tray = new Tray(loadIcon(options.iconDir, platform, state));
  let text = trayText(undefined);
  tray.setToolTip(text.tooltip);

  const menu = Menu.buildFromTemplate([
    // All zeros on Linux, which the popover treats as "unknown" and places near the pointer instead.
    { label: 'Open Spendbar', click: () => options.onToggle(tray.getBounds()) },
    { label: 'Refresh Now', click: () => options.onRefresh() },
    { type: 'separator' },
    { label: 'Quit Spendbar', click: () => options.onQuit() },
  ]);

  if (platform === 'linux') {
    // AppIndicator/StatusNotifier hosts open the menu on click and may never send 'click' to us.
    tray.setContextMenu(menu);
  } else {
    // Setting a context menu on macOS/Windows would swallow the left click that opens the popover.
    tray.on('right-click', () => tray.popUpContextMenu(menu));
  }
  if (platform === 'darwin') {
    // Two quick clicks should open and close the popover, not be merged into one double-click.
    tray.setIgnoreDoubleClickEvents(true);
  }
  tray.on('click', (_event, bounds) => options.onToggle(bounds));

  return {
    update(overview, nextState, title = DEFAULT_TRAY_TITLE) {
      text = trayText(overview, undefined, title);
      const label = trayStateLabel(nextState);
      tray.setToolTip(label ? `${text.tooltip.slice(0, 126 - label.length - 3)} — ${label}` : text.tooltip);
      if (nextState !== state) {
        state = nextState;
        tray.setImage(loadIcon(options.iconDir, platform, state));
      }
      // Tabular digits stop the icon jiggling as amounts change.
      if (platform === 'darwin') tray.setTitle(text.title, { fontType: 'monospacedDigit' });
    },
    get text() {
      return text;
    },
    get state() {
      return state;
    },
    bounds: () => tray.getBounds(),
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
