/**
 * `npm start` on a machine that cannot download Electron: it tries Electron's own installer, then says
 * plainly what went wrong and what to do, instead of electron-vite's "Error: Electron uninstall".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { root } from './launch.js';

/** A port nothing listens on: the download is refused at once, as offline. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('says the Electron binary could not be downloaded, and what to do, when offline', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'spendbar-no-electron-'));
  try {
    const port = await closedPort();
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: empty,
        // No binary here, whatever this machine has installed, and every download refused.
        ELECTRON_OVERRIDE_DIST_PATH: empty,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_config_cache: join(empty, 'cache'),
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/fetching it once with install-electron/);
    expect(output).toMatch(/the Electron \d+\.\d+\.\d+ binary could not be downloaded/);
    expect(output).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
    expect(output).not.toMatch(/Electron uninstall/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}, 60_000);
