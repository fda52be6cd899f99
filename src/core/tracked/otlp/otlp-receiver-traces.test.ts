/**
 * Real OTLP/HTTP JSON from the OpenTelemetry JavaScript SDK's own trace exporter, sent to the receiver:
 * GenAI spans priced from the price list, a Vercel AI SDK call counted once, a retried export adding
 * nothing, and what cannot be priced or attributed named in the status.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverUnderTest } from '../../../../tests/kit/otlp-receiver-kit.js';

let target: ReceiverUnderTest;
beforeEach(async () => {
  target = await startReceiver();
});
afterEach(async () => {
  await target.close();
});

/** Records spans with the SDK, then sends them through its OTLP/HTTP JSON exporter (as often as asked). */
async function exportSpans(record: (tracer: ReturnType<BasicTracerProvider['getTracer']>) => void, times = 1): Promise<void> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  record(provider.getTracer('spendbar-test'));
  await provider.forceFlush();
  const spans: ReadableSpan[] = memory.getFinishedSpans();
  const exporter = new OTLPTraceExporter({ url: `${target.url}/v1/traces` });
  for (let attempt = 0; attempt < times; attempt += 1) {
    const result = await new Promise<{ code: number; error?: Error }>((resolve) => exporter.export(spans, resolve));
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);
  }
  await exporter.shutdown();
}

describe('OTLP traces', () => {
  it('prices GenAI spans from the price list (input tokens include cache reads and writes)', async () => {
    await exportSpans((tracer) => {
      tracer
        .startSpan('chat gpt-4o', {
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'gpt-4o',
            'gen_ai.response.model': 'gpt-4o-2024-08-06',
            'gen_ai.usage.input_tokens': 1000,
            'gen_ai.usage.output_tokens': 500,
            'gen_ai.usage.cache_read.input_tokens': 200,
          },
        })
        .end();
      tracer
        .startSpan('chat claude-sonnet-4-5', {
          attributes: {
            'gen_ai.system': 'anthropic',
            'gen_ai.request.model': 'claude-sonnet-4-5',
            'gen_ai.usage.input_tokens': 3000,
            'gen_ai.usage.output_tokens': 100,
            'gen_ai.usage.cache_read.input_tokens': 1000,
            'gen_ai.usage.cache_creation.input_tokens': 1000,
          },
        })
        .end();
    });
    const records = target.records();
    const byModel = Object.fromEntries(records.map((record) => [record.model, record]));
    // gpt-4o: $2.50 input, $1.25 cached input, $10 output per million: 800 x 2.50 + 200 x 1.25 + 500 x 10.
    expect(byModel['gpt-4o-2024-08-06']).toMatchObject({ provider: 'openai', source: 'otlp', inputTokens: 1000, cachedInputTokens: 200, outputTokens: 500, cost: '0.00725', costSource: 'price-list' });
    // claude-sonnet-4-5: $3 input, $0.30 cache read, $3.75 cache write, $15 output per million.
    expect(byModel['claude-sonnet-4-5']).toMatchObject({ provider: 'anthropic', inputTokens: 3000, cachedInputTokens: 1000, cacheWriteTokens: 1000, cost: '0.00855' });
    expect(records[0]!.sourceId).toMatch(/^[0-9a-f]{32}:[0-9a-f]{16}$/);
  });

  it('counts a Vercel AI SDK call once: the doGenerate span, not the generateText span around it', async () => {
    await exportSpans((tracer) => {
      const outer = tracer.startSpan('ai.generateText', {
        attributes: { 'ai.operationId': 'ai.generateText', 'ai.model.id': 'gpt-4o-mini', 'ai.model.provider': 'openai.chat', 'ai.usage.promptTokens': 100, 'ai.usage.completionTokens': 50 },
      });
      tracer
        .startSpan('ai.generateText.doGenerate', {
          attributes: {
            'ai.operationId': 'ai.generateText.doGenerate',
            'ai.model.id': 'gpt-4o-mini',
            'ai.model.provider': 'openai.chat',
            'ai.usage.promptTokens': 100,
            'ai.usage.completionTokens': 50,
            'gen_ai.system': 'openai.chat',
            'gen_ai.request.model': 'gpt-4o-mini',
            'gen_ai.usage.input_tokens': 100,
            'gen_ai.usage.output_tokens': 50,
          },
        })
        .end();
      outer.end();
    });
    const records = target.records();
    // gpt-4o-mini: $0.15 input and $0.60 output per million.
    expect(records.map((record) => [record.model, record.inputTokens, record.outputTokens, record.cost])).toEqual([['gpt-4o-mini', 100, 50, '0.000045']]);
  });

  it('adds nothing when the exporter sends the same spans again', async () => {
    await exportSpans((tracer) => {
      tracer.startSpan('chat', { attributes: { 'gen_ai.provider.name': 'deepseek', 'gen_ai.request.model': 'deepseek-chat', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5 } }).end();
    }, 2);
    expect(target.records()).toHaveLength(1);
    expect(target.receiver.counters.view()).toMatchObject({ received: 2, added: 1, duplicates: 1 });
  });

  it('names models it cannot price and providers it does not know, and stores no $0', async () => {
    await exportSpans((tracer) => {
      tracer.startSpan('chat', { attributes: { 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-imaginary-9', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5 } }).end();
      tracer.startSpan('chat', { attributes: { 'gen_ai.provider.name': 'cohere', 'gen_ai.request.model': 'command-r', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5 } }).end();
      tracer.startSpan('GET /health', { attributes: { 'http.request.method': 'GET' } }).end();
    });
    const records = target.records();
    expect(records.map((record) => [record.model, record.cost])).toEqual([['gpt-imaginary-9', null]]);
    expect(target.receiver.counters.view()).toMatchObject({ received: 2, added: 1, unpricedModels: ['openai/gpt-imaginary-9'], unknownProviders: [{ name: 'cohere', calls: 1 }] });
  });
});
