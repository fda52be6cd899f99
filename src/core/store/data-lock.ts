/**
 * The data folder's lock, `.spendbar.lock`, serialising writes of the app, the CLI and `serve`. The file
 * names its holder (pid, the process's start time, host), so a lock left by a process that was killed
 * is recognised and taken over at once instead of after a timeout, and a live holder can be named when
 * a writer gives up. The lock file is linked into place with its content complete, so it is never seen
 * half written. proper-lockfile is not used: it judges staleness by age only.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ensureDir, StorageError, storageError, TEMP_MARK } from './durable-write.js';
import { isAlive, processStart, sweepTemporaryFiles } from './stale-files.js';

export const LOCK_FILE = '.spendbar.lock';

interface LockOwner {
  pid: number;
  host: string;
  /** The kernel's start time of the process (Linux), so a reused pid is not mistaken for the holder. */
  start?: string;
  since: string;
  command: string;
  token: string;
}

/** Locks this process holds, by lock path: released on exit, whatever ends the process. */
const held = new Map<string, string>();
/** One waiter at a time per folder inside this process; other processes are kept out by the file. */
const chains = new Map<string, Promise<unknown>>();
let exitHookInstalled = false;

export interface LockOptions {
  /** How long to wait for a live holder before giving up (default 10 s). */
  timeoutMs?: number;
}

/** Runs `operation` holding the data folder's lock. */
export async function withLock<T>(dataDir: string, operation: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const previous = chains.get(dataDir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(async () => {
    const lockPath = await acquire(dataDir, options.timeoutMs ?? 10_000);
    try {
      return await operation();
    } finally {
      release(lockPath);
    }
  });
  chains.set(dataDir, run);
  try {
    return await run;
  } finally {
    if (chains.get(dataDir) === run) chains.delete(dataDir);
  }
}

/**
 * Runs `operation` now if the lock is free or this process already holds it (a synchronous caller
 * cannot interleave with this process's own writes); returns false without running it otherwise.
 */
export function withLockIfFree(dataDir: string, operation: () => void): boolean {
  const lockPath = join(dataDir, LOCK_FILE);
  if (held.has(lockPath)) {
    operation();
    return true;
  }
  try {
    if (!tryAcquire(lockPath).acquired) return false;
  } catch {
    return false; // a full disk cannot take the lock either; the caller carries on without it
  }
  try {
    operation();
  } finally {
    release(lockPath);
  }
  return true;
}

async function acquire(dataDir: string, timeoutMs: number): Promise<string> {
  ensureDir(dataDir);
  const lockPath = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 1.5, 100)) {
    const attempt = tryAcquire(lockPath);
    if (attempt.acquired) return lockPath;
    if (Date.now() >= deadline) throw busyError(dataDir, attempt.owner, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function tryAcquire(lockPath: string): { acquired: true } | { acquired: false; owner?: LockOwner } {
  installExitHook();
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    start: processStart(process.pid),
    since: new Date().toISOString(),
    command: process.argv.slice(1, 3).map((part) => basename(part)).join(' '),
    token: randomBytes(8).toString('hex'),
  };
  for (let round = 0; round < 5; round++) {
    if (createWhole(lockPath, JSON.stringify(owner))) {
      held.set(lockPath, owner.token);
      // Writers hold the lock, so a temporary file of a dead process is what a killed writer left.
      sweepTemporaryFiles(dirname(lockPath));
      return { acquired: true };
    }
    const found = readLock(lockPath);
    if (found === undefined) continue; // released between our attempt and the read
    if (!isStale(found)) return { acquired: false, owner: found.owner };
    breakStale(lockPath, found.raw);
  }
  return { acquired: false, owner: readLock(lockPath)?.owner };
}

/** Creates the lock with its content complete (a hard link of a finished file); false if it exists. */
function createWhole(lockPath: string, content: string): boolean {
  const temp = `${lockPath}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, content, { mode: 0o600, flag: 'wx' });
    linkSync(temp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some network shares): an exclusive create instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') return createExclusive(lockPath, content);
    throw storageError(error, dirname(lockPath));
  } finally {
    rmSync(temp, { force: true });
  }
}

function createExclusive(lockPath: string, content: string): boolean {
  try {
    writeFileSync(lockPath, content, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw storageError(error, dirname(lockPath));
  }
}

function readLock(lockPath: string): { raw: string; owner?: LockOwner; ageMs: number } | undefined {
  try {
    const raw = readFileSync(lockPath, 'utf8');
    const ageMs = Date.now() - statSync(lockPath).mtimeMs;
    try {
      return { raw, owner: JSON.parse(raw) as LockOwner, ageMs };
    } catch {
      return { raw, ageMs };
    }
  } catch {
    return undefined;
  }
}

function isStale({ owner, ageMs }: { owner?: LockOwner; ageMs: number }): boolean {
  // Unreadable (written by the exclusive-create fallback and cut short): stale once it is not brand new.
  if (!owner || typeof owner.pid !== 'number') return ageMs > 2_000;
  // Another machine sharing the folder: its processes cannot be asked, so only age tells.
  if (owner.host !== hostname()) return ageMs > 60_000;
  // Our own pid and start time but not a lock we hold: left behind by this process, so not held.
  if (owner.pid === process.pid && owner.start === processStart(process.pid)) return !isHeldToken(owner.token);
  if (!isAlive(owner.pid)) return true;
  const start = processStart(owner.pid);
  return owner.start !== undefined && start !== undefined && start !== owner.start;
}

function isHeldToken(token: string): boolean {
  return [...held.values()].includes(token);
}

/**
 * Removes a stale lock, one breaker at a time (`.spendbar.lock.break`): while the stale lock is in place
 * nobody can create a new one, so checking that it is still the one judged stale and removing it is safe
 * once other breakers are kept out.
 */
function breakStale(lockPath: string, staleRaw: string): void {
  const breaker = `${lockPath}.break`;
  if (!createWhole(breaker, JSON.stringify({ pid: process.pid, host: hostname(), start: processStart(process.pid), token: 'break' }))) {
    // Another process is breaking it now; only a breaker killed in those few microseconds leaves this.
    const other = readLock(breaker);
    if (other && isStale(other)) rmSync(breaker, { force: true });
    return;
  }
  try {
    if (readFileSyncSafe(lockPath) === staleRaw) rmSync(lockPath, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

function readFileSyncSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function release(lockPath: string): void {
  const token = held.get(lockPath);
  held.delete(lockPath);
  if (token === undefined) return;
  try {
    if ((JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner).token === token) rmSync(lockPath, { force: true });
  } catch {
    // Gone already, or replaced by a process that judged this one dead: not ours to remove.
  }
}

/** Whatever ends the process (a signal handler's exit, an uncaught error), its locks go with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => [...held.keys()].forEach(release));
}

function busyError(dataDir: string, owner: LockOwner | undefined, timeoutMs: number): StorageError {
  const who = owner
    ? `process ${owner.pid}${owner.command ? ` (${owner.command})` : ''}${owner.host !== hostname() ? ` on ${owner.host}` : ''}, holding it since ${owner.since}`
    : 'another process';
  return new StorageError(
    `The data folder ${dataDir} is locked by ${who}; it did not finish within ${Math.round(timeoutMs / 1000)} s. Try again; if this keeps happening, stop that process.`,
    'ELOCKED',
  );
}
