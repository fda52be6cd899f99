/**
 * The few parts of OTLP's protobuf-JSON mapping the receiver reads: key/value attribute lists,
 * nanosecond timestamps as strings, 64-bit integers as strings or numbers. Readers here are tolerant:
 * a field of the wrong type reads as absent, so one odd record never rejects a whole export.
 * https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
 */
import { createHash } from 'node:crypto';
import { Dec } from '../../model/money.js';

/** An attribute value as the decoders use it: scalars only (arrays and maps are not needed). */
export type AttributeValue = string | number | boolean;
export type Attributes = ReadonlyMap<string, AttributeValue>;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an array of objects, or empty when it is anything else. */
export function objects(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** An OTLP AnyValue ({stringValue}, {intValue: "12"}, {doubleValue}, {boolValue}) as a scalar. */
export function anyValue(value: unknown): AttributeValue | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.intValue === 'string' && /^-?\d+$/.test(value.intValue)) return Number(value.intValue);
  if (typeof value.intValue === 'number' && Number.isInteger(value.intValue)) return value.intValue;
  if (typeof value.doubleValue === 'number') return value.doubleValue;
  if (typeof value.doubleValue === 'string' && value.doubleValue.trim() !== '' && Number.isFinite(Number(value.doubleValue))) return Number(value.doubleValue);
  if (typeof value.boolValue === 'boolean') return value.boolValue;
  return undefined;
}

/** `[{key, value}]` as a map; later keys win, as in the SDKs. */
export function attributes(list: unknown): Map<string, AttributeValue> {
  const map = new Map<string, AttributeValue>();
  for (const entry of objects(list)) {
    const value = anyValue(entry.value);
    if (typeof entry.key === 'string' && value !== undefined) map.set(entry.key, value);
  }
  return map;
}

export function text(attrs: Attributes, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attrs.get(key);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** A token count: a whole number from 0 to 1e12, given as a number or a digit string. */
export function count(attrs: Attributes, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = wholeNumber(attrs.get(key));
    if (value !== undefined) return value;
  }
  return undefined;
}

export function wholeNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 1e12 ? number : undefined;
}

/**
 * A USD amount a source computed, as a plain decimal string with at most 12 decimals, or undefined.
 * JSON numbers arrive as doubles; their shortest decimal form is what the sender printed (Python and
 * JavaScript both print the shortest round-trip form), so "0.001047" stays 0.001047.
 */
export function usdAmount(value: unknown): string | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const raw = String(value).trim();
  if (!/^\d*\.?\d+(e[+-]?\d+)?$/i.test(raw)) return undefined;
  const amount = new Dec(raw);
  if (amount.isNaN() || !amount.isFinite() || amount.isNegative() || amount.greaterThan(1e9)) return undefined;
  return amount.toDecimalPlaces(12).toFixed();
}

/** Unix nanoseconds (a digit string or number) as an ISO date-time; undefined for 0 or absent. */
export function isoFromNanos(value: unknown): string | undefined {
  let nanos: bigint;
  try {
    if (typeof value === 'string' && /^\d+$/.test(value)) nanos = BigInt(value);
    else if (typeof value === 'number' && Number.isSafeInteger(value)) nanos = BigInt(value);
    else return undefined;
  } catch {
    return undefined;
  }
  if (nanos === 0n) return undefined;
  const date = new Date(Number(nanos / 1_000_000n));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A short stable id from parts (for dedupe keys built from many attributes). */
export function digest(...parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 32);
}
