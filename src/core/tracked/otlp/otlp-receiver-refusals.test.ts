/** What the receiver refuses, each with a 4xx that says what to change, and nothing stored. */
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderSnapshot, startReceiver, type ReceiverUnderTest } from '../../../../tests/kit/otlp-receiver-kit.js';

const span = (model: string) =>
  JSON.stringify({
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: '5b8efff798038103d269b633813fc60c',
                spanId: 'eee19b7ec3c1b174',
                name: 'chat',
                endTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                attributes: [
                  { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
                  { key: 'gen_ai.request.model', value: { stringValue: model } },
                  { key: 'gen_ai.usage.input_tokens', value: { intValue: '1000' } },
                  { key: 'gen_ai.usage.output_tokens', value: { intValue: 100 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });

let target: ReceiverUnderTest;
beforeEach(async () => {
  target = await startReceiver({ maxBodyBytes: 64 * 1024 });
});
afterEach(async () => {
  await target.close();
});

describe('refused requests', () => {
  const cases: [string, () => Promise<{ status: number; body: string }>, number, RegExp][] = [
    ['protobuf', () => target.post('/v1/traces', Buffer.from([0x0a, 0x00]), { 'content-type': 'application/x-protobuf' }), 415, /OTEL_EXPORTER_OTLP_PROTOCOL=http\/json/],
    ['another content type', () => target.post('/v1/traces', span('gpt-4o'), { 'content-type': 'text/plain' }), 415, /application\/json/],
    ['an oversized body (by its length)', () => target.post('/v1/traces', 'x'.repeat(65 * 1024)), 413, /larger than/],
    ['an oversized body (chunked)', () => target.post('/v1/traces', 'x'.repeat(200 * 1024), { 'transfer-encoding': 'chunked' }), 413, /larger than/],
    ['a gzip body that inflates past the cap', () => target.post('/v1/traces', gzipSync(Buffer.alloc(1024 * 1024, 32)), { 'content-encoding': 'gzip' }), 413, /larger than/],
    ['malformed JSON', () => target.post('/v1/traces', '{"resourceSpans": ['), 400, /not JSON/],
    ['malformed NDJSON', () => target.post('/litellm', '{"id": "a"}\n{oops'), 400, /Line 2/],
    ['a foreign Host (DNS rebinding)', () => target.post('/v1/traces', span('gpt-4o'), { host: `attacker.example:${new URL(target.url).port}` }), 403, /Host/],
    ['a browser Origin', () => target.post('/v1/traces', span('gpt-4o'), { origin: 'https://example.com' }), 403, /web pages/],
    ['an unknown path', () => target.post('/v1/profiles', span('gpt-4o')), 404, /v1\/traces/],
  ];
  for (const [what, send, status, message] of cases) {
    it(`refuses ${what} with ${status} and stores nothing`, async () => {
      const before = folderSnapshot(target.dataDir);
      const response = await send();
      expect(response.status).toBe(status);
      expect(JSON.parse(response.body).error.message).toMatch(message);
      expect(folderSnapshot(target.dataDir)).toEqual(before);
    });
  }

  it('accepts a gzip body, as OTLP exporters may send', async () => {
    const response = await target.post('/v1/traces', gzipSync(span('gpt-4o')), { 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({});
    // gpt-4o: 1000 x $2.50 + 100 x $10 per million.
    expect(target.records().map((record) => record.cost)).toEqual(['0.0035']);
  });
});
