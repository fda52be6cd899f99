/**
 * One read of an agent's logs: find its `*.jsonl` files, read what each gained since its cursor, price
 * and store the usage (the tracked store drops what it already has), then move the cursors on. Cursors
 * move only after the records are stored, so a read cut short is repeated, never lost.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withLock } from '../../store/files.js';
import type { TrackedRecord } from '../tracked-store.js';
import type { UsageInput } from '../usage-input.js';
import type { AgentLogFormat } from './agent-log-format.js';
import { readNewLines, type FileCursor } from './log-cursor.js';
import type { SourcesStore } from './sources-store.js';

export interface AgentLogReport {
  readonly source: AgentLogFormat['id'];
  /** Log files found. */
  readonly files: number;
  /** Files that had something new and were read. */
  readonly read: number;
  /** Calls found in what was read, and of them those stored now / already stored. */
  readonly found: number;
  readonly added: number;
  readonly duplicates: number;
  /** Models of the added records that have no known price. */
  readonly unpriced: string[];
  /** Lines that looked like usage but could not be read. */
  readonly skipped: number;
  readonly errors: string[];
  readonly lastRecordAt: string | null;
}

export interface ReadDeps {
  readonly dataDir: string;
  readonly sources: SourcesStore;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  track(inputs: readonly UsageInput[]): Promise<TrackedRecord[]>;
}

export interface ReadOptions {
  /** Folders (or single files) to read instead of the agent's standard folders. */
  readonly paths?: readonly string[];
  /** Called after each file, for progress on a terminal. */
  readonly onFile?: (done: number, total: number) => void;
}

export async function readAgentLogs(format: AgentLogFormat, deps: ReadDeps, options: ReadOptions = {}): Promise<AgentLogReport> {
  const roots = (options.paths ?? format.roots(deps.env)).map((path) => resolve(path));
  const errors: string[] = [];
  const files = roots.flatMap((root) => logFiles(root, errors));
  const state = deps.sources.get(format.id);
  const cursors: Record<string, FileCursor> = { ...state.files };
  const usages: UsageInput[] = [];
  let read = 0;
  let skipped = 0;
  files.forEach((file, index) => {
    try {
      const fresh = readNewLines(file, cursors[file]);
      if (fresh.cursor) {
        const parsed = format.parse(fresh.lines, file, fresh.cursor.state, deps.now());
        usages.push(...parsed.usages);
        skipped += parsed.skipped;
        // Held lines are read again next time even if the file does not change (mtime 0 never matches).
        const held = parsed.holdFrom === undefined ? {} : { offset: parsed.holdFrom, mtimeMs: 0 };
        cursors[file] = { ...fresh.cursor, ...held, ...(parsed.state ? { state: parsed.state } : {}) };
        read += 1;
      }
    } catch (error) {
      errors.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    options.onFile?.(index + 1, files.length);
  });
  const added = usages.length > 0 ? await deps.track(usages) : [];
  const newest = added.reduce<string | null>((latest, record) => (latest === null || record.timestamp > latest ? record.timestamp : latest), state.lastRecordAt);
  await withLock(deps.dataDir, () => {
    // Files that disappeared are forgotten; a new file by the same name is read from the start.
    const kept = Object.fromEntries(files.filter((file) => cursors[file]).map((file) => [file, cursors[file]!]));
    deps.sources.save(format.id, {
      files: options.paths ? { ...deps.sources.get(format.id).files, ...kept } : kept,
      lastReadAt: deps.now().toISOString(),
      filesSeen: files.length,
      recordsAdded: deps.sources.get(format.id).recordsAdded + added.length,
      lastRecordAt: newest,
      errors: errors.slice(0, 10),
    });
  });
  return {
    source: format.id,
    files: files.length,
    read,
    found: usages.length,
    added: added.length,
    duplicates: usages.length - added.length,
    unpriced: [...new Set(added.filter((record) => record.cost === null).map((record) => record.model))].sort(),
    skipped,
    errors,
    lastRecordAt: newest,
  };
}

/** Every `*.jsonl` under a folder (or the path itself when it is a file); a missing folder is no error. */
function logFiles(root: string, errors: string[]): string[] {
  if (!existsSync(root)) return [];
  try {
    if (statSync(root).isFile()) return [root];
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.jsonl'))
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch (error) {
    errors.push(`${root}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return [];
  }
}
