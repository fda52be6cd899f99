/**
 * Logs (`POST /v1/logs`): Claude Code's `claude_code.api_request` events, one per model request, with
 * its tokens and the cost Claude Code estimated (`cost_usd`, stored as a reported cost). Claude Code's
 * `input_tokens` excludes cache reads and writes (Anthropic's convention); they are added in here.
 * An event is stored once per Anthropic request id (else per session + sequence number), so the same
 * export received twice adds nothing. Other log records are ignored.
 * https://code.claude.com/docs/en/monitoring-usage#api-request-event
 */
import { Dec } from '../../model/money.js';
import type { UsageInput } from '../usage-input.js';
import { checkedTimestamp, type DecodedUsage } from './decoded.js';
import { anyValue, attributes, count, isoFromNanos, objects, text, usdAmount, type Attributes } from './otlp-json.js';

export interface ClaudeCodeEvents extends DecodedUsage {
  /** Session ids (or "*" when Claude Code sent none) whose api_request events arrived. */
  readonly sessions: string[];
}

export function decodeClaudeCodeEvents(body: Record<string, unknown>, now: Date): ClaudeCodeEvents {
  const result = { usages: [] as UsageInput[], unknownProviders: [] as string[], rejected: [] as string[], sessions: [] as string[] };
  for (const resourceLogs of objects(body.resourceLogs)) {
    const resource = attributes((resourceLogs.resource as { attributes?: unknown } | undefined)?.attributes);
    for (const scopeLogs of objects(resourceLogs.scopeLogs)) {
      for (const record of objects(scopeLogs.logRecords)) {
        const attrs = new Map([...resource, ...attributes(record.attributes)]);
        if (!isApiRequest(record, attrs)) continue;
        const session = text(attrs, 'session.id') ?? '*';
        result.sessions.push(session);
        const model = text(attrs, 'model');
        if (!model) {
          result.rejected.push('A Claude Code api_request event has no model.');
          continue;
        }
        const timestamp = checkedTimestamp(eventTime(record, attrs), now);
        if (!timestamp) {
          result.rejected.push('A Claude Code api_request event is dated in the future.');
          continue;
        }
        const cacheRead = count(attrs, 'cache_read_tokens') ?? 0;
        const cacheWrite = count(attrs, 'cache_creation_tokens') ?? 0;
        const cost = usdAmount(attrs.get('cost_usd')) ?? microsToUsd(count(attrs, 'cost_usd_micros'));
        result.usages.push({
          provider: claudeCodeProvider(model),
          model,
          inputTokens: (count(attrs, 'input_tokens') ?? 0) + cacheRead + cacheWrite,
          outputTokens: count(attrs, 'output_tokens') ?? 0,
          ...(cacheRead ? { cachedInputTokens: cacheRead } : {}),
          ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
          timestamp,
          source: 'otlp',
          sourceId: eventId(attrs, session, timestamp),
          ...(cost === undefined ? {} : { reportedCost: cost }),
        });
      }
    }
  }
  return result;
}

function isApiRequest(record: Record<string, unknown>, attrs: Attributes): boolean {
  const names = [record.eventName, text(attrs, 'event.name'), anyValue(record.body)];
  return names.some((name) => name === 'api_request' || name === 'claude_code.api_request');
}

function eventTime(record: Record<string, unknown>, attrs: Attributes): string | undefined {
  const stated = text(attrs, 'event.timestamp');
  if (stated && !Number.isNaN(Date.parse(stated))) return new Date(stated).toISOString();
  return isoFromNanos(record.timeUnixNano) ?? isoFromNanos(record.observedTimeUnixNano);
}

function eventId(attrs: Attributes, session: string, timestamp: string): string {
  const requestId = text(attrs, 'request_id', 'client_request_id');
  if (requestId) return `claude-code:${requestId}`;
  const sequence = attrs.get('event.sequence');
  return `claude-code:${session}:${sequence ?? timestamp}`;
}

function microsToUsd(micros: number | undefined): string | undefined {
  return micros === undefined ? undefined : new Dec(micros).div(1_000_000).toFixed();
}

/**
 * Claude Code bills through Anthropic unless it runs on Amazon Bedrock ("us.anthropic.claude-…-v1:0",
 * ARNs) or Google Vertex AI ("claude-sonnet-4@20250514"), whose model ids have their own shapes.
 */
export function claudeCodeProvider(model: string): string {
  if (/^(arn:aws:bedrock|([a-z]{2,4}\.)?anthropic\.)/.test(model)) return 'aws';
  if (model.includes('@')) return 'gcp';
  return 'anthropic';
}

