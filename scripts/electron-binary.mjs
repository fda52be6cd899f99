// Where the Electron binary is, found as node_modules/electron finds it (path.txt, dist/,
// ELECTRON_OVERRIDE_DIST_PATH) but without requiring 'electron', which would start a download. Electron 45
// no longer downloads at `npm install`; its own `install-electron` (node_modules/electron/install.js) does.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

function platformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The binary's path when it is installed, else undefined. */
export function findElectronBinary(root = repoRoot, env = process.env) {
  const moduleDir = join(root, 'node_modules', 'electron');
  const pathFile = join(moduleDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformPath();
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH || join(moduleDir, 'dist'), relative);
  return existsSync(binary) ? binary : undefined;
}

/** Runs Electron's own installer (the `install-electron` bin); returns whether it succeeded. */
export function installElectron(root = repoRoot, env = process.env) {
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  const result = spawnSync(process.execPath, [installer], { cwd: root, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.status !== 0 && result.stderr) process.stderr.write(`${result.stderr.split('\n')[0]}\n`);
  return result.status === 0;
}

export function electronVersion(root = repoRoot) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

export function downloadAdvice(root = repoRoot) {
  const version = electronVersion(root);
  return [
    `Spendbar could not start: the Electron ${version} binary could not be downloaded (no connection to github.com, or a proxy or firewall blocks it).`,
    'What to do:',
    '  - Connect to the internet and run `npm start` again (the download happens once, about 100 MB).',
    '  - Behind a proxy: set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1. With a mirror: set ELECTRON_MIRROR.',
    `  - Or download electron-v${version}-${process.platform}-${process.arch}.zip from https://github.com/electron/electron/releases, unpack it and set ELECTRON_OVERRIDE_DIST_PATH to that folder.`,
    'The CLI and `spendbar serve` need no Electron: `npx spendbar serve` shows the same popover in a browser.',
  ].join('\n');
}
