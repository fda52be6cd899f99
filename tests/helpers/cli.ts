/**
 * Runs the real `spendbar` command (bin/spendbar.js -> out/node/bundle, built by tests/helpers/build-cli.ts as
 * vitest's global setup) in a child process, with its own data folder and environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'spendbar-test-'));
}

/** Environment without the developer's real provider keys, so tests only see what they set. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, NO_PROXY: '127.0.0.1,localhost', ...extra };
}

export function runCli(args: string[], options: { env?: Record<string, string>; dataDir: string; stdin?: string; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'spendbar.js'), ...args], {
      env: cleanEnv({ SPENDBAR_DATA_DIR: options.dataDir, ...options.env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`spendbar ${args.join(' ')} did not finish in time\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The address `serve` printed, token included. */
  readonly base: URL;
  readonly token: string;
  /** A raw HTTP request to the server (no client-side checks), answering status and body text. */
  request(path: string, options?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }>;
}

/** Starts `spendbar serve` with `args` and waits (up to 15 s) for the line with its address. */
export async function startServeProcess(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'spendbar.js'), 'serve', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  const base = new URL(line);
  return {
    child,
    base,
    token: base.searchParams.get('token')!,
    request: (path, options = {}) =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: base.port, path, method: options.method ?? 'POST', headers: { 'content-type': 'application/json', ...options.headers } },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(options.body ?? '{}');
      }),
  };
}
