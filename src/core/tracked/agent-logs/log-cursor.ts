/**
 * Reading an append-only log a piece at a time: each file's cursor remembers how far it was read (byte
 * offset) and what the file looked like then (size, mtime, inode). An unchanged file costs one stat. A
 * last line without its newline is still being written and is left for the next read. A file that shrank
 * or was replaced (another inode) is read again from the start; the tracked store's source ids make
 * that harmless.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { z } from 'zod';

export const fileCursorSchema = z.object({
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  mtimeMs: z.number(),
  ino: z.number(),
  /** What a parser must carry from one read to the next (Codex: the model, the last running total). */
  state: z.record(z.string(), z.unknown()).optional(),
});
export type FileCursor = z.infer<typeof fileCursorSchema>;

export interface LogLine {
  readonly text: string;
  /** Byte offset of the line's first byte: with the file's name, a stable id for the line. */
  readonly offset: number;
}

export interface NewLines {
  readonly lines: LogLine[];
  /** Where the next read starts, and the file as it was seen; undefined when the file is unchanged. */
  readonly cursor: FileCursor | undefined;
  /** True when the file was read from the start again (it shrank or was replaced). */
  readonly restarted: boolean;
}

const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

/** The complete lines added to `path` since `cursor`; nothing at all when size, mtime and inode are as before. */
export function readNewLines(path: string, cursor: FileCursor | undefined): NewLines {
  const stat = statSync(path);
  const seen = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  if (cursor && cursor.size === seen.size && cursor.mtimeMs === seen.mtimeMs && cursor.ino === seen.ino) {
    return { lines: [], cursor: undefined, restarted: false };
  }
  const restarted = cursor !== undefined && (cursor.ino !== seen.ino || seen.size < cursor.offset);
  const start = cursor && !restarted ? cursor.offset : 0;
  const lines: LogLine[] = [];
  let consumed = start;
  const fd = openSync(path, 'r');
  try {
    let pending: Buffer = Buffer.alloc(0);
    let pendingStart = start;
    let position = start;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, position);
      if (read === 0) break;
      position += read;
      let chunk = Buffer.concat([pending, buffer.subarray(0, read)]);
      let lineStart = 0;
      for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, lineStart)) {
        lines.push({ text: chunk.subarray(lineStart, index).toString('utf8'), offset: pendingStart + lineStart });
        lineStart = index + 1;
      }
      consumed = pendingStart + lineStart;
      chunk = chunk.subarray(lineStart);
      pending = Buffer.from(chunk);
      pendingStart = consumed;
    }
  } finally {
    closeSync(fd);
  }
  // Size and mtime as seen now; when a partial last line is left, the next stat differs once it completes.
  const state = restarted ? undefined : cursor?.state;
  return { lines, cursor: { offset: consumed, ...seen, ...(state ? { state } : {}) }, restarted };
}
