/** The decoders' rules on hand-made OTLP JSON, where the SDK tests cannot reach: restarts, odd senders. */
import { describe, expect, it } from 'vitest';
import { claudeCodeProvider } from './claude-code-events.js';
import { ClaudeCodeMetrics } from './claude-code-metrics.js';
import { decodeSpans } from './genai-spans.js';
import { decodeLitellm } from './litellm.js';
import { usdAmount } from './otlp-json.js';
import { providerIdFor } from './provider-ids.js';

const now = new Date('2026-11-21T10:00:00Z');
const nanos = (iso: string) => String(BigInt(Date.parse(iso)) * 1_000_000n);
const attrs = (values: Record<string, string | number>) =>
  Object.entries(values).map(([key, value]) => ({ key, value: typeof value === 'string' ? { stringValue: value } : { intValue: String(value) } }));
const spans = (...list: Record<string, unknown>[]) => ({ resourceSpans: [{ scopeSpans: [{ spans: list }] }] });

describe('provider names', () => {
  it('maps the conventions’, the AI SDK’s and LiteLLM’s names to Spendbar ids, and nothing else', () => {
    const names = ['openai', 'anthropic', 'aws.bedrock', 'gcp.gemini', 'gcp.vertex_ai', 'x_ai', 'xai', 'deepseek', 'groq', 'mistral_ai', 'openrouter', 'openai.chat', 'anthropic.messages', 'google.generative-ai', 'bedrock', 'vertex_ai', 'together_ai', 'azure', 'cohere', 'custom'];
    expect(Object.fromEntries(names.map((name) => [name, providerIdFor(name) ?? null]))).toEqual({
      openai: 'openai', anthropic: 'anthropic', 'aws.bedrock': 'aws', 'gcp.gemini': 'gcp', 'gcp.vertex_ai': 'gcp', x_ai: 'xai', xai: 'xai', deepseek: 'deepseek', groq: 'groq', mistral_ai: 'mistral', openrouter: 'openrouter',
      'openai.chat': 'openai', 'anthropic.messages': 'anthropic', 'google.generative-ai': 'gcp', bedrock: 'aws', vertex_ai: 'gcp', together_ai: 'together', azure: null, cohere: null, custom: null,
    });
  });

  it('bills Claude Code on Bedrock and Vertex AI model ids to AWS and Google Cloud', () => {
    expect(['claude-sonnet-4-5-20250929', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'claude-sonnet-4@20250514'].map(claudeCodeProvider)).toEqual(['anthropic', 'aws', 'aws', 'gcp']);
  });
});

describe('spans', () => {
  it('adds cache tokens into input when a sender reports them apart (more cached than input)', () => {
    const decoded = decodeSpans(
      spans({ traceId: 'a', spanId: 'b', endTimeUnixNano: nanos('2026-11-21T09:00:00Z'), attributes: attrs({ 'gen_ai.system': 'anthropic', 'gen_ai.request.model': 'claude-sonnet-4-5', 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5, 'gen_ai.usage.cache_read.input_tokens': 5000 }) }),
      now,
    );
    expect(decoded.usages[0]).toMatchObject({ inputTokens: 5010, cachedInputTokens: 5000, timestamp: '2026-11-21T09:00:00.000Z' });
  });

  it('counts streamText.doStream, skips the AI SDK’s outer spans, and refuses a span dated days ahead', () => {
    const usage = { 'ai.model.id': 'gpt-4o', 'ai.model.provider': 'openai.responses', 'ai.usage.inputTokens': 1, 'ai.usage.outputTokens': 1 };
    const decoded = decodeSpans(
      spans(
        { name: 'ai.streamText', spanId: '1', traceId: 't', attributes: attrs({ 'ai.operationId': 'ai.streamText', ...usage }) },
        { name: 'ai.streamText.doStream', spanId: '2', traceId: 't', attributes: attrs({ 'ai.operationId': 'ai.streamText.doStream', ...usage }) },
        { name: 'ai.generateObject.doGenerate', spanId: '3', traceId: 't', endTimeUnixNano: nanos('2026-11-25T00:00:00Z'), attributes: attrs(usage) },
      ),
      now,
    );
    expect(decoded.usages.map((usage) => usage.sourceId)).toEqual(['t:2']);
    expect(decoded.rejected).toEqual(['Span "ai.generateObject.doGenerate" is dated in the future.']);
  });
});

describe('Claude Code metrics across a restart of Spendbar', () => {
  const point = (value: number, start: string, time: string) => ({
    resourceMetrics: [
      {
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'claude_code.token.usage',
                sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ asInt: String(value), startTimeUnixNano: nanos(start), timeUnixNano: nanos(time), attributes: attrs({ type: 'output', model: 'claude-opus-4-1', 'session.id': 's' }) }] },
              },
            ],
          },
        ],
      },
    ],
  });
  const started = BigInt(Date.parse('2026-11-21T09:30:00Z')) * 1_000_000n;

  it('takes the first point of a series that began before the receiver as a baseline, then counts what it adds', () => {
    const metrics = new ClaudeCodeMetrics(started);
    expect(metrics.decode(point(900, '2026-11-21T09:00:00Z', '2026-11-21T09:40:00Z'), now, () => false).usages).toEqual([]);
    expect(metrics.decode(point(1000, '2026-11-21T09:00:00Z', '2026-11-21T09:41:00Z'), now, () => false).usages.map((usage) => usage.outputTokens)).toEqual([100]);
  });

  it('counts a series that began after the receiver started from zero, and a sender’s restart from its new start', () => {
    const metrics = new ClaudeCodeMetrics(started);
    expect(metrics.decode(point(50, '2026-11-21T09:35:00Z', '2026-11-21T09:40:00Z'), now, () => false).usages.map((usage) => usage.outputTokens)).toEqual([50]);
    expect(metrics.decode(point(20, '2026-11-21T09:45:00Z', '2026-11-21T09:46:00Z'), now, () => false).usages.map((usage) => usage.outputTokens)).toEqual([20]);
  });
});

describe('amounts a sender computed', () => {
  it('keeps the decimal the sender printed, refuses negatives and text, and caps at 12 decimals', () => {
    expect([0.001047, '0.0228375', 2.85e-5, 1e-13, -1, 'NaN', '1e400'].map(usdAmount)).toEqual(['0.001047', '0.0228375', '0.0000285', '0', undefined, undefined, undefined]);
  });

  it('LiteLLM: a payload without id or model is set aside, not stored', () => {
    expect(decodeLitellm([{ model: 'gpt-4o', custom_llm_provider: 'openai' }, 'text'], now).rejected).toHaveLength(2);
  });
});
