import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError, writeFileDurably, type WriteIo } from './durable-write.js';

const folder = () => mkdtempSync(join(tmpdir(), 'spendbar-write-'));

/** The real file system, with one call replaced. */
function faulty(overrides: Partial<WriteIo>): WriteIo {
  return { ...(fs as unknown as WriteIo), ...overrides };
}

describe('writeFileDurably', () => {
  it('continues a short write until every byte is on disk', () => {
    const dir = folder();
    const path = join(dir, 'entries.json');
    const content = 'x'.repeat(10_000);
    // A nearly full disk accepts part of a write; a single writeSync would leave a truncated file.
    const io = faulty({ writeSync: (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, Math.min(length, 4096), position) });
    writeFileDurably(path, content, io);
    expect(readFileSync(path, 'utf8')).toBe(content);
  });

  it('treats a write of zero bytes as a full disk and leaves the previous file as it was', () => {
    const dir = folder();
    const path = join(dir, 'entries.json');
    writeFileSync(path, 'previous');
    let calls = 0;
    const io = faulty({ writeSync: (fd, buffer, offset, length, position) => (calls++ === 0 ? fs.writeSync(fd, buffer, offset, Math.min(length, 100), position) : 0) });
    expect(() => writeFileDurably(path, 'y'.repeat(1000), io)).toThrow(/disk is full.*entries\.json was not changed.*Free some space/);
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['entries.json']);
  });

  it.each([
    ['ENOSPC', /disk is full/],
    ['EDQUOT', /quota is used up/],
    ['EIO', /input\/output error.*Check the disk/],
  ])('turns %s from fsync into an error that says what to do, previous file kept', (code, message) => {
    const dir = folder();
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'previous');
    const io = faulty({
      fsyncSync: () => {
        throw Object.assign(new Error(`${code}: failed`), { code });
      },
    });
    let caught: unknown;
    try {
      writeFileDurably(path, 'new', io);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as Error).message).toMatch(message);
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('refuses to rename a file whose size on disk is not what was written', () => {
    const dir = folder();
    const path = join(dir, 'alerts.json');
    writeFileSync(path, 'previous');
    const io = faulty({ fstatSync: () => ({ size: 3 }) });
    expect(() => writeFileDurably(path, 'new content', io)).toThrow(/3 of 11 bytes/);
    expect(readFileSync(path, 'utf8')).toBe('previous');
  });
});
