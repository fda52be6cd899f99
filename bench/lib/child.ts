/** Child processes of the benchmark: the real `spendbar` command, timed from outside. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const repoRoot = join(import.meta.dirname, '..', '..', '..', '..');
export const spendbarBin = join(repoRoot, 'bin', 'spendbar.js');

/** A clean environment: no real provider keys, no proxy for the fakes. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, NO_PROXY: '127.0.0.1,localhost', ...extra };
}

/** Runs a command to its end; wall time in ms and its output. */
export function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code: code ?? -1, stdout, stderr }));
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((text) => text.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

/** Bytes this process has written through write(2) and friends so far (Linux /proc/self/io, wchar). */
export function bytesWritten(): number {
  const line = readFileSync('/proc/self/io', 'utf8').split('\n').find((text) => text.startsWith('wchar:'));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

export interface ServeChild {
  readonly pid: number;
  /** http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** POST /api/<name> with the token; the parsed answer. */
  call(name: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `spendbar serve` and waits for the line with its address. */
export async function startServe(env: NodeJS.ProcessEnv, nodeOptions: string[] = []): Promise<ServeChild> {
  const child = spawn(process.execPath, [...nodeOptions, spendbarBin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}${stderr}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  return {
    pid: child.pid!,
    url,
    origin: parsed.origin,
    token,
    async call(name, body = {}) {
      const response = await fetch(`${parsed.origin}/api/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
