// `npm run dist` after the build: runs electron-builder for this OS. On macOS an unsigned app gets no
// notifications (Electron posts through UNUserNotificationCenter, which needs a signed app) and is blocked
// by Gatekeeper: with a Developer ID (CSC_LINK or CSC_NAME) electron-builder signs, and notarises when the
// APPLE_API_KEY / APPLE_API_KEY_ID / APPLE_API_ISSUER variables are set; without one the app is signed ad
// hoc, which keeps notifications working on the machine that built it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './electron-binary.mjs';

const args = process.argv.slice(2);
const developerId = Boolean(process.env.CSC_LINK || process.env.CSC_NAME);
if (process.platform === 'darwin' && !developerId) {
  console.log('No Developer ID (CSC_LINK or CSC_NAME): signing ad hoc. See the README for what an unsigned build loses.');
  // Ad hoc signing cannot use the hardened runtime's library validation (electron-builder's identity docs).
  args.push('-c.mac.identity=-', '-c.mac.hardenedRuntime=false');
}
const builder = join(repoRoot, 'node_modules', 'electron-builder', 'cli.js');
const result = spawnSync(process.execPath, [builder, ...args], { cwd: repoRoot, stdio: 'inherit' });
process.exit(result.status ?? 1);
