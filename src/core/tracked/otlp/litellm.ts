/**
 * LiteLLM (`POST /litellm`): its `generic_api` logging callback posts StandardLoggingPayload objects,
 * as a JSON array (its default `log_format: json_array`), one object (`single`) or newline-delimited
 * JSON (`ndjson`), always with Content-Type application/json. Each successful call becomes one tracked
 * record with LiteLLM's `response_cost` as a reported cost, stored once per payload `id`.
 * https://github.com/BerriAI/litellm/blob/main/litellm/integrations/generic_api/generic_api_callback.py
 */
import type { UsageInput } from '../usage-input.js';
import { checkedTimestamp, inputIncludingCache, type DecodedUsage } from './decoded.js';
import { isObject, usdAmount, wholeNumber } from './otlp-json.js';
import { providerIdFor } from './provider-ids.js';

export class MalformedBodyError extends Error {}

/** The payloads in a body: a JSON array or object, else NDJSON. Any line that is not JSON refuses the whole body. */
export function litellmPayloads(body: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return body
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new MalformedBodyError(`Line ${index + 1} of the body is not JSON.`);
        }
      });
  }
}

export function decodeLitellm(payloads: readonly unknown[], now: Date): DecodedUsage {
  const result = { usages: [] as UsageInput[], unknownProviders: [] as string[], rejected: [] as string[] };
  for (const payload of payloads) {
    if (!isObject(payload)) {
      result.rejected.push('A LiteLLM payload is not an object.');
      continue;
    }
    if (payload.status === 'failure') continue; // a failed call: no usage
    const id = typeof payload.id === 'string' && payload.id !== '' ? payload.id : undefined;
    const model = typeof payload.model === 'string' && payload.model.trim() !== '' ? payload.model.trim() : undefined;
    if (!id || !model) {
      result.rejected.push('A LiteLLM payload has no id or no model.');
      continue;
    }
    const providerName = typeof payload.custom_llm_provider === 'string' ? payload.custom_llm_provider : undefined;
    const provider = providerName === undefined ? undefined : providerIdFor(providerName);
    if (!provider) {
      result.unknownProviders.push(providerName ?? '(no provider named)');
      continue;
    }
    const seconds = typeof payload.endTime === 'number' ? payload.endTime : payload.startTime;
    const timestamp = checkedTimestamp(typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined, now);
    if (!timestamp) {
      result.rejected.push(`LiteLLM call ${id} is dated in the future.`);
      continue;
    }
    const usage = usageObject(payload);
    const cacheRead = wholeNumber(usage.cache_read_input_tokens) ?? wholeNumber((usage.prompt_tokens_details as { cached_tokens?: unknown } | undefined)?.cached_tokens);
    const cacheWrite = wholeNumber(usage.cache_creation_input_tokens);
    // LiteLLM sets response_cost to 0 and explains why in response_cost_failure_debug_info when it could not price a call.
    const cost = isObject(payload.response_cost_failure_debug_info) ? undefined : usdAmount(payload.response_cost);
    result.usages.push({
      provider,
      model,
      inputTokens: inputIncludingCache(wholeNumber(payload.prompt_tokens) ?? wholeNumber(usage.prompt_tokens) ?? 0, cacheRead, cacheWrite),
      outputTokens: wholeNumber(payload.completion_tokens) ?? wholeNumber(usage.completion_tokens) ?? 0,
      ...(cacheRead ? { cachedInputTokens: cacheRead } : {}),
      ...(cacheWrite ? { cacheWriteTokens: cacheWrite } : {}),
      timestamp,
      source: 'litellm',
      sourceId: id,
      ...(cost === undefined ? {} : { reportedCost: cost }),
    });
  }
  return result;
}

/** The OpenAI-style usage object LiteLLM keeps in metadata.usage_object (older versions: response.usage). */
function usageObject(payload: Record<string, unknown>): Record<string, unknown> {
  const metadata = isObject(payload.metadata) ? payload.metadata : {};
  if (isObject(metadata.usage_object)) return metadata.usage_object;
  const response = isObject(payload.response) ? payload.response : {};
  return isObject(response.usage) ? response.usage : {};
}
