/**
 * Metrics (`POST /v1/metrics`): Claude Code's `claude_code.token.usage` (attribute `type` = input,
 * output, cacheRead or cacheCreation) and `claude_code.cost.usage` (USD) counters, per model.
 *
 * Counting once: Claude Code sends the same requests as `api_request` log events, one per request, and
 * those are preferred. Metric points are used only for sessions whose events have not arrived (logs are
 * exported every 5 s, metrics every 60 s, so a session with events has them in before its metrics).
 *
 * Temporality: Claude Code exports deltas by default, each point counted as it is. Cumulative points
 * (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=cumulative) become deltas against the previous
 * point of the same series, kept in memory. After Spendbar restarts, the first point of a series that
 * began before the receiver started is only a baseline: what it accumulated earlier may have been
 * counted already, so it is not counted again (usage while Spendbar was down is lost, never doubled).
 */
import { Dec } from '../../model/money.js';
import type { UsageInput } from '../usage-input.js';
import { claudeCodeProvider } from './claude-code-events.js';
import { checkedTimestamp, type DecodedUsage } from './decoded.js';
import { attributes, digest, isoFromNanos, isObject, objects, text } from './otlp-json.js';

const TOKEN_TYPES = ['input', 'output', 'cacheRead', 'cacheCreation'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];
/** Cumulative series remembered (per model, type and session); beyond this the least recent is dropped. */
const MAX_SERIES = 20_000;

interface Group {
  session: string;
  model: string;
  time: unknown;
  tokens: Record<TokenType, number>;
  cost?: Dec;
}

export class ClaudeCodeMetrics {
  /** Last cumulative value per series: start time and value. */
  private readonly cumulative = new Map<string, { start: string; value: Dec }>();

  /** @param startedNanos when the receiver started, in Unix nanoseconds. */
  constructor(private readonly startedNanos: bigint) {}

  decode(body: Record<string, unknown>, now: Date, hasEvents: (session: string) => boolean): DecodedUsage {
    const groups = new Map<string, Group>();
    for (const resourceMetrics of objects(body.resourceMetrics)) {
      const resource = attributes((resourceMetrics.resource as { attributes?: unknown } | undefined)?.attributes);
      for (const scopeMetrics of objects(resourceMetrics.scopeMetrics)) {
        for (const metric of objects(scopeMetrics.metrics)) {
          if (metric.name !== 'claude_code.token.usage' && metric.name !== 'claude_code.cost.usage') continue;
          const sum = isObject(metric.sum) ? metric.sum : undefined;
          const cumulative = sum?.aggregationTemporality === 2 || sum?.aggregationTemporality === 'AGGREGATION_TEMPORALITY_CUMULATIVE';
          for (const point of objects(sum?.dataPoints)) {
            const attrs = new Map([...resource, ...attributes(point.attributes)]);
            const model = text(attrs, 'model');
            const value = pointValue(point);
            if (!model || value === undefined) continue;
            const seriesKey = digest(metric.name, [...attrs].sort());
            const delta = cumulative ? this.deltaOf(seriesKey, String(point.startTimeUnixNano ?? ''), value) : value;
            if (delta.isZero()) continue;
            const session = text(attrs, 'session.id') ?? '*';
            const groupKey = digest(session, model, String(point.timeUnixNano ?? ''), [...resource].sort());
            const group = groups.get(groupKey) ?? { session, model, time: point.timeUnixNano, tokens: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 } };
            groups.set(groupKey, group);
            if (metric.name === 'claude_code.cost.usage') group.cost = (group.cost ?? new Dec(0)).plus(delta);
            else {
              const type = text(attrs, 'type');
              if (TOKEN_TYPES.includes(type as TokenType) && delta.isInteger()) group.tokens[type as TokenType] += delta.toNumber();
            }
          }
        }
      }
    }
    return this.toUsage(groups, now, hasEvents);
  }

  private deltaOf(seriesKey: string, start: string, value: Dec): Dec {
    const previous = this.cumulative.get(seriesKey);
    // Re-inserted so the map's order is least recently seen first, and the oldest series go first when full.
    this.cumulative.delete(seriesKey);
    if (this.cumulative.size >= MAX_SERIES) this.cumulative.delete(this.cumulative.keys().next().value!);
    this.cumulative.set(seriesKey, { start, value });
    if (previous && previous.start === start) return value.greaterThanOrEqualTo(previous.value) ? value.minus(previous.value) : value;
    if (previous) return value; // the sender restarted its series
    const began = /^\d+$/.test(start) ? BigInt(start) : 0n;
    return began >= this.startedNanos ? value : new Dec(0);
  }

  private toUsage(groups: Map<string, Group>, now: Date, hasEvents: (session: string) => boolean): DecodedUsage {
    const result = { usages: [] as UsageInput[], unknownProviders: [] as string[], rejected: [] as string[], coveredByEvents: 0 };
    for (const [key, group] of groups) {
      if (hasEvents(group.session)) {
        result.coveredByEvents += 1;
        continue;
      }
      const timestamp = checkedTimestamp(isoFromNanos(group.time), now);
      if (!timestamp) {
        result.rejected.push('A Claude Code metric point is dated in the future.');
        continue;
      }
      const { input, output, cacheRead, cacheCreation } = group.tokens;
      result.usages.push({
        provider: claudeCodeProvider(group.model),
        model: group.model,
        inputTokens: input + cacheRead + cacheCreation,
        outputTokens: output,
        ...(cacheRead ? { cachedInputTokens: cacheRead } : {}),
        ...(cacheCreation ? { cacheWriteTokens: cacheCreation } : {}),
        timestamp,
        source: 'otlp',
        sourceId: `claude-code-metrics:${key}`,
        ...(group.cost && !group.cost.isNegative() ? { reportedCost: group.cost.toDecimalPlaces(12).toFixed() } : {}),
      });
    }
    return result;
  }
}

/** A sum point's value: asInt (a 64-bit integer as a string or number) or asDouble. */
function pointValue(point: Record<string, unknown>): Dec | undefined {
  const raw = point.asInt ?? point.asDouble;
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  if (!/^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(String(raw))) return undefined;
  return new Dec(String(raw));
}
