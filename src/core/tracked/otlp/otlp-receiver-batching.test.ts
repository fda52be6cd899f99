/** A burst of parallel exports is stored in a few locked writes, not one per request, and nothing is lost. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SpendbarService } from '../../host/service.js';
import { createHttpClient } from '../../http/http-client.js';
import { MemorySecretStore } from '../../secrets/secret-store.js';
import { TrackedStore } from '../tracked-store.js';
import { OtlpReceiver } from './otlp-receiver.js';

it('stores 100 parallel exports of 10 spans each in far fewer writes than requests', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'spendbar-otlp-batch-'));
  const service = new SpendbarService({ dataDir, env: {}, secrets: new MemorySecretStore(), http: createHttpClient({ maxRetries: 0 }) });
  let writes = 0;
  const receiver = new OtlpReceiver({ port: 0, track: (inputs) => ((writes += 1), service.track(inputs)) });
  const port = await receiver.listen();
  const end = String(BigInt(Date.now()) * 1_000_000n);
  const attributes = [
    { key: 'gen_ai.provider.name', value: { stringValue: 'openai' } },
    { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o-mini' } },
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '1000' } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: '100' } },
  ];
  const body = (request: number) =>
    JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: Array.from({ length: 10 }, (_, span) => ({ traceId: `trace${request}`, spanId: `span${span}`, name: 'chat', endTimeUnixNano: end, attributes })) }] }] });
  try {
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, request) => fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(request) }).then((response) => response.status)),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(new TrackedStore(dataDir, () => {}).list(new Date().toISOString().slice(0, 7))).toHaveLength(1000);
    expect(writes).toBeLessThan(50);
  } finally {
    await receiver.close();
  }
});
