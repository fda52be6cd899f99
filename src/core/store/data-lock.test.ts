import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, withLock } from './data-lock.js';

const folder = () => mkdtempSync(join(tmpdir(), 'spendbar-lock-'));
const children: { kill(): void }[] = [];
afterEach(() => children.splice(0).forEach((child) => child.kill()));

function startOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function writeLock(dir: string, owner: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ host: hostname(), since: '2026-11-21T10:00:00.000Z', command: 'spendbar.js serve', token: 'other', ...owner }));
}

describe('the data folder lock', () => {
  it('takes over at once a lock whose holder was killed', async () => {
    const dir = folder();
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    writeLock(dir, { pid: dead });
    const started = Date.now();
    expect(await withLock(dir, () => 'written')).toBe('written');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid now belongs to another process', async () => {
    const dir = folder();
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    writeLock(dir, { pid: sleeper.pid, start: '1' });
    expect(await withLock(dir, () => 'written', { timeoutMs: 300 })).toBe('written');
  });

  it('waits for a live holder, then names it', async () => {
    const dir = folder();
    const sleeper = spawn('sleep', ['30']);
    children.push(sleeper);
    writeLock(dir, { pid: sleeper.pid, start: startOf(sleeper.pid!) });
    await expect(withLock(dir, () => 'written', { timeoutMs: 300 })).rejects.toThrow(
      new RegExp(`locked by process ${sleeper.pid} \\(spendbar\\.js serve\\), holding it since 2026-11-21T10:00:00\\.000Z.*stop that process`),
    );
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  });

  it('runs one holder at a time within a process and removes the lock after each', async () => {
    const dir = folder();
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(dir, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('releases the lock when the operation throws', async () => {
    const dir = folder();
    await expect(withLock(dir, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    expect(await withLock(dir, () => 1)).toBe(1);
  });
});
