/**
 * The desktop app's engine idle: the built main process (out/main/index.js, as `npm run build` makes it)
 * under plain Node with the stand-in `electron` module of tests/electron, because no Electron binary can
 * run here. The same accounts as serve's idle figures (one per provider with a fake, keys from the
 * environment), the same timer counter and idle window once the start-up poll has settled. What Electron
 * itself costs (its renderer and GPU processes) is not in this figure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchEnv, repoRoot, rssMiB } from '../lib/child.js';
import { tempDir } from '../lib/engine.js';
import { benchProviders, startBenchFake } from '../lib/fakes.js';
import { round } from '../lib/stats.js';
import type { Figure } from '../report.js';
import { idleWindow, providerEnv, settle, untilExists } from './idle.js';

export async function appIdle(): Promise<Figure[]> {
  const main = join(repoRoot, 'out', 'main', 'index.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm run bench does).`);
  const fakes = await Promise.all(benchProviders.map((provider) => startBenchFake(provider)));
  const dataDir = tempDir('app-idle');
  const timersFile = join(tempDir('timers'), 'app.json');
  const app = spawn(
    process.execPath,
    ['--import', join(repoRoot, 'tests', 'electron', 'stand-in', 'register.mjs'), '--import', join(repoRoot, 'out', 'bench', 'bench', 'preload-timers.js'), main],
    {
      cwd: repoRoot,
      // The stand-in talks to its tests over an IPC channel; nothing here sends on it.
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      env: benchEnv({
        ...providerEnv(fakes),
        HOME: dataDir,
        XDG_CONFIG_HOME: join(dataDir, 'xdg-config'),
        SPENDBAR_DATA_DIR: dataDir,
        SPENDBAR_BENCH_TIMERS: timersFile,
        STANDIN_PLATFORM: 'linux',
        STANDIN_APP_PATH: repoRoot,
        // Keys come from the environment; the keychain is not asked.
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      }),
    },
  );
  try {
    await untilExists(timersFile);
    await settle(app.pid!, timersFile);
    const polled = benchProviders.filter((_, index) => fakes[index]!.server.requests.length > 0).length;
    const rss = rssMiB(app.pid!);
    const window = await idleWindow(app.pid!, timersFile);
    return [
      {
        name: `app engine idle (built main process under Node with the stand-in electron; ${polled} of ${fakes.length} accounts polled at start): CPU s / timer wake-ups per minute / RSS`,
        value: `${round(window.cpuPerMinute, 2)} s / ${round(window.wakeupsPerMinute)} / ${round(rssMiB(app.pid!))} MiB (${round(rss)} MiB after start)`,
        target: 'reported',
        raw: { ...window, rssStart: rss, polled },
      },
    ];
  } finally {
    app.kill('SIGTERM');
    await Promise.all(fakes.map((fake) => fake.server.close()));
  }
}
