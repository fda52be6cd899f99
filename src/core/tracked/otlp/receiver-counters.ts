/**
 * What the receiver has seen since it started, for the settings section and `serve`: calls received,
 * added, already stored, set aside (and why), models it could not price, providers it does not know.
 */
import type { TrackedRecord } from '../tracked-store.js';
import type { UsageInput } from '../usage-input.js';
import type { DecodedUsage } from './decoded.js';

export interface ReceiverCountersView {
  received: number;
  added: number;
  duplicates: number;
  rejected: number;
  /** Claude Code metric points left out because its api_request events already count those calls. */
  coveredByEvents: number;
  /** Models of added calls with no price (their cost is unknown, never 0), by name. */
  unpricedModels: string[];
  /** Provider names Spendbar could not attribute, with how many calls each. */
  unknownProviders: { name: string; calls: number }[];
  /** When the last call was added (ISO), and the newest usage time among them. */
  lastAddedAt: string | null;
  lastRecordTime: string | null;
  lastError: { at: string; message: string } | null;
}

const MAX_NAMES = 50;

export class ReceiverCounters {
  private received = 0;
  private added = 0;
  private duplicates = 0;
  private rejected = 0;
  private coveredByEvents = 0;
  private readonly unpriced = new Set<string>();
  private readonly unknown = new Map<string, number>();
  private lastAddedAt: string | null = null;
  private lastRecordTime: string | null = null;
  private lastError: ReceiverCountersView['lastError'] = null;

  constructor(private readonly now: () => Date) {}

  decoded(decoded: DecodedUsage): void {
    this.received += decoded.usages.length + decoded.unknownProviders.length + decoded.rejected.length;
    this.rejected += decoded.rejected.length;
    this.coveredByEvents += decoded.coveredByEvents ?? 0;
    for (const name of decoded.unknownProviders) {
      if (this.unknown.has(name) || this.unknown.size < MAX_NAMES) this.unknown.set(name, (this.unknown.get(name) ?? 0) + 1);
    }
    if (decoded.rejected.length > 0) this.error(decoded.rejected[0]!);
  }

  stored(submitted: readonly UsageInput[], added: readonly TrackedRecord[]): void {
    this.added += added.length;
    this.duplicates += submitted.length - added.length;
    for (const record of added) {
      if (record.cost === null && this.unpriced.size < MAX_NAMES) this.unpriced.add(`${record.provider}/${record.model}`);
      if (this.lastRecordTime === null || record.timestamp > this.lastRecordTime) this.lastRecordTime = record.timestamp;
    }
    if (added.length > 0) this.lastAddedAt = this.now().toISOString();
  }

  error(message: string): void {
    this.lastError = { at: this.now().toISOString(), message };
  }

  view(): ReceiverCountersView {
    return {
      received: this.received,
      added: this.added,
      duplicates: this.duplicates,
      rejected: this.rejected,
      coveredByEvents: this.coveredByEvents,
      unpricedModels: [...this.unpriced].sort(),
      unknownProviders: [...this.unknown].map(([name, calls]) => ({ name, calls })).sort((a, b) => a.name.localeCompare(b.name)),
      lastAddedAt: this.lastAddedAt,
      lastRecordTime: this.lastRecordTime,
      lastError: this.lastError,
    };
  }
}
