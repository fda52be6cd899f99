/**
 * The JSON form of a month file (history/<account>/<YYYY-MM>.json) and its decoding into Money. Files are
 * written compact; files written pretty-printed by earlier versions, or without the fields added since
 * (`carriedBalances`), read the same way.
 */
import { z } from 'zod';
import { errorKindSchema, confidenceSchema } from '../../shared/api.js';
import { money, formatAmount, type Money } from '../model/money.js';
import type { BreakdownItem, Figure, Snapshot } from '../model/snapshot.js';

const moneyJson = z.object({ amount: z.string(), currency: z.string() });
const figureJson = moneyJson.extend({ confidence: confidenceSchema });

const balancePointJson = figureJson.extend({ at: z.string() });
export type StoredBalancePoint = z.infer<typeof balancePointJson>;

const snapshotJson = z.object({
  month: z.string(),
  monthToDate: figureJson.optional(),
  dailySpend: z.array(z.object({ date: z.string(), amount: z.string(), currency: z.string() })).optional(),
  balance: figureJson.optional(),
  balances: z.array(figureJson).optional(),
  spendLimit: figureJson.optional(),
  quota: z.object({ used: z.number(), limit: z.number().optional(), unit: z.string(), resetsAt: z.string().optional() }).optional(),
  breakdown: z.array(moneyJson.extend({ dimension: z.string(), label: z.string() })).optional(),
  usage: z
    .array(
      z.object({
        model: z.string(),
        inputTokens: z.number().optional(),
        outputTokens: z.number().optional(),
        cachedInputTokens: z.number().optional(),
        requests: z.number().optional(),
      }),
    )
    .optional(),
  forecast: figureJson.optional(),
  notes: z.array(z.string()).optional(),
  fetchedAt: z.string(),
});

export const monthFileSchema = z.object({
  version: z.literal(1),
  accountId: z.string(),
  month: z.string(),
  /**
   * Balance points over time, appended when the balance changes, thinned to each UTC day's first,
   * lowest, highest and last point per currency (balance-points.ts).
   */
  balances: z.array(balancePointJson).default([]),
  /**
   * The latest balance point per currency of the months before this one, carried over when this file was
   * first written: the estimated balance then needs no older file. Absent in files of earlier versions.
   */
  carriedBalances: z.array(balancePointJson).optional(),
  lastGood: snapshotJson.optional(),
  lastAttempt: z
    .object({ at: z.string(), error: z.object({ kind: errorKindSchema, message: z.string() }).nullable() })
    .optional(),
});
export type MonthFile = z.infer<typeof monthFileSchema>;
export type StoredError = NonNullable<MonthFile['lastAttempt']>['error'];

export function figureToJson(figure: Figure) {
  return { amount: formatAmount(figure.money.amount), currency: figure.money.currency, confidence: figure.confidence };
}

function figureFromJson(json: z.infer<typeof figureJson>): Figure {
  return { money: money(json.amount, json.currency), confidence: json.confidence };
}

export function snapshotToJson(snapshot: Snapshot): z.infer<typeof snapshotJson> {
  return {
    month: snapshot.month,
    monthToDate: snapshot.monthToDate && figureToJson(snapshot.monthToDate),
    dailySpend: snapshot.dailySpend?.map((day) => ({ date: day.date, amount: formatAmount(day.money.amount), currency: day.money.currency })),
    balance: snapshot.balance && figureToJson(snapshot.balance),
    balances: snapshot.balances?.map(figureToJson),
    spendLimit: snapshot.spendLimit && figureToJson(snapshot.spendLimit),
    quota: snapshot.quota && { ...snapshot.quota },
    breakdown: snapshot.breakdown?.map((item) => ({
      dimension: item.dimension,
      label: item.label,
      amount: formatAmount(item.money.amount),
      currency: item.money.currency,
    })),
    usage: snapshot.usage?.map((item) => ({ ...item })),
    forecast: snapshot.forecast && figureToJson(snapshot.forecast),
    notes: snapshot.notes ? [...snapshot.notes] : undefined,
    fetchedAt: snapshot.fetchedAt,
  };
}

const decodedPoints = new WeakMap<MonthFile, { at: string; money: Money }[]>();

/** A month file's balance points as Money, decoded once per parsed file (like `lastGoodOf`). */
export function balancePointsOf(file: MonthFile | undefined): readonly { at: string; money: Money }[] {
  if (!file) return [];
  let points = decodedPoints.get(file);
  if (!points) {
    points = file.balances.map((point) => ({ at: point.at, money: money(point.amount, point.currency) }));
    decodedPoints.set(file, points);
  }
  return points;
}

const decodedLastGood = new WeakMap<MonthFile, Snapshot>();

/**
 * A month file's last good snapshot, decoded into Money once: the decoded form is remembered for as long
 * as the parsed file itself is (the store hands out the same parsed file until the file is replaced),
 * so the overview, the runway and the month-end figure never decode the same JSON twice.
 */
export function lastGoodOf(file: MonthFile | undefined): Snapshot | undefined {
  if (!file?.lastGood) return undefined;
  let snapshot = decodedLastGood.get(file);
  if (!snapshot) {
    snapshot = snapshotFromJson(file.lastGood);
    decodedLastGood.set(file, snapshot);
  }
  return snapshot;
}

export function snapshotFromJson(json: z.infer<typeof snapshotJson>): Snapshot {
  return {
    month: json.month,
    monthToDate: json.monthToDate && figureFromJson(json.monthToDate),
    dailySpend: json.dailySpend?.map((day) => ({ date: day.date, money: money(day.amount, day.currency) })),
    balance: json.balance && figureFromJson(json.balance),
    balances: json.balances?.map(figureFromJson),
    spendLimit: json.spendLimit && figureFromJson(json.spendLimit),
    quota: json.quota,
    breakdown: json.breakdown?.map((item) => ({
      dimension: item.dimension as BreakdownItem['dimension'],
      label: item.label,
      money: money(item.amount, item.currency),
    })),
    usage: json.usage,
    forecast: json.forecast && figureFromJson(json.forecast),
    notes: json.notes,
    fetchedAt: json.fetchedAt,
  };
}
