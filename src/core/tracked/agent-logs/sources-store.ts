/**
 * tracked/sources.json: how far each agent log was read (a cursor per file) and what the last reads
 * found, per source, for the settings view. Written under the data folder lock like every other file.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonAtomic, type StoreContext, type Warn } from '../../store/files.js';
import { fileCursorSchema, type FileCursor } from './log-cursor.js';
import type { AgentLogSource } from './agent-log-format.js';

const sourceStateSchema = z.object({
  files: z.record(z.string(), fileCursorSchema).default({}),
  /** When the source was last read, how many files it had, the records added so far, the newest record's time. */
  lastReadAt: z.string().nullable().default(null),
  filesSeen: z.number().int().nonnegative().default(0),
  recordsAdded: z.number().int().nonnegative().default(0),
  lastRecordAt: z.string().nullable().default(null),
  /** Problems of the last read (an unreadable folder or file), for the user; never file contents. */
  errors: z.array(z.string()).default([]),
});
export type SourceState = z.infer<typeof sourceStateSchema>;

const fileSchema = z.object({ version: z.literal(1), sources: z.record(z.string(), sourceStateSchema).default({}) });

export const emptySourceState = (): SourceState => ({ files: {}, lastReadAt: null, filesSeen: 0, recordsAdded: 0, lastRecordAt: null, errors: [] });

export class SourcesStore {
  private readonly path: string;
  private readonly context: StoreContext;

  constructor(dataDir: string, warn: Warn) {
    this.path = join(dataDir, 'tracked', 'sources.json');
    this.context = { dataDir, warn };
  }

  get(source: AgentLogSource): SourceState {
    return readJsonFile(this.path, fileSchema, this.context)?.sources[source] ?? emptySourceState();
  }

  cursor(source: AgentLogSource, file: string): FileCursor | undefined {
    return this.get(source).files[file];
  }

  /** Call inside the data folder lock. */
  save(source: AgentLogSource, state: SourceState): void {
    const current = readJsonFile(this.path, fileSchema, this.context) ?? { version: 1 as const, sources: {} };
    writeJsonAtomic(this.path, { version: 1, sources: { ...current.sources, [source]: state } });
  }
}
