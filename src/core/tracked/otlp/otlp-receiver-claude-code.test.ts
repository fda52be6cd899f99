/**
 * Claude-Code-shaped telemetry through the OpenTelemetry JavaScript SDK's own log and metric exporters:
 * api_request events stored with Claude Code's cost, metrics counted only for sessions without events,
 * cumulative metrics turned into deltas.
 */
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { AggregationTemporalityPreference, OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverUnderTest } from '../../../../tests/kit/otlp-receiver-kit.js';

let target: ReceiverUnderTest;
beforeEach(async () => {
  target = await startReceiver();
});
afterEach(async () => {
  await target.close();
});

const resource = () => resourceFromAttributes({ 'service.name': 'claude-code', 'service.version': '2.1.0' });

/** One api_request event as Claude Code emits it: standard attributes plus the request's, values as strings. */
async function emitApiRequests(events: Record<string, string>[]): Promise<void> {
  const provider = new LoggerProvider({ resource: resource(), processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${target.url}/v1/logs` }) })] });
  const logger = provider.getLogger('com.anthropic.claude_code.events');
  for (const attributes of events) logger.emit({ body: 'claude_code.api_request', attributes: { 'event.name': 'api_request', ...attributes } });
  await provider.forceFlush();
  await provider.shutdown();
}

function meter(temporality: AggregationTemporalityPreference) {
  const exporter = new OTLPMetricExporter({ url: `${target.url}/v1/metrics`, temporalityPreference: temporality });
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ resource: resource(), readers: [reader] });
  const m = provider.getMeter('com.anthropic.claude_code');
  return { provider, tokens: m.createCounter('claude_code.token.usage', { unit: 'tokens' }), cost: m.createCounter('claude_code.cost.usage', { unit: 'USD' }) };
}

describe('Claude Code telemetry', () => {
  it('stores each api_request event once, with Claude Code’s own cost and cache tokens inside input', async () => {
    const event = {
      'session.id': 'session-a',
      'event.timestamp': new Date().toISOString(),
      'event.sequence': '7',
      model: 'claude-sonnet-4-5-20250929',
      cost_usd: '0.0228375',
      input_tokens: '1200',
      output_tokens: '850',
      cache_read_tokens: '25000',
      cache_creation_tokens: '1500',
      request_id: 'req_011CTestRequest',
    };
    await emitApiRequests([event]);
    await emitApiRequests([event]);
    expect(target.records()).toEqual([
      expect.objectContaining({
        provider: 'anthropic',
        model: 'claude-sonnet-4-5-20250929',
        inputTokens: 27_700,
        cachedInputTokens: 25_000,
        cacheWriteTokens: 1500,
        outputTokens: 850,
        cost: '0.0228375',
        costSource: 'reported',
        source: 'otlp',
        sourceId: 'claude-code:req_011CTestRequest',
      }),
    ]);
    expect(target.receiver.counters.view()).toMatchObject({ added: 1, duplicates: 1 });
  });

  it('counts metrics only for sessions whose api_request events did not arrive (delta temporality)', async () => {
    await emitApiRequests([{ 'session.id': 'with-events', model: 'claude-haiku-4-5', cost_usd: '0.001', input_tokens: '100', output_tokens: '10', request_id: 'req_1' }]);
    const { provider, tokens, cost } = meter(AggregationTemporalityPreference.DELTA);
    for (const session of ['with-events', 'metrics-only']) {
      const common = { 'session.id': session, model: 'claude-sonnet-4-5' };
      tokens.add(2000, { ...common, type: 'input' });
      tokens.add(300, { ...common, type: 'output' });
      tokens.add(10_000, { ...common, type: 'cacheRead' });
      tokens.add(500, { ...common, type: 'cacheCreation' });
      cost.add(0.01125, common);
    }
    await provider.forceFlush();
    await provider.shutdown();
    const fromMetrics = target.records().filter((record) => record.sourceId?.startsWith('claude-code-metrics:'));
    expect(fromMetrics.map(({ model, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, cost: usd }) => ({ model, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, usd }))).toEqual([
      { model: 'claude-sonnet-4-5', inputTokens: 12_500, outputTokens: 300, cachedInputTokens: 10_000, cacheWriteTokens: 500, usd: '0.01125' },
    ]);
    expect(target.receiver.counters.view().coveredByEvents).toBe(1);
  });

  it('turns cumulative metric points into the usage added since the previous point', async () => {
    const { provider, tokens, cost } = meter(AggregationTemporalityPreference.CUMULATIVE);
    const common = { 'session.id': 'cumulative', model: 'claude-opus-4-1' };
    tokens.add(1000, { ...common, type: 'input' });
    cost.add(0.015, common);
    await provider.forceFlush();
    tokens.add(400, { ...common, type: 'input' });
    cost.add(0.006, common);
    await provider.forceFlush();
    await provider.forceFlush(); // nothing new: adds nothing
    await provider.shutdown();
    expect(target.records().map((record) => [record.inputTokens, record.cost])).toEqual([
      [1000, '0.015'],
      [400, '0.006'],
    ]);
  });
});
