// `npm start`: makes sure the Electron binary is there (downloading it through Electron's own installer on
// first use), renders the icons, then runs electron-vite preview (build + launch). Without a network it
// says plainly that the binary could not be downloaded and what to do, instead of electron-vite's
// "Electron uninstall".
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { downloadAdvice, findElectronBinary, installElectron, repoRoot } from './electron-binary.mjs';

let binary = findElectronBinary();
if (!binary) {
  console.log('Electron is not downloaded yet: fetching it once with install-electron…');
  if (installElectron()) binary = findElectronBinary();
  if (!binary) {
    console.error(downloadAdvice());
    process.exit(1);
  }
}
const icons = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'make-icons.mjs')], { stdio: 'inherit' });
if (icons.status !== 0) process.exit(icons.status ?? 1);
const preview = spawn(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: binary },
});
preview.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
