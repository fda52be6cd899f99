import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder shared by the app, the CLI and `serve`: Electron's userData for the app name "Spendbar",
 * computed here without Electron so that all three agree. SPENDBAR_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SPENDBAR_DATA_DIR) return env.SPENDBAR_DATA_DIR;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Spendbar');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Spendbar');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Spendbar');
}
