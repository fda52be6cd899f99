/**
 * The tray icon: a template image with the month-to-date total beside it on macOS, a coloured icon with a
 * tooltip on Windows and Linux. A click toggles the popover; the menu offers refresh and quit, since a
 * tray app has no dock icon or window menu to quit from.
 */
import { join } from 'node:path';
import { Menu, nativeImage, Tray, type Rectangle } from 'electron';
import type { Overview } from '../shared/api.js';
import { trayText, type TrayText } from './tray-text.js';

export interface TrayOptions {
  /** Folder holding trayTemplate.png (+@2x) and tray.png (+@2x). */
  iconDir: string;
  platform: NodeJS.Platform;
  onToggle(trayBounds?: Rectangle): void;
  onRefresh(): void;
  onQuit(): void;
}

export interface SpendbarTray {
  /** Shows the totals of a new overview as title (macOS) and tooltip. */
  update(overview: Overview): void;
  /** What the tray currently says (read by the Electron end-to-end test). */
  readonly text: TrayText;
  bounds(): Rectangle;
  destroy(): void;
}

function loadIcon(iconDir: string, platform: NodeJS.Platform) {
  // Electron picks up the @2x file beside each PNG by itself. macOS tints a template image (black + alpha)
  // to match a light or dark menu bar; elsewhere the icon keeps its colours.
  if (platform !== 'darwin') return nativeImage.createFromPath(join(iconDir, 'tray.png'));
  const icon = nativeImage.createFromPath(join(iconDir, 'trayTemplate.png'));
  icon.setTemplateImage(true);
  return icon;
}

export function createTray(options: TrayOptions): SpendbarTray {
  const { platform } = options;
  const tray = new Tray(loadIcon(options.iconDir, platform));
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
    update(overview) {
      text = trayText(overview);
      tray.setToolTip(text.tooltip);
      // Only macOS shows text beside a tray icon; tabular digits stop the icon jiggling as amounts change.
      if (platform === 'darwin') tray.setTitle(text.title, { fontType: 'monospacedDigit' });
    },
    get text() {
      return text;
    },
    bounds: () => tray.getBounds(),
    destroy() {
      tray.destroy();
    },
  };
}
