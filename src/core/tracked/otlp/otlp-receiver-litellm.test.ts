/** LiteLLM's generic_api callback posting StandardLoggingPayload objects (a real captured sample) to /litellm. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverUnderTest } from '../../../../tests/kit/otlp-receiver-kit.js';

const sample = JSON.parse(readFileSync(join(import.meta.dirname, '__fixtures__', 'litellm-standard-logging-payload.json'), 'utf8')) as Record<string, unknown>;
const recent = Date.now() / 1000 - 60;
const openaiCall = { ...sample, id: 'chatcmpl-second', custom_llm_provider: 'openai', model: 'gpt-4o-mini', response_cost: 0.000045, prompt_tokens: 100, completion_tokens: 50, startTime: recent, endTime: recent };
const failedCall = { ...sample, id: 'chatcmpl-failed', status: 'failure', response_cost: 0 };
const azureCall = { ...sample, id: 'chatcmpl-azure', custom_llm_provider: 'azure', model: 'gpt-4o' };
// LiteLLM could not price this one: it says so and sends 0, which must not be stored as $0.
const unpricedByLitellm = { ...openaiCall, id: 'chatcmpl-unpriced', model: 'gpt-4o', response_cost: 0, response_cost_failure_debug_info: { error_str: 'model not mapped' }, prompt_tokens: 1000, completion_tokens: 100 };

let target: ReceiverUnderTest;
beforeEach(async () => {
  target = await startReceiver();
});
afterEach(async () => {
  await target.close();
});

describe('LiteLLM generic_api', () => {
  it('stores NDJSON payloads with LiteLLM’s response_cost, skips failed calls and names unknown providers', async () => {
    const ndjson = [sample, openaiCall, failedCall, azureCall, unpricedByLitellm].map((payload) => JSON.stringify(payload)).join('\n');
    const response = await target.post('/litellm', ndjson);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ accepted: 3, rejected: 1 });
    const byId = Object.fromEntries(target.records('2025-06').concat(target.records()).map((record) => [record.sourceId, record]));
    expect(byId['chatcmpl-fa9be5b7-9487-46ab-86de-6462d578fea1']).toMatchObject({
      provider: 'aws',
      model: 'arn:aws:bedrock:us-west-2:1234567890123:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      inputTokens: 14,
      outputTokens: 67,
      cost: '0.001047',
      costSource: 'reported',
      source: 'litellm',
      timestamp: '2025-06-22T17:59:08.399Z',
    });
    expect(byId['chatcmpl-second']).toMatchObject({ provider: 'openai', cost: '0.000045', costSource: 'reported' });
    // Priced from the list instead: gpt-4o at $2.50 input and $10 output per million.
    expect(byId['chatcmpl-unpriced']).toMatchObject({ cost: '0.0035', costSource: 'price-list' });
    expect(Object.keys(byId)).toHaveLength(3);
    expect(target.receiver.counters.view().unknownProviders).toEqual([{ name: 'azure', calls: 1 }]);
  });

  it('takes LiteLLM’s default JSON array format too, and stores a call sent twice once', async () => {
    expect((await target.post('/litellm', JSON.stringify([openaiCall]))).status).toBe(200);
    expect((await target.post('/litellm', JSON.stringify(openaiCall))).status).toBe(200);
    expect(target.records().map((record) => record.sourceId)).toEqual(['chatcmpl-second']);
    expect(target.receiver.counters.view()).toMatchObject({ added: 1, duplicates: 1 });
  });
});
