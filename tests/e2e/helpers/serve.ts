/**
 * Starts `node bin/spendbar.js serve` the way a user would and waits (bounded) for the one line that says
 * where it runs. Every process started here is remembered so afterAll can stop whatever is still alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const READY_LINE = /^Spendbar is running at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)$/;

export interface ServeProcess {
  /** The full URL printed, token included. */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly token: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServeOptions {
  dataDir: string;
  /** Added to a minimal environment: the parent's provider keys must never leak into a test. */
  env?: Record<string, string>;
  args?: string[];
  timeoutMs?: number;
}

const running = new Set<ServeProcess>();

/** True inside helpers/with-keychain.sh (npm run test:e2e), where a real Secret Service holds the keys. */
export function keychainAvailable(): boolean {
  return process.env.SPENDBAR_E2E_KEYCHAIN === '1';
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServe(options: StartServeOptions): Promise<ServeProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: options.dataDir,
    XDG_CONFIG_HOME: options.dataDir,
    LANG: 'C.UTF-8',
    SPENDBAR_DATA_DIR: options.dataDir,
    // Keys go only to the throwaway gnome-keyring of helpers/with-keychain.sh; otherwise to a bus that
    // does not exist, so a test run never touches the developer's own keyring.
    DBUS_SESSION_BUS_ADDRESS: (keychainAvailable() && process.env.DBUS_SESSION_BUS_ADDRESS) || 'unix:path=/nonexistent/spendbar-e2e-bus',
    ...options.env,
  };
  const child = spawn(process.execPath, ['bin/spendbar.js', 'serve', ...(options.args ?? [])], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const ready = new Promise<{ url: string; origin: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve did not print its URL within ${options.timeoutMs ?? 15_000} ms:\n${output}`)),
      options.timeoutMs ?? 15_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = READY_LINE.exec(line.trim());
        if (match) {
          clearTimeout(timer);
          resolve({ url: match[0].slice('Spendbar is running at '.length), origin: match[1]!, token: match[3]! });
        }
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}, signal ${signal}) before it was ready:\n${output}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

  const serve: ServeProcess = {
    url: '',
    origin: '',
    token: '',
    output: () => output,
    async stop() {
      running.delete(serve);
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2_000);
      }
    },
  };
  running.add(serve);
  try {
    Object.assign(serve, await ready);
  } catch (error) {
    await serve.stop();
    throw error;
  }
  return serve;
}

/** Stops every serve process a test started and did not stop itself. */
export async function stopAllServes(): Promise<void> {
  await Promise.all([...running].map((serve) => serve.stop()));
}
