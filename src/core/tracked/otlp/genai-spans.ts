/**
 * Traces (`POST /v1/traces`): spans that carry model usage, in the GenAI semantic conventions
 * (`gen_ai.*`) or the Vercel AI SDK's own attributes (`ai.usage.*`, `ai.model.*`).
 *
 * The AI SDK puts the same usage on an outer span (`ai.generateText`) and on each provider call inside
 * it (`ai.generateText.doGenerate`); only the provider calls (`doGenerate`/`doStream`) are counted, so
 * a call counts once. Those inner spans also carry `gen_ai.*` attributes: one span is one call either way.
 * Each span is stored once per trace id + span id, so an exporter's retry adds nothing.
 */
import type { UsageInput } from '../usage-input.js';
import { checkedTimestamp, inputIncludingCache, type DecodedUsage } from './decoded.js';
import { attributes, count, digest, isoFromNanos, objects, text, type Attributes } from './otlp-json.js';
import { providerIdFor } from './provider-ids.js';

/** The AI SDK operations that are one provider call each. */
const AI_SDK_CALL = /^ai\.(generateText|streamText|generateObject|streamObject)\.do(Generate|Stream)$/;

export function decodeSpans(body: Record<string, unknown>, now: Date): DecodedUsage {
  const result = { usages: [] as UsageInput[], unknownProviders: [] as string[], rejected: [] as string[] };
  for (const resourceSpans of objects(body.resourceSpans)) {
    for (const scopeSpans of objects(resourceSpans.scopeSpans)) {
      for (const span of objects(scopeSpans.spans)) {
        const attrs = attributes(span.attributes);
        const name = typeof span.name === 'string' ? span.name : '';
        const aiSdkOperation = text(attrs, 'ai.operationId') ?? (name.startsWith('ai.') ? name.split(' ')[0] : undefined);
        if (aiSdkOperation !== undefined && !AI_SDK_CALL.test(aiSdkOperation)) continue;
        const tokens = spanTokens(attrs);
        if (!tokens) continue;
        const model = text(attrs, 'gen_ai.response.model', 'gen_ai.request.model', 'ai.response.model', 'ai.model.id');
        const providerName = text(attrs, 'gen_ai.provider.name', 'gen_ai.system', 'ai.model.provider');
        if (!model) {
          result.rejected.push(`Span "${name}" has token usage but no model.`);
          continue;
        }
        const provider = providerName === undefined ? undefined : providerIdFor(providerName);
        if (!provider) {
          result.unknownProviders.push(providerName ?? '(no provider named)');
          continue;
        }
        const timestamp = checkedTimestamp(isoFromNanos(span.endTimeUnixNano) ?? isoFromNanos(span.startTimeUnixNano), now);
        if (!timestamp) {
          result.rejected.push(`Span "${name}" is dated in the future.`);
          continue;
        }
        const ids = typeof span.traceId === 'string' && typeof span.spanId === 'string' && span.traceId && span.spanId;
        result.usages.push({
          provider,
          model,
          ...tokens,
          timestamp,
          source: 'otlp',
          sourceId: ids ? `${span.traceId as string}:${span.spanId as string}` : `span:${digest(name, timestamp, [...attrs])}`,
        });
      }
    }
  }
  return result;
}

function spanTokens(attrs: Attributes): Pick<UsageInput, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteTokens'> | undefined {
  const input = count(attrs, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'ai.usage.inputTokens', 'ai.usage.promptTokens');
  const output = count(attrs, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'ai.usage.outputTokens', 'ai.usage.completionTokens');
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = count(attrs, 'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens', 'ai.usage.cachedInputTokens');
  const cacheWrite = count(attrs, 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens');
  return {
    inputTokens: inputIncludingCache(input ?? 0, cacheRead, cacheWrite),
    outputTokens: output ?? 0,
    ...(cacheRead ? { cachedInputTokens: cacheRead } : {}),
    ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
  };
}
