/**
 * Launch at login, offered only for a packaged app: an unpackaged run would register the bare Electron
 * binary, which opens Electron's default app at every login. macOS and Windows use Electron's login-item
 * API with the app's own executable; Linux, where that API does not apply, gets an XDG autostart entry.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface LoginItemApp {
  readonly isPackaged: boolean;
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string }): void;
}

export interface LoginItemContext {
  app: LoginItemApp;
  platform: NodeJS.Platform;
  execPath: string;
  env: NodeJS.ProcessEnv;
}

/** The function the host calls when the setting changes, or undefined when it cannot be offered. */
export function launchAtLogin(context: LoginItemContext): ((enabled: boolean) => void) | undefined {
  if (!context.app.isPackaged) return undefined;
  return (enabled) => {
    if (context.platform !== 'linux') {
      context.app.setLoginItemSettings({ openAtLogin: enabled, path: context.execPath });
      return;
    }
    const folder = join(context.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
    const file = join(folder, 'spendbar.desktop');
    if (!enabled) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(folder, { recursive: true });
    // An AppImage runs from a temporary mount; APPIMAGE is the file the user keeps.
    const exec = context.env.APPIMAGE ?? context.execPath;
    writeFileSync(file, `[Desktop Entry]\nType=Application\nName=Spendbar\nExec="${exec}"\nX-GNOME-Autostart-enabled=true\n`);
  };
}
