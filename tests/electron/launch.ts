/**
 * Runs the built main process (out/main/index.js) under plain Node with the stand-in `electron` module
 * (tests/electron/stand-in), and drives it over the child-process IPC channel.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
const register = join(root, 'tests', 'electron', 'stand-in', 'register.mjs');

/** Builds main, preload, renderer and the icons (about a second each); run once by build-app.ts. */
export function buildApp(): void {
  for (const args of [[join(root, 'scripts', 'make-icons.mjs')], [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']]) {
    const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface Launched {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly dataDir: string;
  /** What the stand-in logged of the app's life (quit events in order) when it exited. */
  readonly exitLog: () => string[];
  cmd<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Resolves with the exit code and how long after `since` the process ended. */
  exited(): Promise<{ code: number | null; at: number }>;
  kill(): void;
}

export interface LaunchOptions {
  platform: NodeJS.Platform;
  env?: Record<string, string>;
  /** Defaults to the repository's built out/main/index.js. */
  main?: string;
  dataDir?: string;
}

export function launch(options: LaunchOptions): Launched {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'spendbar-first-launch-'));
  const main = options.main ?? join(root, 'out', 'main', 'index.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build first`);
  const child = spawn(process.execPath, ['--import', register, main], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      HOME: dataDir,
      // Node's os.tmpdir() follows process.platform: as win32 it reads TEMP.
      TEMP: tmpdir(),
      TMPDIR: tmpdir(),
      XDG_CONFIG_HOME: join(dataDir, 'xdg-config'),
      SPENDBAR_DATA_DIR: dataDir,
      STANDIN_PLATFORM: options.platform,
      STANDIN_APP_PATH: root,
      // No D-Bus session: the real keychain is not reachable from these tests.
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      ...options.env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exitLog: string[] = [];
  child.on('message', (message: { id?: number; result?: unknown; error?: string; event?: string; log?: string[] }) => {
    if (message.event === 'exit') exitLog = message.log ?? [];
    if (message.id === undefined) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  const exit = new Promise<{ code: number | null; at: number }>((resolveExit) => child.on('exit', (code) => resolveExit({ code, at: Date.now() })));
  return {
    child,
    dataDir,
    output: () => output,
    exitLog: () => exitLog,
    cmd<T>(cmd: string, args?: Record<string, unknown>) {
      const id = nextId++;
      return new Promise<T>((resolveCall, reject) => {
        pending.set(id, { resolve: resolveCall as (value: unknown) => void, reject });
        if (!child.connected) return reject(new Error(`the app is gone (${cmd}):\n${output}`));
        child.send({ id, cmd, args });
      });
    },
    exited: () => exit,
    kill: () => void (child.exitCode === null && child.kill('SIGKILL')),
  };
}

export async function until<T>(read: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}
