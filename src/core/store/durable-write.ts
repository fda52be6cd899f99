/**
 * Whole-or-nothing file replacement. The new content goes to a temporary file beside the target, every
 * byte is written (a short write is continued, a write of zero bytes is a full disk), flushed to the disk,
 * its size checked, and only then renamed over the target; the folder is flushed too where the OS allows,
 * so the rename itself survives a power cut. Any failure removes the temporary file and leaves the
 * previous file exactly as it was. write-file-atomic is not used: it ignores a short `writeSync`, which
 * on a nearly full disk renamed a truncated file into place.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The file system calls the writer needs; tests pass a faulty one. */
export interface WriteIo {
  openSync(path: string, flags: string, mode: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
}

const nodeIo: WriteIo = fs;

/** A file of the data folder could not be written; the previous version is untouched. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Temporary files are named `.<target>.spendbar-tmp-<pid>-<random>`; a crashed writer's are swept. */
export const TEMP_MARK = '.spendbar-tmp-';

export function ensureDir(path: string): void {
  try {
    fs.mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw storageError(error, path);
  }
}

export function writeFileDurably(path: string, content: string, io: WriteIo = nodeIo): void {
  ensureDir(dirname(path));
  const bytes = Buffer.from(content, 'utf8');
  const temp = join(dirname(path), `.${basename(path)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
  let fd: number | undefined;
  try {
    fd = io.openSync(temp, 'wx', 0o600);
    let written = 0;
    while (written < bytes.length) {
      const count = io.writeSync(fd, bytes, written, bytes.length - written, written);
      if (count <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
      written += count;
    }
    io.fsyncSync(fd);
    const size = io.fstatSync(fd).size;
    if (size !== bytes.length) throw Object.assign(new Error(`${size} of ${bytes.length} bytes on disk`), { code: 'EIO' });
    io.closeSync(fd);
    fd = undefined;
    io.renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // Already failing; the temporary file is removed below either way.
      }
    }
    io.rmSync(temp, { force: true });
    throw storageError(error, path);
  }
  syncDirectory(dirname(path));
}

export function writeJsonDurably(path: string, value: unknown, io?: WriteIo): void {
  writeFileDurably(path, `${JSON.stringify(value, null, 2)}\n`, io);
}

/** Flushes a folder's entries (the rename). Windows cannot open a folder for this; nothing to do there. */
function syncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder (EINVAL); the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Turns an errno into a message that says what happened to which file and what to do. */
export function storageError(error: unknown, path: string): StorageError {
  if (error instanceof StorageError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${path} was not changed`;
  const detail = (error as Error | undefined)?.message ?? String(error);
  switch (code) {
    case 'ENOSPC':
      return new StorageError(`The disk is full: ${where}. Free some space on the disk holding ${dirname(path)} and try again.`, code);
    case 'EDQUOT':
      return new StorageError(`Your disk quota is used up: ${where}. Delete some files or ask for a larger quota, then try again.`, code);
    case 'EIO':
      return new StorageError(`The disk reported an input/output error (${detail}): ${where}. Check the disk (and its free space), then try again.`, code);
    case 'EROFS':
      return new StorageError(`The disk is read-only: ${where}. Set SPENDBAR_DATA_DIR to a writable folder.`, code);
    case 'EACCES':
    case 'EPERM':
      return new StorageError(`Spendbar may not write there (${code}): ${where}. Check the folder's owner and permissions.`, code);
    default:
      return new StorageError(`Could not write the file (${code ?? detail}): ${where}.`, code);
  }
}
